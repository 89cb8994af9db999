"""The one definition of what is counted: which answers of a response count, and into which
cell of which rollup.

Every figure govcx shows or reports is a sum of these counts: the rollups store them per day
(analytics/rollups.py, on PostgreSQL by SQL that counts the same way and is checked against
this), and a submitted report counts its frozen responses with the same functions
(reporting/figures.py). Pure functions of answers and survey definitions, so a migration can
use them too.
"""

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any, NamedTuple

from govcx.surveys.definition import iter_questions, segment_keys
from govcx.surveys.vocabulary import CHOICE_TYPES, SCALE_VALUES

RESPONSES = "_responses"  # the question key under which each response itself is counted
COUNTED_TYPES = frozenset({*SCALE_VALUES, *CHOICE_TYPES})
SCORED_TYPES = ("agreement5", "thumbs")  # the types a percent positive is computed from


class Answer(NamedTuple):
    """What one answer count is about, whatever the day or place: the rollups' answer dimensions."""

    question_key: str
    measure: str
    question_type: str
    answer: str


RESPONSE = Answer(RESPONSES, "", "", "")  # each response counts once under this
Tally = Counter[Answer]  # answer counts of a set of responses, summed over days and places


class Place(NamedTuple):
    """Where and when a response was given: the dimensions every rollup starts with."""

    day: date
    organization_id: int
    service_id: int
    survey_id: int
    touchpoint_id: int
    channel: str


class AnswerCell(NamedTuple):
    """One AnswerCount row's dimensions, in the model's field order."""

    day: date
    organization_id: int
    service_id: int
    survey_id: int
    touchpoint_id: int
    channel: str
    language: str
    question_key: str
    measure: str
    question_type: str
    answer: str


class SegmentCell(NamedTuple):
    """One SegmentCount row's dimensions: no language (see the model)."""

    day: date
    organization_id: int
    service_id: int
    survey_id: int
    touchpoint_id: int
    channel: str
    segment_key: str
    segment_value: str
    question_key: str
    measure: str
    question_type: str
    answer: str


class MomentCell(NamedTuple):
    """One MomentSum row's dimensions."""

    day: date
    organization_id: int
    service_id: int
    survey_id: int
    touchpoint_id: int
    channel: str
    language: str
    term: str


@dataclass(frozen=True)
class Questions:
    """What a survey version's questions give to the counts."""

    counted: dict[str, tuple[str, str]]  # key -> (type, measure); segment questions aside
    segments: tuple[str, ...]  # segment question keys, counted in the cross-tab only
    scale: int  # tagged agreement-scale questions: a respondent answering all has moments

    @classmethod
    def of(cls, definition: dict[str, Any]) -> "Questions":
        segments = tuple(segment_keys(definition))
        every = {
            q["key"]: (q["type"], q.get("measure", "")) for _p, q in iter_questions(definition)
        }
        counted = {
            key: found
            for key, found in every.items()
            if found[0] in COUNTED_TYPES and key not in segments
        }
        scale = sum(1 for kind, measure in every.values() if kind == "agreement5" and measure)
        return cls(counted, segments, scale)


def answers_counted(answers: dict[str, Any], questions: Questions) -> Iterator[Answer]:
    """Each answer of one response that is counted: every value given (each option of a
    multiple choice) to a question of a counted type, segment questions aside."""
    for key, value in answers.items():
        found = questions.counted.get(key)
        if found is None:
            continue
        kind, measure = found
        for answer in value if isinstance(value, list) else [value]:
            yield Answer(key, measure, kind, str(answer))


def tally(
    rows: Iterable[tuple[int, dict[str, Any]]], definition: Callable[[int], dict[str, Any]]
) -> Tally:
    """The answer counts of (version id, answers) rows, the response itself included under
    RESPONSE; ``definition`` gives a version's. The sum of the AnswerCount rows of the same
    responses over their days and places."""
    questions: dict[int, Questions] = {}
    counts: Tally = Counter()
    for version_id, answers in rows:
        if version_id not in questions:
            questions[version_id] = Questions.of(definition(version_id))
        counts[RESPONSE] += 1
        counts.update(answers_counted(answers, questions[version_id]))
    return counts


@dataclass
class Cells:
    """The rollup cells of some responses."""

    answers: Counter[AnswerCell]
    moments: Counter[MomentCell]
    segments: Counter[SegmentCell]


def count_into(
    cells: Cells, place: Place, language: str, answers: dict[str, Any], questions: Questions
) -> None:
    """Count one response into the cells: itself and each counted answer (AnswerCount); the
    agreement-scale moments if it answered every tagged scale question (MomentSum); and its
    scored measure answers by each segment answer (SegmentCount). Segment answers are counted
    in the cross-tab only: no dashboard reads them alone, and in AnswerCount they doubled the
    rows every dashboard query reads (measured: 64,000 of an organization's 127,000 rows)."""
    cells.answers[AnswerCell(*place, language, *RESPONSE)] += 1
    scores: dict[str, int] = {}
    scored: list[Answer] = []
    for answer in answers_counted(answers, questions):
        cells.answers[AnswerCell(*place, language, *answer)] += 1
        if answer.measure and answer.question_type in SCORED_TYPES:
            scored.append(answer)
            if answer.question_type == "agreement5":
                scores[answer.measure] = int(answer.answer)
    if scores and len(scores) == questions.scale:
        _add_moments(cells.moments, place, language, scores)
    for segment in questions.segments if scored else ():
        given = answers.get(segment)
        group = "" if given is None else str(given)
        for answer in scored:
            cells.segments[SegmentCell(*place, segment, group, *answer)] += 1


def _add_moments(
    moments: Counter[MomentCell], place: Place, language: str, scores: dict[str, int]
) -> None:
    moments[MomentCell(*place, language, "n")] += 1
    names = sorted(scores)
    for i, first in enumerate(names):
        moments[MomentCell(*place, language, f"s:{first}")] += scores[first]
        for second in names[i:]:
            moments[MomentCell(*place, language, f"p:{first}:{second}")] += (
                scores[first] * scores[second]
            )
