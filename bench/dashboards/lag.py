"""Rollup lag under live ingest, with the real worker process.

    .venv/bin/python -m bench.dashboards.lag [--rate 500] [--seconds 60]

Builds a fresh `govcx_bench_lag` PostgreSQL database with the demo world, starts one
`govcx worker` and the `govcx scheduler` (as deployed), then submits A-11 responses
(trust, a driver, the three segment questions) through `submission_accept()`, the service the
submission API calls, at --rate per second for --seconds, while a thread reads the watermark
every 20 ms. A response's lag is the time from the commit of its submission to the first
reading at which the watermark had passed it: from then on it is in every dashboard. The target
is 60 s. Printed beside it, the bound the design sets: a catch-up counts until nothing is left,
then the next one starts GOVCX_ROLLUP_INTERVAL seconds later and the worker polls for due tasks
every second, so no response should wait longer than their sum (plus up to
GOVCX_ROLLUP_GAP_SECONDS behind a hole in the ids that a rolled-back insert leaves, which this
run does not make).
"""

import argparse
import os
import random
import secrets
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DB = os.environ.get("BENCH_LAG_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/govcx_bench_lag")
ENV = {
    "DJANGO_SETTINGS_MODULE": "govcx.settings", "GOVCX_ENV": "production",
    "SECRET_KEY": secrets.token_urlsafe(64), "ALLOWED_HOSTS": "127.0.0.1",
    "DATABASE_URL": DB, "LOG_LEVEL": "WARNING", "GOVCX_DATA_DIR": str(ROOT / "var" / "bench-lag"),
}
TARGET_SECONDS = 60
SAMPLE_SECONDS = 0.02


def fresh_database() -> None:
    import psycopg

    name = DB.rsplit("/", 1)[1]
    with psycopg.connect(DB.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')


def answers(rng: random.Random) -> dict[str, object]:
    given: dict[str, object] = {"age_group": rng.choice(["under_25", "25_44", "45_64", "65_plus"]),
                                "rurality": rng.choice(["urban", "suburban", "rural"]),
                                "veteran": rng.choice(["yes", "no"])}
    if rng.random() < 0.7:
        return {"trust": "1", "went_well": [rng.choice(["ease", "efficiency", "humanity"])], **given}
    return {"trust": "0", "went_poorly": [rng.choice(["ease", "transparency", "employee"])], **given}


class Watermark(threading.Thread):
    """Reads the rollup watermark every SAMPLE_SECONDS on its own connection."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.readings: list[tuple[float, int]] = []
        self.stop = threading.Event()

    def run(self) -> None:
        from django.db import connection

        from govcx.analytics.models import RollupState

        while not self.stop.is_set():
            last = RollupState.objects.filter(pk=1).values_list("last_id", flat=True).first()
            self.readings.append((time.monotonic(), last or 0))
            time.sleep(SAMPLE_SECONDS)
        connection.close()


def lags(committed: list[tuple[int, float]], readings: list[tuple[float, int]]) -> list[float]:
    """Seconds from each commit to the first reading whose watermark covers it."""
    result, index = [], 0
    for response_id, at in committed:  # ids and times increase together
        while index < len(readings) and (readings[index][1] < response_id or readings[index][0] < at):
            index += 1
        if index == len(readings):
            raise SystemExit(f"response {response_id} was never counted")
        result.append(readings[index][0] - at)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rate", type=int, default=500, help="submissions per second")
    parser.add_argument("--seconds", type=int, default=60)
    options = parser.parse_args()
    fresh_database()
    os.environ.update(ENV)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    from govcx.analytics.models import RollupState
    from govcx.collection.models import Source
    from govcx.collection.services import submission_accept
    from govcx.demo.services import demo_catalog_build, demo_people_build, demo_surveys_build
    from govcx.surveys.definition import iter_questions
    from govcx.surveys.models import Survey

    call_command("migrate", verbosity=0)
    demo_catalog_build()
    demo_people_build()
    demo_surveys_build()
    targets = [  # the thumbs-up/down A-11 surveys, which answers() fits
        (survey, survey.published_version(), touchpoint)
        for survey in Survey.objects.filter(origin="a11_current", status="published")
        if ("trust", "thumbs") in {(q["key"], q["type"]) for _page, q
                                   in iter_questions(survey.published_version().definition)}
        for touchpoint in survey.touchpoints.all()
    ]
    govcx = str(ROOT / ".venv" / "bin" / "govcx")
    worker = subprocess.Popen([govcx, "worker"], env={**os.environ, **ENV})  # noqa: S603
    scheduler = subprocess.Popen([govcx, "scheduler"], env={**os.environ, **ENV})  # noqa: S603
    watermark = Watermark()
    watermark.start()
    rng = random.Random(7)
    committed: list[tuple[int, float]] = []
    try:
        time.sleep(3)  # the worker starts and runs its first, empty catch-up
        print(f"Submitting {options.rate}/s for {options.seconds} s...", flush=True)
        started = time.monotonic()
        total = options.rate * options.seconds
        while len(committed) < total:
            due = min(total, int((time.monotonic() - started) * options.rate) + 1)
            while len(committed) < due:
                survey, version, touchpoint = rng.choice(targets)
                accepted = submission_accept(
                    survey=survey, version=version, touchpoint=touchpoint,
                    raw_answers=answers(rng), language=rng.choice(["en", "en", "en", "es"]),
                    source=Source.API,
                )
                committed.append((accepted.response.pk, time.monotonic()))
            time.sleep(0.002)
        achieved = len(committed) / (time.monotonic() - started)
        deadline = time.monotonic() + TARGET_SECONDS * 2
        while time.monotonic() < deadline:
            if (RollupState.objects.filter(pk=1).values_list("last_id", flat=True).first()
                    or 0) >= committed[-1][0]:
                break
            time.sleep(0.2)
        time.sleep(SAMPLE_SECONDS * 3)
    finally:
        watermark.stop.set()
        watermark.join()
        for process in (worker, scheduler):
            process.terminate()
            process.wait(timeout=30)
    measured = sorted(lags(committed, watermark.readings))
    p50 = statistics.median(measured)
    p99 = measured[max(0, int(len(measured) * 0.99) - 1)]
    bound = settings.GOVCX_ROLLUP_INTERVAL + 1  # the pause between catch-ups + task polling
    print(f"\n{len(committed):,} submissions at {achieved:,.0f}/s (asked {options.rate}/s)")
    print(f"lag from commit to counted: p50 {p50:.2f} s, p99 {p99:.2f} s, max {measured[-1]:.2f} s")
    print(f"design bound (GOVCX_ROLLUP_INTERVAL {settings.GOVCX_ROLLUP_INTERVAL} s + 1 s task "
          f"polling): {bound} s; max / bound {measured[-1] / bound:.2f}")
    verdict = "met" if measured[-1] < TARGET_SECONDS else "NOT met"
    print(f"target: every response counted within {TARGET_SECONDS} s: {verdict}")


if __name__ == "__main__":
    main()
