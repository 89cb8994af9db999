"""Purge benchmark: the retention purge on PostgreSQL at millions of responses.

    .venv/bin/python -m bench.retention.run [--responses 2000000] [--batch 5000]

Builds a fresh `govcx_bench_retention` PostgreSQL database with the demo world, inserts N
synthetic A-11 responses spread evenly over the past three years (SQL), counts them into the
rollups with the worker's code (the purge only deletes counted responses), then:
  * times the dry run (the report the retention screen and `--dry-run` show);
  * measures the ceiling: the same rows removed by one DELETE statement in one transaction,
    rolled back so the purge gets the same rows;
  * times `purge_run` itself (batches of --batch rows, each its own transaction), with the peak
    Python memory it allocates (tracemalloc);
  * checks that exactly the due responses went, that the rollup counts did not change, and that
    `rollups check` finds no difference when N <= 2,000,000.
"""

import argparse
import os
import secrets
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DB = os.environ.get(
    "BENCH_RETENTION_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/govcx_bench_retention"
)


def setup_django() -> None:
    os.environ.update({
        "DJANGO_SETTINGS_MODULE": "govcx.settings", "GOVCX_ENV": "production",
        "SECRET_KEY": secrets.token_urlsafe(64), "ALLOWED_HOSTS": "testserver",
        "DATABASE_URL": DB, "LOG_LEVEL": "WARNING",
        "GOVCX_DATA_DIR": str(ROOT / "var" / "bench-retention"),
    })
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def fresh_database() -> None:
    import psycopg

    name = DB.rsplit("/", 1)[1]
    with psycopg.connect(DB.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')


def generate(count: int) -> None:
    """Responses of every published A-11 survey, received evenly over the past 3 years."""
    from django.db import connection

    from govcx.surveys.models import Survey

    combos = []
    for survey in Survey.objects.filter(origin="a11_current", status="published"):
        version = survey.published_version()
        for tp in survey.touchpoints.all():
            combos.append(f"({len(combos)}, {survey.organization_id}, {survey.pk}, "
                          f"{version.pk}, {tp.pk}, '{tp.channel}')")
    values = ",".join(combos)
    chunk = 1_000_000
    done = 0
    while done < count:
        size = min(chunk, count - done)
        with connection.cursor() as cursor:
            cursor.execute(f"""
                INSERT INTO collection_response (organization_id, survey_id, version_id,
                    touchpoint_id, channel, language, source, received_at, page_url,
                    location_code, answers, ip_hash, idempotency_key)
                SELECT c.org, c.survey, c.version, c.tp, c.channel, 'en', 'api',
                    now() - (g::float / {count}) * interval '1095 days', '', '',
                    jsonb_build_object('trust', (g % 2)::text, 'went_well',
                        jsonb_build_array('ease'), 'comment', 'Took too long [redacted]'),
                    '', NULL
                FROM generate_series({done + 1}, {done + size}) AS g
                JOIN (VALUES {values}) AS c(i, org, survey, version, tp, channel)
                  ON c.i = g % {len(combos)}
            """)
        done += size
        print(f"  {done:,} responses inserted", flush=True)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE collection_response")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--responses", type=int, default=2_000_000)
    parser.add_argument("--batch", type=int, default=5000)
    options = parser.parse_args()
    fresh_database()
    setup_django()
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.utils import timezone

    from govcx.analytics.models import AnswerCount
    from govcx.analytics.rollups import rollup_catch_up, rollup_differences
    from govcx.collection.models import Response
    from govcx.demo.services import demo_catalog_build, demo_people_build, demo_surveys_build
    from govcx.retention import purge

    call_command("migrate", verbosity=0)
    demo_catalog_build()
    demo_people_build()
    demo_surveys_build()
    print(f"Generating {options.responses:,} responses over three years...", flush=True)
    generate(options.responses)
    print("Counting them into the rollups...", flush=True)
    rollup_catch_up()
    totals_before = list(AnswerCount.objects.order_by("pk").values_list("pk", "count"))
    today = timezone.localdate()

    started = time.perf_counter()
    report = purge.purge_run(today=today, dry_run=True)
    dry_run_s = time.perf_counter() - started
    due = report.due
    # Every demo organization keeps the default period, so the due slices are the quarters
    # before one boundary.
    boundary = max(s.quarter.bounds()[1] for s in report.slices)
    print(f"Dry run: {due:,} responses due in {len(report.slices)} slices, {dry_run_s:.2f} s")

    # The ceiling: the same rows in one DELETE, one transaction (rolled back).
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM collection_response WHERE received_at < %s",
                       [boundary])
        assert cursor.fetchone()[0] == due, "the ceiling must delete the same rows"
    started = time.perf_counter()
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM collection_response WHERE received_at < %s", [boundary])
            ceiling_rows = cursor.rowcount
        transaction.set_rollback(True)
    ceiling_s = time.perf_counter() - started
    # Rows a rolled-back DELETE touched carry its aborted transaction id; vacuum settles them
    # (as autovacuum would), so the purge does not pay for the ceiling's experiment.
    connection.ensure_connection()
    connection.connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE collection_response")

    tracemalloc.start()
    started = time.perf_counter()
    result = purge.purge_run(today=today, dry_run=False, batch=options.batch)
    purge_s = time.perf_counter() - started
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    left = Response.objects.filter(received_at__lt=boundary).count()
    totals_after = list(AnswerCount.objects.order_by("pk").values_list("pk", "count"))
    print(f"\nPurge of {result.deleted:,} of {options.responses:,} responses "
          f"(batches of {options.batch:,}):")
    print(f"  one DELETE, one transaction (ceiling): {ceiling_rows:,} rows in {ceiling_s:.1f} s "
          f"= {ceiling_rows / ceiling_s:,.0f} rows/s")
    print(f"  purge_run, batched:                    {result.deleted:,} rows in {purge_s:.1f} s "
          f"= {result.deleted / purge_s:,.0f} rows/s")
    print(f"  purge / ceiling: {(result.deleted / purge_s) / (ceiling_rows / ceiling_s):.2f}")
    print(f"  peak Python memory during the purge: {peak / 1e6:.1f} MB")
    print(f"  due responses left: {left}; rollup counts unchanged: {totals_before == totals_after}")
    if options.responses <= 2_000_000:
        recounted, differences = rollup_differences()
        print(f"  rollups check: {recounted:,} recounted, {len(differences)} differences")


if __name__ == "__main__":
    main()
