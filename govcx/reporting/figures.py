"""The trust figures a published quarter shows on the public pages, counted once from the
responses frozen at submission (reporting/frozen.py) and stored on each detail.

Each trust answer counts as the rollups count it (analytics/rollups.py ``cells``): every answer
given to a question of the response's version that is tagged trust and scored (thumbs or the
5-point scale), segment questions aside; positive is thumbs up or 4-5. So a report submitted
with its rollups caught up shows the same figures the dashboards showed, and they stay.

Pure functions on answers and definitions: the migration that froze the figures of reports
submitted before them uses them too.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from govcx.analytics.metrics import POSITIVE
from govcx.surveys.definition import iter_questions, segment_keys

MEASURE = "trust"


@dataclass(frozen=True)
class TrustCount:
    n: int  # trust answers
    positive: int


def trust_questions(definition: dict[str, Any]) -> dict[str, str]:
    """The version's scored trust questions, key to type, as the rollups pick them."""
    questions = {
        q["key"]: (q["type"], q.get("measure", "")) for _page, q in iter_questions(definition)
    }
    segments = set(segment_keys(definition))
    return {
        key: kind
        for key, (kind, measure) in questions.items()
        if measure == MEASURE and kind in POSITIVE and key not in segments
    }


def trust_count(
    rows: Iterable[tuple[int, dict[str, Any]]], definition: Callable[[int], dict[str, Any]]
) -> TrustCount:
    """Trust answers in (version id, answers) rows; ``definition`` gives a version's."""
    questions: dict[int, dict[str, str]] = {}
    n = positive = 0
    for version_id, answers in rows:
        if version_id not in questions:
            questions[version_id] = trust_questions(definition(version_id))
        for key, kind in questions[version_id].items():
            if key not in answers:
                continue
            value = answers[key]
            for answer in value if isinstance(value, list) else [value]:
                n += 1
                positive += str(answer) in POSITIVE[kind]
    return TrustCount(n, positive)
