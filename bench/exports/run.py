"""Export benchmark: a million responses out as CSV and as Parquet, rows/s and peak memory.

    .venv/bin/python -m bench.exports.run [--responses 1000000] [--reuse]

Builds a fresh `govcx_bench_export` PostgreSQL database with the demo world and N synthetic A-11
responses (a third with a comment), then, each in its own process so that its peak memory is its
own:
  * ceiling 1: PostgreSQL's own COPY (SELECT the export's columns) TO STDOUT, read by psycopg;
  * ceiling 2: a bare server-side cursor reading the same columns into Python (2,000 rows per
    fetch, as the export does), nothing written;
  * GET /api/v1/responses/export?format=csv and ?format=parquet with a personal token, through
    Django's full request path (token, rate limit, audit), the body read as it streams.
Reports rows/s, time to first byte, peak RSS of the process and its growth during the export,
and at the end what is resident as private data and as mapped files (shared libraries: pyarrow's
pages are shared by every worker process and are not per-export memory).
Target: peak memory under 200 MB for a million responses.
"""

import argparse
import io
import json
import os
import resource
import secrets
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DB = os.environ.get(
    "BENCH_EXPORT_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/govcx_bench_export"
)
# The export's columns, the answers as text as the export reads them.
COLUMNS = (
    "id, organization_id, survey_id, version_id, touchpoint_id, channel, language, source, "
    "received_at, location_code, page_url, answers::text"
)


def setup_django() -> None:
    os.environ.update({
        "DJANGO_SETTINGS_MODULE": "govcx.settings", "GOVCX_ENV": "production",
        "SECRET_KEY": os.environ.get("BENCH_SECRET_KEY") or secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "testserver,127.0.0.1", "DATABASE_URL": DB,
        "TRUST_X_FORWARDED_PROTO": "true", "LOG_LEVEL": "WARNING",
        "GOVCX_DATA_DIR": str(ROOT / "var" / "bench-exports"),
        "GOVCX_API_RATE_PER_TOKEN": "100000/m",
    })
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def rss_mb() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1e6


def resident_split_mb() -> tuple[float, float]:
    """(private data, mapped files such as shared libraries) resident now, from /proc."""
    fields = dict(line.split(":", 1) for line in open("/proc/self/status"))
    return (int(fields["RssAnon"].split()[0]) / 1000, int(fields["RssFile"].split()[0]) / 1000)


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1000  # kB on Linux


def fresh_database() -> None:
    import psycopg

    name = DB.rsplit("/", 1)[1]
    with psycopg.connect(DB.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')


def generate(count: int) -> None:
    from django.db import connection

    from govcx.surveys.models import Survey

    combos = []
    for survey in Survey.objects.filter(origin="a11_current", status="published"):
        version = survey.published_version()
        for tp in survey.touchpoints.all():
            combos.append(f"({len(combos)}, {survey.organization_id}, {survey.pk}, "
                          f"{version.pk}, {tp.pk}, '{tp.channel}')")
    values = ",".join(combos)
    with connection.cursor() as cursor:
        cursor.execute(f"""
            INSERT INTO collection_response (organization_id, survey_id, version_id,
                touchpoint_id, channel, language, source, received_at, page_url,
                location_code, answers, ip_hash, idempotency_key)
            SELECT c.org, c.survey, c.version, c.tp, c.channel,
                CASE WHEN random() < 0.15 THEN 'es' ELSE 'en' END, 'api',
                now() - random() * interval '364 days', 'https://www.agency.example.gov/apply',
                '', CASE WHEN random() < 0.7
                  THEN jsonb_build_object('trust', '1', 'went_well', jsonb_build_array('ease'))
                  ELSE jsonb_build_object('trust', '0', 'went_poorly',
                       jsonb_build_array('ease', 'efficiency'))
                END || CASE WHEN random() < 0.33
                  THEN jsonb_build_object('comment', 'The form was clear but the wait on the '
                       || 'phone was long; please call me back at [PHONE].')
                  ELSE '{{}}'::jsonb END, '', NULL
            FROM generate_series(1, {count}) AS g
            JOIN (VALUES {values}) AS c(i, org, survey, version, tp, channel)
              ON c.i = g % {len(combos)}
        """)
        cursor.execute("VACUUM ANALYZE collection_response")


def measure(kind: str) -> dict[str, float]:
    """One measurement, in this (child) process."""
    setup_django()
    from django.db import connection

    base = rss_mb()
    started = time.perf_counter()
    first = 0.0
    rows = 0
    size = 0
    if kind == "copy":
        connection.ensure_connection()
        raw = connection.connection
        with raw.cursor() as cursor, cursor.copy(
            f"COPY (SELECT {COLUMNS} FROM collection_response ORDER BY id) TO STDOUT "
            "WITH (FORMAT csv)"
        ) as copy:
            for chunk in copy:
                first = first or time.perf_counter() - started
                size += len(chunk)
                rows += bytes(chunk).count(b"\n")
    elif kind == "cursor":
        from django.db import transaction

        with transaction.atomic(), connection.chunked_cursor() as cursor:
            cursor.execute(f"SELECT {COLUMNS} FROM collection_response ORDER BY id")
            while batch := cursor.fetchmany(2000):
                first = first or time.perf_counter() - started
                rows += len(batch)
    else:
        from datetime import timedelta

        from django.test import Client
        from django.utils import timezone

        from govcx.accounts.models import User
        from govcx.accounts.tokens import api_token_create

        admin = User.objects.get(email="admin@example.com")
        _token, secret = api_token_create(
            user=admin, name="bench", scopes=["responses:read"],
            expires_at=timezone.now() + timedelta(days=1),
        )
        client = Client(HTTP_X_FORWARDED_PROTO="https")
        # A warm process, as a server's is: URLconf, views and libraries loaded.
        warm = client.get("/api/v1/responses/export",
                          {"format": kind, "received_before": "2000-01-01T00:00:00Z"},
                          HTTP_AUTHORIZATION=f"Bearer {secret}")
        b"".join(warm.streaming_content)
        base = rss_mb()
        started = time.perf_counter()
        response = client.get(
            "/api/v1/responses/export", {"format": kind},
            HTTP_AUTHORIZATION=f"Bearer {secret}",
        )
        assert response.status_code == 200, response.status_code
        sink = io.BytesIO() if kind == "parquet" else None
        for chunk in response.streaming_content:
            first = first or time.perf_counter() - started
            size += len(chunk)
            if sink is not None:
                sink.write(chunk)
            else:
                rows += chunk.count(b"\n")
        if sink is not None:
            import pyarrow.parquet as pq

            rows = pq.ParquetFile(sink).metadata.num_rows
            sink = None
        else:
            rows -= 1  # the header
    elapsed = time.perf_counter() - started
    anon, files = resident_split_mb()
    return {"rows": rows, "seconds": elapsed, "first_byte_ms": first * 1000, "bytes": size,
            "base_mb": base, "peak_mb": peak_mb(), "anon_mb": anon, "file_mb": files}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--responses", type=int, default=1_000_000)
    parser.add_argument("--reuse", action="store_true", help="Keep the previous run's data.")
    parser.add_argument("--one", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.one:
        print(json.dumps(measure(options.one)))
        return
    if not options.reuse:
        fresh_database()
    secret_key = secrets.token_urlsafe(64)
    os.environ["BENCH_SECRET_KEY"] = secret_key
    setup_django()
    from django.core.management import call_command

    from govcx.collection.models import Response
    from govcx.demo.services import demo_catalog_build, demo_people_build, demo_surveys_build

    call_command("migrate", verbosity=0)
    if not options.reuse:
        demo_catalog_build()
        demo_people_build()
        demo_surveys_build()
        print(f"Generating {options.responses:,} responses...", flush=True)
        generate(options.responses)
    total = Response.objects.count()
    print(f"Exporting {total:,} responses (each in its own process):\n", flush=True)
    print(f"{'export':34} {'rows':>10} {'s':>7} {'rows/s':>9} {'1st byte':>9} "
          f"{'MB out':>7} {'peak RSS':>9} {'growth':>7} {'end: data':>10} {'libs':>6}")
    results = {}
    labels = {
        "copy": "ceiling: COPY TO STDOUT",
        "cursor": "ceiling: bare server-side cursor",
        "csv": "API export, CSV",
        "parquet": "API export, Parquet",
    }
    for kind, label in labels.items():
        out = subprocess.run(
            [sys.executable, "-m", "bench.exports.run", "--one", kind],
            cwd=ROOT, capture_output=True, text=True, check=True, env=os.environ,
        )
        result = json.loads(out.stdout.strip().splitlines()[-1])
        results[kind] = result
        rate = result["rows"] / result["seconds"]
        print(f"{label:34} {result['rows']:>10,} {result['seconds']:7.1f} {rate:9,.0f} "
              f"{result['first_byte_ms']:7.0f}ms {result['bytes'] / 1e6:7.1f} "
              f"{result['peak_mb']:7.0f}MB {result['peak_mb'] - result['base_mb']:5.0f}MB "
              f"{result['anon_mb']:8.0f}MB {result['file_mb']:4.0f}MB", flush=True)
    print()
    for kind in ("csv", "parquet"):
        rate = results[kind]["rows"] / results[kind]["seconds"]
        for ceiling in ("copy", "cursor"):
            ceiling_rate = results[ceiling]["rows"] / results[ceiling]["seconds"]
            print(f"{kind} / {labels[ceiling][9:]}: {rate / ceiling_rate:.2f}")
        peak = results[kind]["peak_mb"]
        print(f"{kind}: target peak memory < 200 MB: {'met' if peak < 200 else 'NOT met'} "
              f"({peak:.0f} MB); rows exported == stored: {results[kind]['rows'] == total}")


if __name__ == "__main__":
    main()
