"""Equity by segment: a measure broken down by the answers to every segment question (age
group, veteran status...) that the slice's surveys ask, read from the SegmentCount cross-tab."""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import QuerySet, Sum
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from govcx.analytics import metrics
from govcx.analytics.models import SegmentCount
from govcx.surveys.models import SurveyVersion
from govcx.surveys.segment_questions import segment_labels


@dataclass(frozen=True)
class SegmentCell:
    """One segment group's count of one answer, summed over the period."""

    segment_key: str
    segment_value: str
    survey_id: int
    measure: str
    question_type: str
    answer: str
    count: int


@dataclass
class SegmentTable:
    key: str  # the segment question's key
    question: str  # its text in the active language
    segments: list[metrics.Segment]


def load_segments(counts: QuerySet[SegmentCount], measure: str) -> list[SegmentCell]:
    """One grouped query: segment groups x surveys x answers, small enough to hold."""
    rows = (
        counts.filter(measure=measure)
        .values_list(
            "segment_key", "segment_value", "survey_id", "measure", "question_type", "answer"
        )
        .annotate(total=Sum("count"))
        .order_by()
    )
    return [SegmentCell(*row) for row in rows]


def segment_breakdowns(cells: list[SegmentCell], measure: str) -> list[SegmentTable]:
    """The measure per group of each segment question, every group compared with the rest of
    the respondents asked the same question; groups under 10 are suppressed by breakdown()."""
    by_key: dict[str, list[SegmentCell]] = defaultdict(list)
    for cell in cells:
        by_key[cell.segment_key].append(cell)
    labels = _labels({cell.survey_id for cell in cells})
    tables = []
    for key, group in by_key.items():
        question, options = labels.get(key, (key, {}))
        names = {**options, "": _("No answer")}
        order = list(names)
        segments = metrics.breakdown(group, "segment_value", names, measure)
        segments.sort(key=lambda s: order.index(s.key) if s.key in order else len(order))
        tables.append(SegmentTable(key, question, segments))
    return sorted(tables, key=lambda table: table.question)


def _labels(survey_ids: set[int]) -> dict[str, tuple[str, dict[str, str]]]:
    """Segment questions' wording and answer labels from the surveys' non-draft versions."""
    if not survey_ids:
        return {}
    definitions = (
        SurveyVersion.objects.filter(survey_id__in=survey_ids)
        .exclude(state=SurveyVersion.State.DRAFT)
        .order_by("survey_id", "number")
        .values_list("definition", flat=True)
    )
    return segment_labels(definitions, (get_language() or "en").split("-")[0])
