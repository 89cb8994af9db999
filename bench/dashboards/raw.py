"""The dashboards' figures computed from raw responses instead of the rollups, for the benchmark.

Each page's numbers (measures, quarterly trend, breakdowns, A-11 drivers, volume) are computed
with the same metrics functions as the screens, fed by two SQL queries over
collection_response (the period's answers, the six quarters' trust) instead of the rollup
tables. The responses indexes on (organization, received_at) and (touchpoint, received_at) are
there for these queries to use. Rendering is not counted, so the raw side is flattered: the
ratios printed are lower bounds of what the rollups save.
"""

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Any

from django.conf import settings
from django.db import connection
from django.utils import timezone

from govcx.analytics import metrics
from govcx.analytics.models import AnswerCount
from govcx.analytics.periods import Period
from govcx.analytics.counting import COUNTED_TYPES
from govcx.surveys.definition import iter_questions
from govcx.surveys.models import SurveyVersion


@dataclass
class RawSlice:
    """Which responses a page reads: by organization or by touchpoint (both indexed)."""

    column: str  # "organization_id" or "touchpoint_id"
    ids: list[int]


def _meta() -> str:
    rows = []
    for version_id, definition in SurveyVersion.objects.values_list("pk", "definition"):
        for _page, q in iter_questions(definition):
            if q["type"] in COUNTED_TYPES:
                rows.append(
                    f"({int(version_id)}, '{q['key']}', '{q['type']}', '{q.get('measure', '')}')"
                )
    return "VALUES " + ", ".join(rows)


def _bounds(period: Period) -> tuple[datetime, datetime]:
    start = timezone.make_aware(datetime.combine(period.start, time.min))
    end = timezone.make_aware(datetime.combine(period.end + timedelta(days=1), time.min))
    return start, end


PERIOD_SQL = """
WITH meta (version_id, question_key, question_type, measure) AS ({meta}),
r AS (
    SELECT r.*, tp.service_id FROM collection_response r
    JOIN catalog_touchpoint tp ON tp.id = r.touchpoint_id
    WHERE r.{column} = ANY(%(ids)s) AND r.received_at >= %(start)s AND r.received_at < %(end)s
)
SELECT m.measure, m.question_type, m.question_key, a.answer, r.channel, r.language,
       r.service_id, r.touchpoint_id, r.organization_id, count(*)
FROM r CROSS JOIN LATERAL jsonb_each(r.answers) kv
JOIN meta m ON m.version_id = r.version_id AND m.question_key = kv.key
CROSS JOIN LATERAL (
    SELECT jsonb_array_elements_text(kv.value) WHERE jsonb_typeof(kv.value) = 'array'
    UNION ALL SELECT kv.value #>> '{{}}' WHERE jsonb_typeof(kv.value) <> 'array'
) AS a (answer)
GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9
UNION ALL
SELECT '', '', '_responses', '', channel, language, service_id, touchpoint_id,
       organization_id, count(*)
FROM r GROUP BY 5, 6, 7, 8, 9
"""

TREND_SQL = """
WITH meta (version_id, question_key, question_type, measure) AS ({meta})
SELECT date_trunc('quarter', r.received_at AT TIME ZONE %(tz)s)::date, m.question_type,
       r.answers ->> m.question_key, count(*)
FROM collection_response r
JOIN meta m ON m.version_id = r.version_id AND m.measure = 'trust'
    AND m.question_type IN ('agreement5', 'thumbs')
WHERE r.{column} = ANY(%(ids)s) AND r.received_at >= %(start)s AND r.received_at < %(end)s
    AND r.answers ? m.question_key
GROUP BY 1, 2, 3
"""


def figures(
    cells: list[metrics.Cell], trend: list[metrics.TrendPoint], breakdowns: list[Any]
) -> dict[str, Any]:
    """Everything a page shows, as comparable values."""
    return {
        "volume": metrics.volume(cells),
        "measures": [
            (m.measure, m.proportion, m.mean, m.distribution) for m in metrics.measures(cells)
        ],
        "trend": [(p.period.code, p.proportion, p.change) for p in trend],
        "breakdowns": [
            [(s.key, s.proportion, s.hidden, s.gap) for s in metrics.breakdown(cells, *spec)]
            for spec in breakdowns
        ],
        "drivers": [(r.driver, r.positive, r.negative) for r in metrics.a11_drivers(cells).rows],
    }


def raw_page(
    where: RawSlice, period: Period, quarters: list[Period], breakdowns: list[Any]
) -> dict[str, Any]:
    meta = _meta()
    start, end = _bounds(period)
    with connection.cursor() as cursor:
        cursor.execute(
            PERIOD_SQL.format(meta=meta, column=where.column),
            {"ids": where.ids, "start": start, "end": end},
        )
        cells = [metrics.Cell(*row) for row in cursor.fetchall()]
        trend_start, trend_end = _bounds(Period("", quarters[0].start, quarters[-1].end, ""))
        cursor.execute(
            TREND_SQL.format(meta=meta, column=where.column),
            {"ids": where.ids, "start": trend_start, "end": trend_end, "tz": settings.TIME_ZONE},
        )
        trend = metrics.trend_points(cursor.fetchall(), quarters)
    return figures(cells, trend, breakdowns)


def rollup_page(
    filters: dict[str, Any], period: Period, quarters: list[Period], breakdowns: list[Any]
) -> dict[str, Any]:
    counts = AnswerCount.objects.filter(**filters)
    cells = metrics.load(metrics.in_period(counts, period))
    return figures(cells, metrics.trend(counts, quarters), breakdowns)
