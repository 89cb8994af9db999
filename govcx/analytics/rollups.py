"""Counting responses into AnswerCount, incrementally from a watermark.

A batch is read in id order and counted in one transaction that also moves the watermark, with
the watermark row locked: several workers are safe, and a batch is never counted twice. Ids are
handed out at insert time but become visible at commit, so a hole in the ids may be a submission
still committing: the worker stops at a hole while the response after it is younger than
GOVCX_ROLLUP_GAP_SECONDS (a retried submission with an idempotency key leaves a hole for good;
a submission's INSERT commits within milliseconds). Imports, whose rows carry old dates, take the
same lock for their whole transaction, so their rows are never passed over.
"""

from collections import Counter
from collections.abc import Iterable, Iterator
from datetime import date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.db.models import F, Q
from django.utils import timezone

from govcx.analytics.models import AnswerCount, MomentSum, RollupState
from govcx.catalog.models import Touchpoint
from govcx.collection.models import Response
from govcx.retention.purged import PurgedRanges
from govcx.surveys.definition import iter_questions
from govcx.surveys.models import SurveyVersion
from govcx.surveys.vocabulary import CHOICE_TYPES, SCALE_VALUES

BATCH = 5000
RESPONSES = "_responses"  # the question key under which each response itself is counted
COUNTED_TYPES = frozenset({*SCALE_VALUES, *CHOICE_TYPES})

# (day, organization, service, survey, touchpoint, channel, language, question, measure, type,
#  answer)
Cell = tuple[date, int, int, int, int, str, str, str, str, str, str]
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
    """Touchpoint -> service, and (version, question) -> (type, measure), loaded as needed."""

    def __init__(self) -> None:
        self.services: dict[int, int] = {}
        self.questions: dict[int, dict[str, tuple[str, str]]] = {}

    def service(self, touchpoint_id: int) -> int:
        if touchpoint_id not in self.services:
            self.services.update(Touchpoint.objects.values_list("pk", "service_id"))
        return self.services[touchpoint_id]

    def scale_count(self, version_id: int) -> int:
        """How many tagged agreement-scale questions the version asks."""
        self.question(version_id, "")
        return sum(
            1
            for kind, measure in self.questions[version_id].values()
            if kind == "agreement5" and measure
        )

    def questions_of(self, version_id: int) -> dict[str, tuple[str, str]]:
        self.question(version_id, "")
        return self.questions[version_id]

    def question(self, version_id: int, key: str) -> tuple[str, str] | None:
        if version_id not in self.questions:
            definition = SurveyVersion.objects.get(pk=version_id).definition
            self.questions[version_id] = {
                q["key"]: (q["type"], q.get("measure", "")) for _p, q in iter_questions(definition)
            }
        return self.questions[version_id].get(key)


# (day, organization, service, survey, touchpoint, channel, language, term)
Moment = tuple[date, int, int, int, int, str, str, str]


def cells(
    rows: Iterable[Row], lookups: _Lookups, moments: Counter[Moment] | None = None
) -> Counter[Cell]:
    """Count the responses into cells (one per response, one per counted answer); add the
    agreement-scale moments of complete respondents to ``moments`` when given."""
    counts: Counter[Cell] = Counter()
    for _id, received, org, survey, touchpoint, channel, language, version, answers in rows:
        day = timezone.localdate(received)
        base = (day, org, lookups.service(touchpoint), survey, touchpoint, channel, language)
        counts[(*base, RESPONSES, "", "", "")] += 1
        scores: dict[str, int] = {}
        for key, value in answers.items():
            found = lookups.question(version, key)
            if found is None or found[0] not in COUNTED_TYPES:
                continue
            for answer in value if isinstance(value, list) else [value]:
                counts[(*base, key, found[1], found[0], str(answer))] += 1
            if found[0] == "agreement5" and found[1]:
                scores[found[1]] = int(value)
        if moments is not None and scores and len(scores) == lookups.scale_count(version):
            _add_moments(moments, base, scores)
    return counts


def _add_moments(moments: Counter[Moment], base: tuple[Any, ...], scores: dict[str, int]) -> None:
    moments[(*base, "n")] += 1
    names = sorted(scores)
    for i, first in enumerate(names):
        moments[(*base, f"s:{first}")] += scores[first]
        for second in names[i:]:
            moments[(*base, f"p:{first}:{second}")] += scores[first] * scores[second]


def _upsert_moments(moments: Counter[Moment]) -> None:
    table = connection.ops.quote_name(MomentSum._meta.db_table)
    sql = (
        f"INSERT INTO {table} (day, organization_id, service_id, survey_id, touchpoint_id, "  # noqa: S608  # nosec B608
        "channel, language, term, total) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s) "
        "ON CONFLICT (day, survey_id, touchpoint_id, language, term) "
        f"DO UPDATE SET total = {table}.total + excluded.total"
    )
    with connection.cursor() as cursor:
        cursor.executemany(sql, [(*cell, n) for cell, n in moments.items()])


def _upsert(counts: Counter[Cell]) -> None:
    table = connection.ops.quote_name(AnswerCount._meta.db_table)
    sql = (
        f"INSERT INTO {table} (day, organization_id, service_id, survey_id, touchpoint_id, "  # noqa: S608  # nosec B608
        "channel, language, question_key, measure, question_type, answer, count) "
        "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s) "
        "ON CONFLICT (day, survey_id, touchpoint_id, language, question_key, answer) "
        f"DO UPDATE SET count = {table}.count + excluded.count"
    )
    with connection.cursor() as cursor:
        cursor.executemany(sql, [(*cell, n) for cell, n in counts.items()])


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


def rollup_advance(*, batch: int = BATCH, now: datetime | None = None) -> int:
    """Count the next batch of responses; return how many were counted (0: caught up)."""
    now = now or timezone.now()
    with transaction.atomic():
        state = rollup_state_locked()
        if connection.vendor == "postgresql":
            counted = _advance_in_database(state, batch * 20, now)
        else:
            counted = _advance_in_python(state, batch, now)
        state.save()
    return counted


def _advance_in_python(state: RollupState, batch: int, now: datetime) -> int:
    rows: list[Row] = list(
        Response.objects.filter(pk__gt=state.last_id).order_by("pk").values_list(*FIELDS)[:batch]
    )
    taken = _contiguous(rows, state.last_id, now)
    if taken:
        moments: Counter[Moment] = Counter()
        _upsert(cells(taken, _Lookups(), moments))
        _upsert_moments(moments)
        state.last_id = taken[-1][0]
    return len(taken)


def _advance_in_database(state: RollupState, batch: int, now: datetime) -> int:
    """The same counting as cells(), done by PostgreSQL over an id range in one statement
    (measured: several times the Python path's rate). Agreement-scale moments, for the few
    surveys that have them, are still summed in Python."""
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
    meta = [
        (version, key, kind, measure)
        for version in versions
        for key, (kind, measure) in lookups.questions_of(version).items()
        if kind in COUNTED_TYPES
    ]
    with connection.cursor() as cursor:
        cursor.execute(
            _COUNT_SQL.replace("{meta}", _meta_values(meta)),
            {"low": low, "high": high, "tz": settings.TIME_ZONE},
        )
    scale_versions = [v for v in versions if lookups.scale_count(v)]
    if scale_versions:
        rows = Response.objects.filter(pk__gt=low, pk__lte=high, version_id__in=scale_versions)
        moments: Counter[Moment] = Counter()
        cells(rows.order_by("pk").values_list(*FIELDS), lookups, moments)
        _upsert_moments(moments)
    state.last_id = high
    return len(taken)


def _meta_values(meta: list[tuple[int, str, str, str]]) -> str:
    """A VALUES list of the batch's questions; keys, types and measures match [a-z0-9_]."""
    if not meta:
        return "SELECT NULL::bigint, NULL::text, NULL::text, NULL::text WHERE false"
    for _version, key, kind, measure in meta:
        if not all(part.replace("_", "").isalnum() for part in (key, kind, measure or "x")):
            raise ValueError(f"unexpected question metadata {key!r}")
    rows = ", ".join(
        f"({int(v)}, '{key}', '{kind}', '{measure}')" for v, key, kind, measure in meta
    )
    return f"VALUES {rows}"


# Values are parameters; {meta} is a VALUES list checked by _meta_values(); '_responses' is
# RESPONSES.
_COUNT_SQL = """
WITH batch AS (
    SELECT r.*, tp.service_id, (r.received_at AT TIME ZONE %(tz)s)::date AS day
    FROM collection_response r JOIN catalog_touchpoint tp ON tp.id = r.touchpoint_id
    WHERE r.id > %(low)s AND r.id <= %(high)s
), meta (version_id, question_key, question_type, measure) AS ({meta}),
given AS (
    SELECT b.day, b.organization_id, b.service_id, b.survey_id, b.touchpoint_id, b.channel,
           b.language, m.question_key, m.measure, m.question_type, a.answer
    FROM batch b
    CROSS JOIN LATERAL jsonb_each(b.answers) kv
    JOIN meta m ON m.version_id = b.version_id AND m.question_key = kv.key
    CROSS JOIN LATERAL (
        SELECT jsonb_array_elements_text(kv.value) WHERE jsonb_typeof(kv.value) = 'array'
        UNION ALL SELECT kv.value #>> '{}' WHERE jsonb_typeof(kv.value) <> 'array'
    ) AS a (answer)
)
INSERT INTO analytics_answercount (day, organization_id, service_id, survey_id, touchpoint_id,
    channel, language, question_key, measure, question_type, answer, count)
SELECT day, organization_id, service_id, survey_id, touchpoint_id, channel, language,
       question_key, measure, question_type, answer, count(*)
FROM given GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11
UNION ALL
SELECT day, organization_id, service_id, survey_id, touchpoint_id, channel, language,
       '_responses', '', '', '', count(*)
FROM batch GROUP BY 1, 2, 3, 4, 5, 6, 7
ON CONFLICT (day, survey_id, touchpoint_id, language, question_key, answer)
DO UPDATE SET count = analytics_answercount.count + excluded.count
"""


def rollup_catch_up(*, now: datetime | None = None) -> int:
    total = 0
    while counted := rollup_advance(now=now):
        total += counted
    return total


def _stored() -> Iterator[tuple[Cell, int]]:
    for row in AnswerCount.objects.values_list(
        "day",
        "organization_id",
        "service_id",
        "survey_id",
        "touchpoint_id",
        "channel",
        "language",
        "question_key",
        "measure",
        "question_type",
        "answer",
        "count",
    ).iterator(chunk_size=10_000):
        yield tuple(row[:11]), row[11]  # type: ignore[misc]


def rollup_differences(limit: int = 50) -> tuple[int, list[str]]:
    """Recount every response up to the watermark from scratch and compare with the stored
    counts; return (responses recounted, the first differences). Cells of purged quarters
    (retention) keep counts whose raw responses are gone, so they are not compared."""
    state = RollupState.objects.get_or_create(pk=1)[0]
    purged = PurgedRanges()
    lookups = _Lookups()
    expected: Counter[Cell] = Counter()
    responses = Response.objects.filter(pk__lte=state.last_id).order_by("pk").values_list(*FIELDS)
    recounted = 0
    for row in responses.iterator(chunk_size=5000):
        expected.update(cells([row], lookups))
        recounted += 1
    differences = []
    for cell, stored in _stored():
        wanted = expected.pop(cell, 0)
        if wanted != stored and not _purged(purged, cell):
            differences.append(f"{cell}: stored {stored}, recount {wanted}")
    differences += [
        f"{cell}: stored 0, recount {n}"
        for cell, n in expected.items()
        if not _purged(purged, cell)
    ]
    return recounted, differences[:limit]


def _purged(purged: PurgedRanges, cell: Cell) -> bool:
    return bool(purged) and purged.covers(cell[3], cell[2], cell[0])


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
            AnswerCount.objects.all().delete()
            MomentSum.objects.all().delete()
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
    AnswerCount.objects.exclude(survey_id__in=keep).delete()
    MomentSum.objects.exclude(survey_id__in=keep).delete()
    for survey_id, condition in keep.items():
        AnswerCount.objects.filter(survey_id=survey_id).exclude(condition).delete()
        MomentSum.objects.filter(survey_id=survey_id).exclude(condition).delete()


def _uncount_still_stored(purged: PurgedRanges, last_id: int) -> None:
    """Responses still stored inside a purged range (a purge stopped by a legal hold, or an
    import of old answers) are in the kept counts and will be counted again from the start:
    take them out of the kept counts first so they are not counted twice."""
    lookups = _Lookups()
    counts: Counter[Cell] = Counter()
    moments: Counter[Moment] = Counter()
    for survey_id, service_id, start, end in purged.moments():
        rows = Response.objects.filter(
            survey_id=survey_id,
            touchpoint__service_id=service_id,
            received_at__gte=start,
            received_at__lt=end,
            pk__lte=last_id,
        )
        counts.update(cells(rows.order_by("pk").values_list(*FIELDS), lookups, moments))
    for cell, n in counts.items():
        day, _org, _service, survey, touchpoint, _channel, language, key, _m, _t, answer = cell
        AnswerCount.objects.filter(
            day=day,
            survey_id=survey,
            touchpoint_id=touchpoint,
            language=language,
            question_key=key,
            answer=answer,
        ).update(count=F("count") - n)
    for moment, total in moments.items():
        day, _org, _service, survey, touchpoint, _channel, language, term = moment
        MomentSum.objects.filter(
            day=day, survey_id=survey, touchpoint_id=touchpoint, language=language, term=term
        ).update(total=F("total") - total)
    AnswerCount.objects.filter(count=0).delete()
    # Scores run from 1 to 5, so a sum is 0 only where no respondent is left.
    MomentSum.objects.filter(total=0).delete()
