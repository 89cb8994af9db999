"""Dashboard benchmark: server time of the dashboards at scale, from rollups and from raw data.

    .venv/bin/python -m bench.dashboards.run [--responses 10000000] [--repeat 30] [--reuse]
                                             [--rollups-only]

Builds a fresh `govcx_bench_dash` PostgreSQL database with the demo world, inserts N synthetic
A-11 responses spread over the past year with SQL (trust varying by touchpoint), then:
  * counts them into the rollups with the real worker code and reports the catch-up rate;
  * checks the rollups against a recount of the raw responses when N <= 2,000,000;
  * times the organization, service and life-event dashboards (server time, in process, p50 and
    p95 over --repeat requests each);
  * computes every figure of the same three pages (measures, quarterly trend, breakdowns, A-11
    drivers, volume) from the raw responses instead (bench/dashboards/raw.py), checks they equal
    the rollups' figures, and times that too: the ratio shows what the rollups save;
  * times the organization's equity screen (trust by channel, language and segment).
Targets: dashboard p95 under 150 ms at 10 million responses; catch-up at least 20,000/s.
"""

import argparse
import os
import secrets
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DB = os.environ.get("BENCH_DASH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/govcx_bench_dash")


def setup_django() -> None:
    os.environ.update({
        "DJANGO_SETTINGS_MODULE": "govcx.settings", "GOVCX_ENV": "production",
        "SECRET_KEY": secrets.token_urlsafe(64), "ALLOWED_HOSTS": "testserver,127.0.0.1",
        "DATABASE_URL": DB, "TRUST_X_FORWARDED_PROTO": "true", "LOG_LEVEL": "WARNING",
        "GOVCX_DATA_DIR": str(ROOT / "var" / "bench-dashboards"),
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
    from django.db import connection

    from govcx.surveys.models import Survey

    combos = []
    for survey in Survey.objects.filter(origin="a11_current", status="published"):
        version = survey.published_version()
        for tp in survey.touchpoints.all():
            p = 0.45 + ((survey.pk * 7 + tp.pk * 13) % 40) / 100
            combos.append(f"({len(combos)}, {survey.organization_id}, {survey.pk}, {version.pk}, "
                          f"{tp.pk}, '{tp.channel}', {p})")
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
                SELECT c.org, c.survey, c.version, c.tp, c.channel,
                    CASE WHEN random() < 0.15 THEN 'es' ELSE 'en' END, 'api',
                    now() - random() * interval '364 days', '', '',
                    CASE WHEN random() < c.p
                      THEN jsonb_build_object('trust', '1', 'went_well', jsonb_build_array(
                        (ARRAY['effectiveness','ease','efficiency','humanity'])[1 + floor(random() * 4)::int]))
                      ELSE jsonb_build_object('trust', '0', 'went_poorly', jsonb_build_array(
                        (ARRAY['ease','efficiency','transparency','employee'])[1 + floor(random() * 4)::int]))
                    END || jsonb_strip_nulls(jsonb_build_object(
                      'age_group', (ARRAY['under_25','25_44','45_64','65_plus','prefer_not',NULL])[1 + floor(random() * 6)::int],
                      'rurality', (ARRAY['urban','suburban','rural','prefer_not',NULL])[1 + floor(random() * 5)::int],
                      'veteran', (ARRAY['yes','no',NULL])[1 + floor(random() * 3)::int])),
                    '', NULL
                FROM generate_series(1, {size}) AS g
                JOIN (VALUES {values}) AS c(i, org, survey, version, tp, channel, p)
                  ON c.i = g % {len(combos)}
            """)
        done += size
        print(f"  {done:,} responses inserted", flush=True)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE collection_response")


def timed(function: object, repeat: int) -> tuple[float, float]:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()  # type: ignore[operator]
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    return statistics.median(samples), samples[max(0, int(len(samples) * 0.95) - 1)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--responses", type=int, default=10_000_000)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--rollups-only", action="store_true",
                        help="Skip the raw-response side (minutes per page at 10 million).")
    parser.add_argument("--reuse", action="store_true",
                        help="Time the dashboards on the database of the previous run.")
    options = parser.parse_args()
    if not options.reuse:
        fresh_database()
    setup_django()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from govcx.accounts.models import User
    from govcx.analytics.rollups import rollup_catch_up, rollup_differences
    from django.utils import timezone

    from bench.dashboards.raw import RawSlice, raw_page, rollup_page
    from govcx.analytics.periods import last_quarters
    from govcx.analytics.scope import PeriodForm
    from govcx.catalog.models import LifeEvent, Organization, Service, Touchpoint
    from govcx.collection.models import Response
    from govcx.demo.services import demo_catalog_build, demo_people_build, demo_surveys_build

    call_command("migrate", verbosity=0)
    call_command("collectstatic", "--noinput", verbosity=0)
    rate = 0.0
    if not options.reuse:
        demo_catalog_build()
        demo_people_build()
        demo_surveys_build()
        print(f"Generating {options.responses:,} responses...", flush=True)
        started = time.perf_counter()
        generate(options.responses)
        print(f"  in {time.perf_counter() - started:.0f} s", flush=True)
        print("Counting into the rollups...", flush=True)
        started = time.perf_counter()
        counted = rollup_catch_up()
        elapsed = time.perf_counter() - started
        rate = counted / elapsed
        print(f"  {counted:,} responses in {elapsed:.1f} s: {rate:,.0f} responses/s", flush=True)
    # The steady state autovacuum keeps: dead row versions from the bulk upserts cleared,
    # statistics current.
    connection.ensure_connection()
    connection.connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE analytics_answercount")
        cursor.execute("VACUUM ANALYZE analytics_momentsum")
        cursor.execute("VACUUM ANALYZE analytics_segmentcount")
    options.responses = Response.objects.count() if options.reuse else options.responses
    if options.responses <= 2_000_000 and not options.reuse:
        recounted, differences = rollup_differences()
        print(f"  check: {recounted:,} recounted, {len(differences)} differences", flush=True)

    admin = User.objects.get(email="admin@example.com")
    client = Client(HTTP_X_FORWARDED_PROTO="https")
    client.force_login(admin)
    org = Organization.objects.get(slug="ssa")
    subtree = list(Organization.objects.filter(path__startswith=org.path).values_list("pk", flat=True))
    service = Service.objects.filter(organization=org).order_by("pk").first()
    event = LifeEvent.objects.get(slug="approaching-retirement")
    event_services = list(Service.objects.filter(life_events=event).values_list("pk", flat=True))

    def touchpoints(services: list[int]) -> list[int]:
        return list(Touchpoint.objects.filter(service__in=services).values_list("pk", flat=True))

    def stages(services: list[int]) -> dict[str, str]:
        return {str(pk): stage for pk, stage in
                Touchpoint.objects.filter(service__in=services).values_list("pk", "stage")}

    org_services = list(Service.objects.filter(organization__in=subtree).values_list("pk", flat=True))
    # (name, url, rollup filters, raw slice, the page's breakdowns as metrics.breakdown args)
    pages = [
        ("organization overview (SSA)", f"/organizations/{org.slug}/dashboard/",
         {"organization_id__in": subtree}, RawSlice("organization_id", subtree),
         [("service_id",), ("touchpoint_id", {}, "trust", stages(org_services)), ("channel",),
          ("language",)]),
        ("service page", f"/services/{service.pk}/dashboard/",
         {"service_id": service.pk}, RawSlice("touchpoint_id", touchpoints([service.pk])),
         [("touchpoint_id",), ("touchpoint_id", {}, "trust", stages([service.pk])), ("channel",),
          ("language",)]),
        ("life-event page", f"/life-events/{event.slug}/dashboard/",
         {"service_id__in": event_services}, RawSlice("touchpoint_id", touchpoints(event_services)),
         [("organization_id",), ("service_id",), ("channel",)]),
    ]
    today = timezone.localdate()
    period = PeriodForm(None, today=today).chosen()  # the pages' default period
    quarters = last_quarters(today, 6)
    raw_repeat = max(3, options.repeat // 10)
    results = {}
    for name, url, filters, where, breakdowns in pages:
        assert client.get(url).status_code == 200
        rollup = timed(lambda url=url: client.get(url), options.repeat)
        if options.rollups_only:
            results[name] = (rollup, (float("nan"), float("nan")), True)
            continue
        same = raw_page(where, period, quarters, breakdowns) == rollup_page(
            filters, period, quarters, breakdowns)
        raw = timed(lambda w=where, b=breakdowns: raw_page(w, period, quarters, b), raw_repeat)
        results[name] = (rollup, raw, same)
    equity_url = f"/organizations/{org.slug}/equity/"
    assert client.get(equity_url).status_code == 200
    equity = timed(lambda: client.get(equity_url), options.repeat)

    print(f"\nDashboards at {options.responses:,} responses, period {period.start} to {period.end}")
    print("(server time in ms; rollups: whole HTTP request; raw: the page's figures only)")
    print(f"{'page':30} {'rollup p50':>10} {'p95':>8} {'raw p50':>9} {'p95':>8} {'raw/rollup':>10}"
          f" {'same figures':>12}")
    for name, ((p50, p95), (raw50, raw95), same) in results.items():
        print(f"{name:30} {p50:10.1f} {p95:8.1f} {raw50:9.1f} {raw95:8.1f} {raw50 / p50:9.1f}x"
              f" {'yes' if same else 'NO':>12}")
    print(f"{'equity screen (SSA)':30} {equity[0]:10.1f} {equity[1]:8.1f}")
    worst = max([rollup[1] for rollup, _raw, _same in results.values()] + [equity[1]])
    print(f"\ntarget dashboard p95 < 150 ms: {'met' if worst < 150 else 'NOT met'} ({worst:.1f} ms)")
    if rate:
        print(f"target catch-up >= 20,000/s: {'met' if rate >= 20_000 else 'NOT met'} "
              f"({rate:,.0f}/s)")
    if not all(same for _rollup, _raw, same in results.values()):
        sys.exit("The rollups' figures differ from the raw responses' figures.")


if __name__ == "__main__":
    main()
