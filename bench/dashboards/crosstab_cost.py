"""What the equity cross-tab costs the rollup worker: the counting statements as they were
before it (every answer, segment answers included, into AnswerCount) against the final ones
(segment answers into SegmentCount only), on the same batches, alternating, each rolled back.

    .venv/bin/python -m bench.dashboards.crosstab_cost [--pairs 6]

Run it on the database that bench.dashboards.run built (BENCH_DASH_DATABASE_URL, default
govcx_bench_dash); it prints each batch's rate and the median ratio.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
DB = os.environ.get("BENCH_DASH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/govcx_bench_dash")
BATCH = 100_000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pairs", type=int, default=6)
    options = parser.parse_args()
    os.environ.update({"DJANGO_SETTINGS_MODULE": "govcx.settings", "GOVCX_ENV": "development",
                       "DATABASE_URL": DB, "GOVCX_DATA_DIR": str(ROOT / "var" / "bench-dashboards")})
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection, transaction

    from govcx.analytics import rollups as r
    from govcx.collection.models import Response

    first = Response.objects.order_by("pk").values_list("pk", flat=True).first() - 1
    lookups = r._Lookups()

    def rate(low: int, cross_tab: bool) -> float:
        high = low + BATCH
        versions = list(Response.objects.filter(pk__gt=low, pk__lte=high).order_by()
                        .values_list("version_id", flat=True).distinct())
        meta: list[Any] = [(v, k, kind, m, k in lookups.segments_of(v)) for v in versions
                           for k, (kind, m) in lookups.questions_of(v).items()
                           if kind in r.COUNTED_TYPES]
        parameters = {"low": low, "high": high, "tz": settings.TIME_ZONE}
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET LOCAL work_mem = '64MB'")
            started = time.perf_counter()
            if cross_tab:
                answered = r._meta_values([m for m in meta if not m[4]])
                cursor.execute(r._COUNT_SQL.replace("{meta}", answered), parameters)
                sql = r._SEGMENT_SQL.replace("{segments}", r._meta_values([m for m in meta if m[4]]))
                scored = [m for m in meta if m[2] in r.SCORED_TYPES and m[3]]
                cursor.execute(sql.replace("{scored}", r._meta_values(scored)), parameters)
            else:
                cursor.execute(r._COUNT_SQL.replace("{meta}", r._meta_values(meta)), parameters)
            took = time.perf_counter() - started
            transaction.set_rollback(True)
        return BATCH / took

    results: dict[bool, list[float]] = {False: [], True: []}
    for i in range(options.pairs):
        for cross_tab in (False, True) if i % 2 == 0 else (True, False):
            value = rate(first + (i % 3) * BATCH, cross_tab)
            results[cross_tab].append(value)
            print(f"{'with the cross-tab' if cross_tab else 'before it':20} {value:10,.0f} responses/s")
    before, after = statistics.median(results[False]), statistics.median(results[True])
    print(f"median: before {before:,.0f}/s, with the cross-tab {after:,.0f}/s, "
          f"ratio {after / before:.2f}")


if __name__ == "__main__":
    main()
