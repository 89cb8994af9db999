"""Counting responses into AnswerCount (and SegmentCount, MomentSum), incrementally from a
watermark.

A batch is read in id order and counted in one transaction that also moves the watermark, with
the watermark row locked: several workers are safe, and a batch is never counted twice. Ids are
handed out at insert time but become visible at commit, so a hole in the ids may be a submission
still committing: the worker stops at a hole while the response after it is younger than
GOVCX_ROLLUP_GAP_SECONDS (a retried submission with an idempotency key leaves a hole for good;
a submission's INSERT commits within milliseconds). Imports, whose rows carry old dates, take the
same lock for their whole transaction, so their rows are never passed over.
"""

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from datetime import date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.db.models import F, Q, QuerySet, Sum
from django.utils import timezone

from govcx.analytics.counting import (
    SCORED_TYPES,
    Answer,
    Cells,
    Place,
    Questions,
    Tally,
    count_into,
)
from govcx.analytics.models import AnswerCount, RollupState
from govcx.analytics.purged import PurgedRanges
from govcx.analytics.rollup_tables import (
    ANSWERS,
    MOMENTS,
    ROLLUPS,
    SEGMENTS,
    Meta,
    Rollup,
    count_answers_sql,
    count_segments_sql,
    upsert,
)
from govcx.catalog.models import Touchpoint
from govcx.collection.models import Response
from govcx.surveys.models import SurveyVersion

BATCH = 5000  # responses per transaction when counting in Python (SQLite)
# Responses per transaction when PostgreSQL counts: a backlog touches most of a year's cells in
# every batch, so the cost per response falls as batches grow (measured on 2,000,000 responses
# with random dates: 22,100/s at 100,000, 26,000/s at 200,000); a transaction of this size
# holds the watermark lock for about 8 s.
DATABASE_BATCH = 200_000
Row = tuple[int, datetime, int, int, int, str, str, int, dict[str, Any]]
FIELDS = (
    "id",
    "received_at",
    "organization_id",
    "survey_id",
    "touchpoint_id",
    "channel",
    "language",
    "version_id",
    "answers",
)


class _Lookups:
    """Touchpoint -> service and each version's questions (counting.Questions), loaded as
    needed."""

    def __init__(self) -> None:
        self.services: dict[int, int] = {}
        self.versions: dict[int, Questions] = {}

    def service(self, touchpoint_id: int) -> int:
        if touchpoint_id not in self.services:
            self.services.update(Touchpoint.objects.values_list("pk", "service_id"))
        return self.services[touchpoint_id]

    def questions(self, version_id: int) -> Questions:
        if version_id not in self.versions:
            definition = SurveyVersion.objects.get(pk=version_id).definition
            self.versions[version_id] = Questions.of(definition)
        return self.versions[version_id]


def cells(rows: Iterable[Row], lookups: _Lookups) -> Cells:
    """The rollup cells of the responses (counting.count_into)."""
    counted = Cells(Counter(), Counter(), Counter())
    for _id, received, org, survey, touchpoint, channel, language, version, answers in rows:
        day = timezone.localdate(received)
        place = Place(day, org, lookups.service(touchpoint), survey, touchpoint, channel)
        count_into(counted, place, language, answers, lookups.questions(version))
    return counted


def _upsert_all(counted: Cells) -> None:
    upsert(ANSWERS, counted.answers)
    upsert(MOMENTS, counted.moments)
    upsert(SEGMENTS, counted.segments)


def _contiguous(rows: list[Row], last_id: int, now: datetime) -> list[Row]:
    """The rows up to the first hole in the ids that is too recent to pass over."""
    patience = timedelta(seconds=settings.GOVCX_ROLLUP_GAP_SECONDS)
    taken: list[Row] = []
    expected = last_id + 1
    for row in rows:
        if row[0] != expected and now - row[1] < patience:
            break
        taken.append(row)
        expected = row[0] + 1
    return taken


def rollup_state_locked() -> RollupState:
    """The watermark row, locked until the surrounding transaction ends."""
    RollupState.objects.get_or_create(pk=1)
    return RollupState.objects.select_for_update().get(pk=1)


def rollup_advance(*, batch: int | None = None, now: datetime | None = None) -> int:
    """Count the next batch of responses; return how many were counted (0: caught up)."""
    now = now or timezone.now()
    with transaction.atomic():
        state = rollup_state_locked()
        if connection.vendor == "postgresql":
            counted = _advance_in_database(state, batch or DATABASE_BATCH, now)
        else:
            counted = _advance_in_python(state, batch or BATCH, now)
        state.save()
    return counted


def _advance_in_python(state: RollupState, batch: int, now: datetime) -> int:
    rows: list[Row] = list(
        Response.objects.filter(pk__gt=state.last_id).order_by("pk").values_list(*FIELDS)[:batch]
    )
    taken = _contiguous(rows, state.last_id, now)
    if taken:
        _upsert_all(cells(taken, _Lookups()))
        state.last_id = taken[-1][0]
    return len(taken)


def _advance_in_database(state: RollupState, batch: int, now: datetime) -> int:
    """The same counting as cells(), done by PostgreSQL over an id range
    (rollup_tables.count_answers_sql): one statement for the answer counts, one more for the
    segment cross-tab when a version in the batch asks a segment question (measured: several
    times the Python path's rate). Agreement-scale moments, for the few surveys that have them,
    are still summed in Python."""
    marks: list[Any] = list(
        Response.objects.filter(pk__gt=state.last_id)
        .order_by("pk")
        .values_list("pk", "received_at")[:batch]
    )
    taken = _contiguous(marks, state.last_id, now)
    if not taken:
        return 0
    low, high = state.last_id, taken[-1][0]
    lookups = _Lookups()
    versions = list(
        Response.objects.filter(pk__gt=low, pk__lte=high)
        .order_by()
        .values_list("version_id", flat=True)
        .distinct()
    )
    answered: list[Meta] = []  # segment answers are counted in the cross-tab only
    segments: list[Meta] = []
    for version in versions:
        questions = lookups.questions(version)
        for key, (kind, measure) in questions.counted.items():
            answered.append((version, key, kind, measure, False))
        for key in questions.segments:
            segments.append((version, key, "", "", True))
    scored = [row for row in answered if row[2] in SCORED_TYPES and row[3]]
    parameters: dict[str, Any] = {"low": low, "high": high, "tz": settings.TIME_ZONE}
    with connection.cursor() as cursor:
        # Room to group a batch in memory (measured: the default 4 MB spilled to disk), and no
        # JIT: the batch's cost estimate crosses jit_above_cost, and compiling took 0.5 s of a
        # 3.3 s statement while saving nothing measurable.
        cursor.execute("SET LOCAL work_mem = '128MB'")
        cursor.execute("SET LOCAL jit = off")
        cursor.execute(count_answers_sql(answered), parameters)
        if segments and scored:
            cursor.execute(count_segments_sql(segments, scored), parameters)
    scale_versions = [v for v in versions if lookups.questions(v).scale]
    if scale_versions:
        rows = Response.objects.filter(pk__gt=low, pk__lte=high, version_id__in=scale_versions)
        upsert(MOMENTS, cells(rows.order_by("pk").values_list(*FIELDS), lookups).moments)
    state.last_id = high
    return len(taken)


def rollup_tally(*, first: date, last: date, **filters: object) -> Tally:
    """The counted answers of a slice from ``first`` to ``last`` (days, inclusive): what
    counting.tally() gives for the same responses once they are counted."""
    rows = (
        AnswerCount.objects.filter(day__gte=first, day__lte=last, **filters)
        .values_list("question_key", "measure", "question_type", "answer")
        .annotate(n=Sum("count"))
        .order_by()
    )
    return Tally({Answer(key, measure, kind, answer): n for key, measure, kind, answer, n in rows})


def rollup_catch_up(*, now: datetime | None = None) -> int:
    total = 0
    while counted := rollup_advance(now=now):
        total += counted
    return total


# /healthz counts the backlog up to this many responses, so the check stays cheap at any size.
LAG_COUNT_CAP = 100_000


def rollup_waiting(responses: "QuerySet[Response]") -> bool:
    """Whether any of these responses is not counted yet: a look at the tail of the ids past the
    watermark, cheap however many are stored."""
    last_id = RollupState.objects.filter(pk=1).values_list("last_id", flat=True).first() or 0
    return responses.filter(pk__gt=last_id).exists()


def rollup_lag(*, now: datetime | None = None) -> dict[str, Any]:
    """How far the counting is behind: responses not yet counted (up to LAG_COUNT_CAP, then
    ``"uncounted_at_least"``) and how long the oldest of them has waited. An imported response
    carries its paper date, so the wait is counted from the later of its date and the last
    counting run: a bound that two index lookups give."""
    now = now or timezone.now()
    state = RollupState.objects.filter(pk=1).values_list("last_id", "updated_at").first()
    last_id, last_run = state if state else (0, None)
    waiting = Response.objects.filter(pk__gt=last_id)
    uncounted = waiting[: LAG_COUNT_CAP + 1].count()
    oldest = waiting.order_by("pk").values_list("received_at", flat=True).first()
    seconds = 0.0
    if oldest is not None:
        since = max(oldest, last_run) if last_run else oldest
        seconds = max(0.0, (now - since).total_seconds())
    return {
        "uncounted": min(uncounted, LAG_COUNT_CAP),
        "uncounted_at_least": uncounted > LAG_COUNT_CAP,
        "oldest_uncounted_seconds": round(seconds, 1),
    }


def _stored(rollup: Rollup) -> Iterator[tuple[tuple[Any, ...], int]]:
    rows = rollup.model.objects.values_list(*rollup.dimensions, rollup.measure)
    for row in rows.iterator(chunk_size=10_000):
        yield tuple(row[:-1]), row[-1]


def _differences(
    rollup: Rollup,
    expected: Counter[Any],
    skip: Callable[[tuple[Any, ...]], bool] | None = None,
) -> list[str]:
    """Stored cells against a recount; cells ``skip`` names (purged quarters) are left out."""
    differences = []
    name = rollup.model.__name__
    for cell, stored in _stored(rollup):
        wanted = expected.pop(cell, 0)
        if wanted != stored and not (skip and skip(cell)):
            differences.append(f"{name} {cell}: stored {stored}, recount {wanted}")
    return differences + [
        f"{name} {cell}: stored 0, recount {n}"
        for cell, n in expected.items()
        if not (skip and skip(cell))
    ]


def rollup_differences(limit: int = 50) -> tuple[int, list[str]]:
    """Recount every response up to the watermark from scratch and compare with the stored
    cells of every rollup; return (responses recounted, the first differences). Cells of purged
    quarters (retention) keep counts whose raw responses are gone, so they are not compared."""
    state = RollupState.objects.get_or_create(pk=1)[0]
    purged = PurgedRanges()
    lookups = _Lookups()
    expected = Cells(Counter(), Counter(), Counter())
    responses = Response.objects.filter(pk__lte=state.last_id).order_by("pk").values_list(*FIELDS)
    recounted = 0
    for chunk in _chunks(responses.iterator(chunk_size=5000), 5000):
        counted = cells(chunk, lookups)
        expected.answers.update(counted.answers)
        expected.moments.update(counted.moments)
        expected.segments.update(counted.segments)
        recounted += len(chunk)
    skip = purged.covers_cell if purged else None
    differences = _differences(ANSWERS, expected.answers, skip)
    differences += _differences(MOMENTS, expected.moments, skip)
    differences += _differences(SEGMENTS, expected.segments, skip)
    return recounted, differences[:limit]


def _chunks(rows: Iterator[Row], size: int) -> Iterator[list[Row]]:
    chunk: list[Row] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def rollup_rebuild() -> int:
    """Throw the counts away and count everything again (after a repair). Counts of purged
    quarters are kept: their raw responses are gone and could not be counted again."""
    with transaction.atomic():
        state = rollup_state_locked()
        purged = PurgedRanges()
        if purged:
            _drop_counts_except(purged)
            _uncount_still_stored(purged, state.last_id)
        else:
            for rollup in ROLLUPS:
                rollup.model.objects.all().delete()
        state.last_id = 0
        state.save()
    return rollup_catch_up()


def _drop_counts_except(purged: PurgedRanges) -> None:
    """Delete every count outside the purged ranges, survey by survey (a short condition
    each, however many quarters have been purged across all surveys)."""
    keep: dict[int, Q] = {}
    for (survey_id, service_id), ranges in purged.ranges.items():
        for first, last in ranges:
            condition = Q(service_id=service_id, day__gte=first, day__lte=last)
            keep[survey_id] = keep[survey_id] | condition if survey_id in keep else condition
    for model in (rollup.model for rollup in ROLLUPS):
        model.objects.exclude(survey_id__in=keep).delete()
        for survey_id, condition in keep.items():
            model.objects.filter(survey_id=survey_id).exclude(condition).delete()


def _uncount_still_stored(purged: PurgedRanges, last_id: int) -> None:
    """Responses still stored inside a purged range (a purge stopped by a legal hold, or an
    import of old answers) are in the kept counts and will be counted again from the start:
    take them out of the kept counts first so they are not counted twice."""
    lookups = _Lookups()
    counted = Cells(Counter(), Counter(), Counter())
    for survey_id, service_id, start, end in purged.moments():
        rows = Response.objects.filter(
            survey_id=survey_id,
            touchpoint__service_id=service_id,
            received_at__gte=start,
            received_at__lt=end,
            pk__lte=last_id,
        )
        found = cells(rows.order_by("pk").values_list(*FIELDS), lookups)
        counted.answers.update(found.answers)
        counted.moments.update(found.moments)
        counted.segments.update(found.segments)
    _subtract(ANSWERS, counted.answers)
    _subtract(MOMENTS, counted.moments)
    _subtract(SEGMENTS, counted.segments)


def _subtract(rollup: Rollup, cells: Counter[Any]) -> None:
    """Take counted cells out of the table; a cell left at 0 is deleted (a moment sum is 0 only
    where no respondent is left: scores run from 1 to 5)."""
    for cell, n in cells.items():
        where = {name: getattr(cell, name) for name in rollup.key}
        rollup.model.objects.filter(**where).update(**{rollup.measure: F(rollup.measure) - n})
    rollup.model.objects.filter(**{rollup.measure: 0}).delete()
