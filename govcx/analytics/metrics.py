"""CX metrics from the rollup counts: measures, trends, breakdowns and A-11 drivers.

Every function takes a queryset of AnswerCount already narrowed to what the reader may see
(organizations, services, life event, period) and reads grouped sums: never raw responses.
Percent positive is 4-5 on the agreement scale and thumbs up; a percent is shown only from
GOVCX_MIN_N responses, and segment cells under 10 are suppressed.
"""

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Protocol, TypeVar

from django.conf import settings
from django.db.models import QuerySet, Sum
from django.db.models.functions import TruncQuarter
from django.utils.translation import gettext

from govcx.analytics.counting import RESPONSES
from govcx.analytics.models import AnswerCount
from govcx.analytics.periods import Period
from govcx.analytics.stats import Change, Proportion, mean, suppressed, two_proportion_test, wilson
from govcx.surveys.vocabulary import DRIVERS, Measure

POSITIVE = {"agreement5": {"4", "5"}, "thumbs": {"1"}}


def driver_label(driver: str) -> str:
    """The driver's name in the active language."""
    return str(dict(Measure.choices).get(driver) or gettext("Other"))


SCORED_TYPES = tuple(POSITIVE)


Counts = TypeVar("Counts", bound=QuerySet[Any])


def in_period(counts: Counts, period: Period) -> Counts:
    return counts.filter(day__gte=period.start, day__lte=period.end)


class Counted(Protocol):
    """Anything that holds a count of one answer to a tagged question (Cell, SegmentCell)."""

    @property
    def measure(self) -> str: ...
    @property
    def question_type(self) -> str: ...
    @property
    def answer(self) -> str: ...
    @property
    def count(self) -> int: ...


C = TypeVar("C", bound=Counted)


@dataclass(frozen=True)
class Cell:
    """A slice's counts summed over its period: small enough to hold, so every table of a
    dashboard is computed from one grouped query."""

    measure: str
    question_type: str
    question_key: str
    answer: str
    channel: str
    language: str
    service_id: int
    touchpoint_id: int
    organization_id: int
    count: int


CELL_FIELDS = (
    "measure",
    "question_type",
    "question_key",
    "answer",
    "channel",
    "language",
    "service_id",
    "touchpoint_id",
    "organization_id",
)


def load(counts: QuerySet[AnswerCount]) -> list[Cell]:
    rows = counts.values_list(*CELL_FIELDS).annotate(total=Sum("count")).order_by()
    return [Cell(*row) for row in rows]


@dataclass
class MeasureResult:
    measure: str
    label: str
    proportion: Proportion
    mean: float | None
    distribution: dict[str, dict[str, int]]  # question type -> answer -> count
    enough: bool

    @property
    def n(self) -> int:
        return self.proportion.n

    @property
    def answers(self) -> list[tuple[str, str, int]]:
        """(answer code, its name in the active language, count), scale order, high first."""
        names = {"1": gettext("Thumbs up"), "0": gettext("Thumbs down")}
        return [
            (answer, names[answer] if kind == "thumbs" else answer, count)
            for kind in ("agreement5", "thumbs")
            for answer, count in sorted(
                self.distribution.get(kind, {}).items(), key=lambda item: item[0], reverse=True
            )
        ]


def _proportion(rows: dict[tuple[str, str], int]) -> Proportion:
    n = sum(rows.values())
    positive = sum(c for (kind, answer), c in rows.items() if answer in POSITIVE.get(kind, ()))
    return wilson(positive, n)


def _scored(cells: Sequence[C], measure: str | None = None) -> list[C]:
    return [
        c
        for c in cells
        if c.question_type in SCORED_TYPES
        and c.measure
        and (measure is None or c.measure == measure)
    ]


def measures(cells: list[Cell]) -> list[MeasureResult]:
    """One result per CX measure with scored answers, in the A-11 order."""
    by_measure: dict[str, dict[tuple[str, str], int]] = defaultdict(lambda: defaultdict(int))
    for cell in _scored(cells):
        by_measure[cell.measure][(cell.question_type, cell.answer)] += cell.count
    results = []
    for measure, label in Measure.choices:
        totals = by_measure.get(measure)
        if not totals:
            continue
        distribution: dict[str, dict[str, int]] = defaultdict(dict)
        for (kind, answer), total in totals.items():
            distribution[kind][answer] = total
        scale = {int(a): c for a, c in distribution.get("agreement5", {}).items() if a.isdigit()}
        proportion = _proportion(totals)
        results.append(
            MeasureResult(
                measure,
                str(label),
                proportion,
                mean(scale),
                dict(distribution),
                proportion.n >= settings.GOVCX_MIN_N,
            )
        )
    return results


def measure_proportion(cells: list[Cell], measure: str) -> Proportion:
    totals: dict[tuple[str, str], int] = defaultdict(int)
    for cell in _scored(cells, measure):
        totals[(cell.question_type, cell.answer)] += cell.count
    return _proportion(totals)


@dataclass
class TrendPoint:
    period: Period
    proportion: Proportion
    enough: bool
    change: Change | None = None


def trend(
    counts: QuerySet[AnswerCount], periods: list[Period], measure: str = "trust"
) -> list[TrendPoint]:
    """The measure in each fiscal quarter (one query grouped by quarter: fiscal quarters begin
    on calendar quarters), with the change from the quarter before."""
    rows = (
        in_period(counts, Period("", periods[0].start, periods[-1].end, ""))
        .filter(measure=measure, question_type__in=SCORED_TYPES)
        .annotate(quarter=TruncQuarter("day"))
        .values_list("quarter", "question_type", "answer")
        .annotate(total=Sum("count"))
        .order_by()
    )
    return trend_points(rows, periods)


def trend_points(
    rows: Iterable[tuple[date, str, str, int]], periods: list[Period]
) -> list[TrendPoint]:
    """Trend points from (day in the quarter, question type, answer, count) rows."""
    buckets: list[dict[tuple[str, str], int]] = [defaultdict(int) for _ in periods]
    for day, kind, answer, total in rows:
        index = _period_index(periods, day)
        if index is not None:
            buckets[index][(kind, answer)] += total
    return proportion_points([_proportion(bucket) for bucket in buckets], periods)


def proportion_points(proportions: list[Proportion], periods: list[Period]) -> list[TrendPoint]:
    """Trend points from each period's proportion: the minimum n, and the change from the
    period before when both have enough answers."""
    points: list[TrendPoint] = []
    for period, proportion in zip(periods, proportions, strict=True):
        point = TrendPoint(period, proportion, proportion.n >= settings.GOVCX_MIN_N)
        if points and points[-1].enough and point.enough:
            before = points[-1].proportion
            point.change = two_proportion_test(
                (before.positive, before.n), (proportion.positive, proportion.n)
            )
        points.append(point)
    return points


def _period_index(periods: list[Period], day: date) -> int | None:
    for index, period in enumerate(periods):
        if period.start <= day <= period.end:
            return index
    return None


@dataclass
class Segment:
    key: str
    label: str
    proportion: Proportion
    hidden: bool  # suppressed: fewer than 10 answers, or the complement of such a group
    enough: bool
    gap: Change | None = None  # against everyone else, when significant or not
    complement: bool = False  # hidden only so that a smaller hidden group cannot be derived


def breakdown(
    source: Sequence[Counted],
    by: str,
    labels: dict[str, str] | None = None,
    measure: str = "trust",
    group: dict[str, str] | None = None,
) -> list[Segment]:
    """The measure per value of ``by`` (channel, language, service_id, ...), each compared with
    all other respondents by a two-proportion test; small cells are suppressed. ``group`` maps
    values to coarser groups first (e.g. touchpoint to its service stage)."""
    cells: dict[str, dict[tuple[str, str], int]] = defaultdict(lambda: defaultdict(int))
    for cell in _scored(source, measure):
        key = str(getattr(cell, by))
        cells[group.get(key, key) if group else key][(cell.question_type, cell.answer)] += (
            cell.count
        )
    proportions = {key: _proportion(c) for key, c in cells.items()}
    everyone = (
        sum(p.positive for p in proportions.values()),
        sum(p.n for p in proportions.values()),
    )
    segments = []
    for key, proportion in sorted(proportions.items(), key=lambda item: -item[1].n):
        hidden = suppressed(proportion.n)
        segment = Segment(
            key,
            (labels or {}).get(key, key),
            proportion,
            hidden,
            proportion.n >= settings.GOVCX_MIN_N,
        )
        rest = (everyone[0] - proportion.positive, everyone[1] - proportion.n)
        if not hidden and segment.enough and rest[1] >= settings.GOVCX_MIN_N:
            segment.gap = two_proportion_test(rest, (proportion.positive, proportion.n))
        segments.append(segment)
    _suppress_complement(segments)
    return segments


def _suppress_complement(segments: list[Segment]) -> None:
    """Hiding one group alone does not hide it: its count is the total minus the groups shown
    (and its positives follow from the gaps shown). When exactly one group is hidden, hide the
    smallest shown group too (complementary suppression), so that only the two together can be
    worked out, and together they hold at least 10 answers."""
    hidden = [s for s in segments if s.hidden]
    shown = [s for s in segments if not s.hidden and s.proportion.n > 0]
    if len(hidden) != 1 or not shown:
        return
    smallest = min(shown, key=lambda s: s.proportion.n)
    smallest.hidden = smallest.complement = True
    smallest.gap = None


@dataclass
class DriverRow:
    driver: str
    label: str
    positive: Proportion  # share of thumbs-up (or 4-5) respondents naming it as going well
    negative: Proportion  # share of thumbs-down (or 1-3) respondents naming it as not going well


@dataclass
class Drivers:
    positive_n: int
    negative_n: int
    rows: list[DriverRow] = field(default_factory=list)


def a11_drivers(cells: list[Cell]) -> Drivers:
    """For A-11 current surveys: how often each driver is named after a positive and after a
    negative trust answer (the driver questions are asked only after those answers)."""
    trust = measure_proportion(cells, "trust")
    driver_keys = ("went_well", "went_poorly")
    named: dict[tuple[str, str], int] = defaultdict(int)
    for cell in cells:
        if cell.question_key in driver_keys:
            named[(cell.question_key, cell.answer)] += cell.count
    positive_n, negative_n = trust.positive, trust.n - trust.positive
    result = Drivers(positive_n, negative_n)
    for driver in DRIVERS:
        result.rows.append(
            DriverRow(
                driver,
                driver_label(driver),
                wilson(named.get((driver_keys[0], driver), 0), positive_n),
                wilson(named.get((driver_keys[1], driver), 0), negative_n),
            )
        )
    return result


def volume(cells: list[Cell]) -> int:
    return sum(cell.count for cell in cells if cell.question_key == RESPONSES)


@dataclass
class Comparison:
    """A measure in the chosen period against another period; the change is tested only when
    both periods have enough answers, and called significant only when the test says so."""

    measure: str
    label: str
    now: Proportion
    then: Proportion
    enough: bool
    change: Change | None


def compare_measures(
    current: list[MeasureResult], earlier: list[MeasureResult]
) -> list[Comparison]:
    before = {m.measure: m for m in earlier}
    results = []
    for m in current:
        other = before.get(m.measure)
        then = other.proportion if other else wilson(0, 0)
        enough = m.enough and other is not None and other.enough
        change = (
            two_proportion_test((then.positive, then.n), (m.proportion.positive, m.proportion.n))
            if enough
            else None
        )
        results.append(Comparison(m.measure, m.label, m.proportion, then, enough, change))
    return results
