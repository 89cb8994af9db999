"""The figures of a report counted from a set of responses: the one counting definition
(analytics/counting.py, which the rollups store per day) applied to the responses frozen at
submission (reporting/frozen.py), or read from the rollups while the report is edited.

The trust figures the public pages show are counted once from the frozen responses and stored
on each detail: each trust answer counts as the dashboards count it (measure trust, thumbs or
the 5-point scale, segment questions aside); positive is thumbs up or 4-5. So a report
submitted with its rollups caught up shows the same figures the dashboards showed, and they
stay.

Pure functions on answers and definitions: the migration that froze the figures of reports
submitted before them uses them too.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from govcx.analytics.counting import Tally, tally
from govcx.analytics.metrics import POSITIVE

MEASURE = "trust"


@dataclass(frozen=True)
class TrustCount:
    n: int  # trust answers
    positive: int


def trust_figures(counted: Tally) -> TrustCount:
    """The trust answers of a tally and how many of them are positive."""
    n = positive = 0
    for answer, count in counted.items():
        if answer.measure == MEASURE and answer.question_type in POSITIVE:
            n += count
            positive += count if answer.answer in POSITIVE[answer.question_type] else 0
    return TrustCount(n, positive)


def trust_count(
    rows: Iterable[tuple[int, dict[str, Any]]], definition: Callable[[int], dict[str, Any]]
) -> TrustCount:
    """Trust answers in (version id, answers) rows; ``definition`` gives a version's."""
    return trust_figures(tally(rows, definition))
