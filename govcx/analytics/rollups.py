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
from django.db.models import F, Q
from django.utils import timezone

from govcx.analytics.models import AnswerCount, MomentSum, RollupState, SegmentCount
from govcx.analytics.purged import PurgedRanges
from govcx.catalog.models import Touchpoint
from govcx.collection.models import Response
from govcx.surveys.definition import iter_questions, segment_keys
from govcx.surveys.models import SurveyVersion
from govcx.surveys.vocabulary import CHOICE_TYPES, SCALE_VALUES

BATCH = 5000  # responses per transaction when counting in Python (SQLite)
# Responses per transaction when PostgreSQL counts: a backlog touches most of a year's cells in
# every batch, so the cost per response falls as batches grow (measured on 2,000,000 responses
# with random dates: 22,100/s at 100,000, 26,000/s at 200,000); a transaction of this size
# holds the watermark lock for about 8 s.
DATABASE_BATCH = 200_000
RESPONSES = "_responses"  # the question key under which each response itself is counted
COUNTED_TYPES = frozenset({*SCALE_VALUES, *CHOICE_TYPES})
SCORED_TYPES = ("agreement5", "thumbs")  # the types a percent positive is computed from

# (day, organization, service, survey, touchpoint, channel, language, question, measure, type,
#  answer)
Cell = tuple[date, int, int, int, int, str, str, str, str, str, str]
# (day, organization, service, survey, touchpoint, channel, segment question, segment answer or
#  "", scored question, measure, type, answer): no language (see SegmentCount)
SegmentCell = tuple[date, int, int, int, int, str, str, str, str, str, str, str]
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
    """Touchpoint -> service, (version, question) -> (type, measure) and each version's segment
    questions, loaded as needed."""

    def __init__(self) -> None:
        self.services: dict[int, int] = {}
        self.questions: dict[int, dict[str, tuple[str, str]]] = {}
        self.segments: dict[int, list[str]] = {}

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
            self.segments[version_id] = segment_keys(definition)
        return self.questions[version_id].get(key)

    def segments_of(self, version_id: int) -> list[str]:
        self.question(version_id, "")
        return self.segments[version_id]


# (day, organization, service, survey, touchpoint, channel, language, term)
Moment = tuple[date, int, int, int, int, str, str, str]


def cells(
    rows: Iterable[Row],
    lookups: _Lookups,
    moments: Counter[Moment] | None = None,
    segments: Counter[SegmentCell] | None = None,
) -> Counter[Cell]:
    """Count the responses into cells (one per response, one per counted answer); add the
    agreement-scale moments of complete respondents to ``moments`` and the cross-tab of scored
    answers by segment answers to ``segments`` when given. Segment answers are counted in the
    cross-tab only: no dashboard reads them alone, and in AnswerCount they doubled the rows every
    dashboard query reads (measured: 64,000 of an organization's 127,000 rows)."""
    counts: Counter[Cell] = Counter()
    for _id, received, org, survey, touchpoint, channel, language, version, answers in rows:
        day = timezone.localdate(received)
        base = (day, org, lookups.service(touchpoint), survey, touchpoint, channel, language)
        counts[(*base, RESPONSES, "", "", "")] += 1
        scores: dict[str, int] = {}
        scored: list[tuple[str, str, str, str]] = []
        segment_questions = lookups.segments_of(version)
        for key, value in answers.items():
            found = lookups.question(version, key)
            if found is None or found[0] not in COUNTED_TYPES or key in segment_questions:
                continue
            for answer in value if isinstance(value, list) else [value]:
                counts[(*base, key, found[1], found[0], str(answer))] += 1
            if found[0] == "agreement5" and found[1]:
                scores[found[1]] = int(value)
            if found[0] in SCORED_TYPES and found[1]:
                scored.append((key, found[1], found[0], str(value)))
        if moments is not None and scores and len(scores) == lookups.scale_count(version):
            _add_moments(moments, base, scores)
        if segments is not None and scored:
            for segment in segment_questions:
                given = answers.get(segment)
                group = "" if given is None else str(given)
                for item in scored:
                    segments[(*base[:6], segment, group, *item)] += 1
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


def _upsert_segments(segments: Counter[SegmentCell]) -> None:
    table = connection.ops.quote_name(SegmentCount._meta.db_table)
    sql = (
        f"INSERT INTO {table} (day, organization_id, service_id, survey_id, touchpoint_id, "  # noqa: S608  # nosec B608
        "channel, segment_key, segment_value, question_key, measure, question_type, answer, "
        "count) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s) "
        "ON CONFLICT (day, survey_id, touchpoint_id, segment_key, segment_value, question_key, "
        f"answer) DO UPDATE SET count = {table}.count + excluded.count"
    )
    with connection.cursor() as cursor:
        cursor.executemany(sql, [(*cell, n) for cell, n in segments.items()])


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
        moments: Counter[Moment] = Counter()
        segments: Counter[SegmentCell] = Counter()
        _upsert(cells(taken, _Lookups(), moments, segments))
        _upsert_moments(moments)
        _upsert_segments(segments)
        state.last_id = taken[-1][0]
    return len(taken)


def _advance_in_database(state: RollupState, batch: int, now: datetime) -> int:
    """The same counting as cells(), done by PostgreSQL over an id range: one statement for the
    answer counts, one more for the segment cross-tab when a version in the batch asks a
    segment question (measured: several times the Python path's rate). Agreement-scale
    moments, for the few surveys that have them, are still summed in Python."""
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
        (version, key, kind, measure, key in lookups.segments_of(version))
        for version in versions
        for key, (kind, measure) in lookups.questions_of(version).items()
        if kind in COUNTED_TYPES
    ]
    parameters: dict[str, Any] = {"low": low, "high": high, "tz": settings.TIME_ZONE}
    with connection.cursor() as cursor:
        # Room to group a batch in memory (measured: the default 4 MB spilled to disk), and no
        # JIT: the batch's cost estimate crosses jit_above_cost, and compiling took 0.5 s of a
        # 3.3 s statement while saving nothing measurable.
        cursor.execute("SET LOCAL work_mem = '128MB'")
        cursor.execute("SET LOCAL jit = off")
        answered = [row for row in meta if not row[4]]  # segment answers: cross-tab only
        cursor.execute(_COUNT_SQL.replace("{meta}", _meta_values(answered)), parameters)
        segments = [row for row in meta if row[4]]
        scored = [row for row in meta if row[2] in SCORED_TYPES and row[3]]
        if segments and scored:
            sql = _SEGMENT_SQL.replace("{segments}", _meta_values(segments))
            cursor.execute(sql.replace("{scored}", _meta_values(scored)), parameters)
    scale_versions = [v for v in versions if lookups.scale_count(v)]
    if scale_versions:
        rows = Response.objects.filter(pk__gt=low, pk__lte=high, version_id__in=scale_versions)
        moments: Counter[Moment] = Counter()
        cells(rows.order_by("pk").values_list(*FIELDS), lookups, moments)
        _upsert_moments(moments)
    state.last_id = high
    return len(taken)


def _meta_values(meta: list[tuple[int, str, str, str, bool]]) -> str:
    """A VALUES list of the batch's questions; keys, types and measures match [a-z0-9_]."""
    if not meta:
        return "SELECT NULL::bigint, NULL::text, NULL::text, NULL::text, NULL::boolean WHERE false"
    for _version, key, kind, measure, _segment in meta:
        if not all(part.replace("_", "").isalnum() for part in (key, kind, measure or "x")):
            raise ValueError(f"unexpected question metadata {key!r}")
    rows = ", ".join(
        f"({int(v)}, '{key}', '{kind}', '{measure}', {'true' if segment else 'false'})"
        for v, key, kind, measure, segment in meta
    )
    return f"VALUES {rows}"


# Values are parameters; {meta} is a VALUES list checked by _meta_values(); '_responses' is
# RESPONSES. Each answer is looked up by its key (answers ? key) rather than every answer
# expanded with jsonb_each and matched: measured 0.7 s against 2.1 s to produce the counts of
# 100,000 responses.
_COUNT_SQL = """
WITH batch AS (
    SELECT r.*, tp.service_id, (r.received_at AT TIME ZONE %(tz)s)::date AS day
    FROM collection_response r JOIN catalog_touchpoint tp ON tp.id = r.touchpoint_id
    WHERE r.id > %(low)s AND r.id <= %(high)s
), meta (version_id, question_key, question_type, measure, segment) AS ({meta}),
given AS (
    SELECT b.day, b.organization_id, b.service_id, b.survey_id, b.touchpoint_id, b.channel,
           b.language, m.question_key, m.measure, m.question_type,
           jsonb_array_elements_text(CASE jsonb_typeof(b.answers -> m.question_key)
               WHEN 'array' THEN b.answers -> m.question_key
               ELSE jsonb_build_array(b.answers -> m.question_key) END) AS answer
    FROM batch b
    JOIN meta m ON m.version_id = b.version_id AND b.answers ? m.question_key
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


# The cross-tab of cells(): each scored measure answer (agreement scale or thumbs, with a
# measure tag; {scored}) once per segment question of its version ({segments}), under the
# segment answer ('' when the respondent did not answer it). Two VALUES lists rather than one
# filtered twice, so that PostgreSQL knows their sizes and hashes the joins.
_SEGMENT_SQL = """
WITH batch AS MATERIALIZED (
    SELECT r.version_id, r.answers, r.organization_id, r.survey_id, r.touchpoint_id, r.channel,
           tp.service_id, (r.received_at AT TIME ZONE %(tz)s)::date AS day
    FROM collection_response r JOIN catalog_touchpoint tp ON tp.id = r.touchpoint_id
    WHERE r.id > %(low)s AND r.id <= %(high)s
), s (version_id, question_key, question_type, measure, segment) AS ({segments}),
m (version_id, question_key, question_type, measure, segment) AS ({scored})
INSERT INTO analytics_segmentcount (day, organization_id, service_id, survey_id, touchpoint_id,
    channel, segment_key, segment_value, question_key, measure, question_type, answer, count)
SELECT b.day, b.organization_id, b.service_id, b.survey_id, b.touchpoint_id, b.channel,
       s.question_key, coalesce(b.answers ->> s.question_key, ''), m.question_key,
       m.measure, m.question_type, b.answers ->> m.question_key, count(*)
FROM batch b
JOIN s ON s.version_id = b.version_id
JOIN m ON m.version_id = b.version_id AND b.answers ? m.question_key
GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12
ON CONFLICT (day, survey_id, touchpoint_id, segment_key, segment_value, question_key, answer)
DO UPDATE SET count = analytics_segmentcount.count + excluded.count
"""


def rollup_catch_up(*, now: datetime | None = None) -> int:
    total = 0
    while counted := rollup_advance(now=now):
        total += counted
    return total


# /healthz counts the backlog up to this many responses, so the check stays cheap at any size.
LAG_COUNT_CAP = 100_000


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


BASE_FIELDS = (
    "day",
    "organization_id",
    "service_id",
    "survey_id",
    "touchpoint_id",
    "channel",
    "language",
)
CELL_FIELDS = (*BASE_FIELDS, "question_key", "measure", "question_type", "answer")
SEGMENT_FIELDS = (
    *BASE_FIELDS[:6],
    "segment_key",
    "segment_value",
    "question_key",
    "measure",
    "question_type",
    "answer",
)


def _stored(model: Any, fields: tuple[str, ...]) -> Iterator[tuple[tuple[Any, ...], int]]:
    rows = model.objects.values_list(*fields, "count").iterator(chunk_size=10_000)
    for row in rows:
        yield tuple(row[:-1]), row[-1]


def _differences(
    expected: Counter[Any],
    stored: Iterator[tuple[tuple[Any, ...], int]],
    skip: Callable[[tuple[Any, ...]], bool] | None = None,
) -> list[str]:
    """Stored counts against a recount; cells ``skip`` names (purged quarters) are left out."""
    differences = []
    for cell, count in stored:
        wanted = expected.pop(cell, 0)
        if wanted != count and not (skip and skip(cell)):
            differences.append(f"{cell}: stored {count}, recount {wanted}")
    return differences + [
        f"{cell}: stored 0, recount {n}"
        for cell, n in expected.items()
        if not (skip and skip(cell))
    ]


def rollup_differences(limit: int = 50) -> tuple[int, list[str]]:
    """Recount every response up to the watermark from scratch and compare with the stored
    counts; return (responses recounted, the first differences). Cells of purged quarters
    (retention) keep counts whose raw responses are gone, so they are not compared."""
    state = RollupState.objects.get_or_create(pk=1)[0]
    purged = PurgedRanges()
    lookups = _Lookups()
    expected: Counter[Cell] = Counter()
    segments: Counter[SegmentCell] = Counter()
    responses = Response.objects.filter(pk__lte=state.last_id).order_by("pk").values_list(*FIELDS)
    recounted = 0
    for row in responses.iterator(chunk_size=5000):
        expected.update(cells([row], lookups, segments=segments))
        recounted += 1
    skip = purged.covers_cell if purged else None
    differences = _differences(expected, _stored(AnswerCount, CELL_FIELDS), skip)
    differences += _differences(segments, _stored(SegmentCount, SEGMENT_FIELDS), skip)
    return recounted, differences[:limit]


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
            SegmentCount.objects.all().delete()
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
    for model in (AnswerCount, MomentSum, SegmentCount):
        model.objects.exclude(survey_id__in=keep).delete()
        for survey_id, condition in keep.items():
            model.objects.filter(survey_id=survey_id).exclude(condition).delete()


def _uncount_still_stored(purged: PurgedRanges, last_id: int) -> None:
    """Responses still stored inside a purged range (a purge stopped by a legal hold, or an
    import of old answers) are in the kept counts and will be counted again from the start:
    take them out of the kept counts first so they are not counted twice."""
    lookups = _Lookups()
    counts: Counter[Cell] = Counter()
    moments: Counter[Moment] = Counter()
    segments: Counter[SegmentCell] = Counter()
    for survey_id, service_id, start, end in purged.moments():
        rows = Response.objects.filter(
            survey_id=survey_id,
            touchpoint__service_id=service_id,
            received_at__gte=start,
            received_at__lt=end,
            pk__lte=last_id,
        )
        counts.update(cells(rows.order_by("pk").values_list(*FIELDS), lookups, moments, segments))
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
    for segment, n in segments.items():
        day, _org, _service, survey, touchpoint, _channel, key, value, scored, _m, _t, answer = (
            segment
        )
        SegmentCount.objects.filter(
            day=day,
            survey_id=survey,
            touchpoint_id=touchpoint,
            segment_key=key,
            segment_value=value,
            question_key=scored,
            answer=answer,
        ).update(count=F("count") - n)
    AnswerCount.objects.filter(count=0).delete()
    SegmentCount.objects.filter(count=0).delete()
    # Scores run from 1 to 5, so a sum is 0 only where no respondent is left.
    MomentSum.objects.filter(total=0).delete()
