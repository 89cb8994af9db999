"""Ingest benchmark: submissions/s and latency of the submission API, against its ceilings.

    .venv/bin/python -m bench.ingest.run [--seconds 15] [--workers 4]

Starts govcx under gunicorn with production settings on PostgreSQL (a fresh `govcx_bench`
database) and Redis (rate-limit counters), then in the same run drives, with real HTTP load
generators on loopback:
  * wrk (closed loop, as fast as possible): the bare hello view, a raw single-row INSERT view
    (the ceilings) and the submission API with varied valid A-11 answers;
  * hey at a fixed 500 requests/s: the same three, for latency at that rate.
It then checks that every accepted submission (201) is stored and prints the figures, the ratios
to the ceilings and the targets (>= 1,000 accepted/s; p99 < 50 ms at 500/s; stored == accepted).
Nothing leaves the machine: every request goes to 127.0.0.1.
"""

import argparse
import json
import os
import re
import secrets
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
VENV = ROOT / ".venv" / "bin"
PORT = 8077
BASE = f"http://127.0.0.1:{PORT}"
ORIGIN = "https://www.bench.example.gov"
DB = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/govcx_bench")

SETUP = """
import django; django.setup()
from django.db import connection
from govcx.accounts.models import User
from govcx.catalog.models import Organization, Service, Touchpoint
from govcx.surveys.lifecycle import survey_transition
from govcx.surveys.models import Survey
from govcx.surveys.services import survey_create
from datetime import date, timedelta
admin = User.objects.create_superuser(email="bench@example.com", password=None)
org = Organization.objects.create(name="Bench Agency", abbreviation="BA", slug="ba", kind="agency")
service = Service.objects.create(organization=org, name="Bench service")
tp = Touchpoint.objects.create(service=service, name="Web", channel="website", stage="start",
                               allowed_origins=["%(origin)s"])
survey = survey_create(organization=org, name="Bench", template="a11_current_thumbs",
                       touchpoints=[tp], by=admin)
Survey.objects.filter(pk=survey.pk).update(omb_control_number="3090-0325", burden_minutes=2,
    pra_expiration=date.today() + timedelta(days=365), burden_comments_to="Bench office")
survey_transition(survey=survey, name="publish", by=admin)
with connection.cursor() as c:
    c.execute("CREATE TABLE bench_row (id bigserial PRIMARY KEY, payload jsonb NOT NULL, "
              "created timestamptz NOT NULL DEFAULT now())")
print(survey.public_id, tp.pk)
"""


def need(tool: str) -> None:
    if shutil.which(tool):
        return
    print(f"Installing {tool} (Debian package)...", flush=True)
    subprocess.run(
        ["apt-get", "install", "-y", "-qq", tool],
        check=True,  # noqa: S603, S607
        stdout=subprocess.DEVNULL,
    )


def fresh_database() -> None:
    name = DB.rsplit("/", 1)[1]
    admin_url = DB.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')  # noqa: S608 - our own constant
        conn.execute(f'CREATE DATABASE "{name}"')  # noqa: S608


def server_env(workers: int) -> dict[str, str]:
    return {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "DJANGO_SETTINGS_MODULE": "bench.ingest.settings",
        "GOVCX_ENV": "production",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": DB,
        "DATABASE_CONN_MAX_AGE": "600",
        "TRUST_X_FORWARDED_PROTO": "true",
        "CACHE_URL": "redis://127.0.0.1:6379/14",
        "GOVCX_RATE_PER_ADDRESS": "100000000/m",
        "GOVCX_RATE_PER_SHARED_ADDRESS": "100000000/m",
        "GOVCX_RATE_PER_TOUCHPOINT": "100000000/m",
        "WEB_CONCURRENCY": str(workers),
    }


def wait_ready() -> None:
    request = urllib.request.Request(BASE + "/healthz", headers={"X-Forwarded-Proto": "https"})
    for _ in range(100):
        try:
            with urllib.request.urlopen(request, timeout=1) as response:  # noqa: S310 - loopback
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("gunicorn did not answer /healthz")


def wrk(path: str, script: str, args: list[str], seconds: int) -> dict[str, float]:
    command = [
        "wrk",
        "-t2",
        "-c32",
        f"-d{seconds}s",
        "--latency",
        "-s",
        str(HERE / script),
        BASE + path,
        "--",
        *args,
    ]
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout  # noqa: S603
    line = re.search(r"GOVCX accepted=(\d+) other=(\d+) p50_ms=([\d.]+) p99_ms=([\d.]+)", out)
    rate = re.search(r"Requests/sec:\s+([\d.]+)", out)
    duration = re.search(r"requests in ([\d.]+)(m?s)", out)
    assert line and rate and duration, out
    seconds_taken = float(duration.group(1)) / (1000 if duration.group(2) == "ms" else 1)
    return {
        "accepted": int(line.group(1)),
        "other": int(line.group(2)),
        "per_s": int(line.group(1)) / seconds_taken,
        "requests_per_s": float(rate.group(1)),
        "p50_ms": float(line.group(3)),
        "p99_ms": float(line.group(4)),
    }


def hey(path: str, method: str, body: str, headers: list[str], seconds: int) -> dict[str, float]:
    command = [
        "hey",
        "-z",
        f"{seconds}s",
        "-c",
        "10",
        "-q",
        "50",
        "-m",
        method,
        "-T",
        "application/json",
        "-H",
        "X-Forwarded-Proto: https",
    ]
    for header in headers:
        command += ["-H", header]
    if body:
        command += ["-d", body]
    out = subprocess.run(
        [*command, BASE + path],
        capture_output=True,
        text=True,  # noqa: S603
        check=True,
    ).stdout
    rate = re.search(r"Requests/sec:\s+([\d.]+)", out)
    p50 = re.search(r"50%+ in ([\d.]+) secs", out)
    p99 = re.search(r"99%+ in ([\d.]+) secs", out)
    ok = sum(
        int(n)
        for code, n in re.findall(r"\[(\d{3})\]\s+(\d+) responses", out)
        if code.startswith("2")
    )
    other = sum(
        int(n)
        for code, n in re.findall(r"\[(\d{3})\]\s+(\d+) responses", out)
        if not code.startswith("2")
    )
    assert rate and p50 and p99, out
    return {
        "accepted": ok,
        "other": other,
        "per_s": float(rate.group(1)),
        "p50_ms": float(p50.group(1)) * 1000,
        "p99_ms": float(p99.group(1)) * 1000,
    }


def stored_count() -> tuple[int, int]:
    with psycopg.connect(DB) as conn:
        responses = conn.execute("SELECT count(*) FROM collection_response").fetchone()
        rows = conn.execute("SELECT count(*) FROM bench_row").fetchone()
    assert responses is not None and rows is not None
    return int(responses[0]), int(rows[0])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=int, default=15)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--json", type=Path, default=ROOT / "var" / "bench" / "ingest.json")
    options = parser.parse_args()
    for tool in ("wrk", "hey"):
        need(tool)
    fresh_database()
    env = server_env(options.workers)
    subprocess.run([str(VENV / "govcx"), "migrate", "-v0"], env=env, check=True)  # noqa: S603
    survey, touchpoint = subprocess.run(  # noqa: S603
        [str(VENV / "python"), "-c", SETUP % {"origin": ORIGIN}],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    server = subprocess.Popen(  # noqa: S603
        [
            str(VENV / "gunicorn"),
            "govcx.wsgi:application",
            "--bind",
            f"127.0.0.1:{PORT}",
            "--workers",
            str(options.workers),
            "--log-level",
            "warning",
        ],
        env=env,
    )
    results: dict[str, dict[str, float]] = {}
    try:
        wait_ready()
        submit_args = [survey, touchpoint, ORIGIN]
        wrk("/api/v1/submissions", "submit.lua", submit_args, 3)  # warm up connections and caches
        results["hello (ceiling), max"] = wrk("/bench/hello", "plain.lua", ["GET"], options.seconds)
        results["raw insert (ceiling), max"] = wrk(
            "/bench/insert", "plain.lua", ["POST"], options.seconds
        )
        results["submission API, max"] = wrk(
            "/api/v1/submissions", "submit.lua", submit_args, options.seconds
        )
        body = json.dumps(
            {
                "survey": survey,
                "touchpoint": int(touchpoint),
                "language": "en",
                "answers": {
                    "trust": "0",
                    "went_poorly": ["ease", "efficiency"],
                    "comment": "On hold 40 minutes; SSN 123-45-6789",
                },
            }
        )
        results["hello (ceiling), 500/s"] = hey("/bench/hello", "GET", "", [], options.seconds)
        results["raw insert (ceiling), 500/s"] = hey(
            "/bench/insert", "POST", '{"a":1}', [], options.seconds
        )
        results["submission API, 500/s"] = hey(
            "/api/v1/submissions", "POST", body, [f"Origin: {ORIGIN}"], options.seconds
        )
    finally:
        server.terminate()
        server.wait(timeout=30)
    responses, _rows = stored_count()
    accepted = sum(r["accepted"] for name, r in results.items() if name.startswith("submission"))
    warmup = responses - accepted
    report(results, options, responses, accepted, warmup)


def report(
    results: dict[str, dict[str, float]],
    options: argparse.Namespace,
    responses: int,
    accepted: int,
    warmup: int,
) -> None:
    print(
        f"\nIngest benchmark: gunicorn {options.workers} sync workers, PostgreSQL, Redis; "
        f"{options.seconds} s per run; {os.cpu_count()} cores\n"
    )
    print(f"{'target':32} {'accepted/s':>11} {'p50 ms':>8} {'p99 ms':>8} {'non-2xx':>8}")
    for name, r in results.items():
        print(
            f"{name:32} {r['per_s']:11.0f} {r['p50_ms']:8.2f} {r['p99_ms']:8.2f} {r['other']:8.0f}"
        )
    api = results["submission API, max"]["per_s"]
    print(
        f"\nsubmission API / hello ceiling:      {api / results['hello (ceiling), max']['per_s']:.2f}"
    )
    print(
        f"submission API / raw insert ceiling: "
        f"{api / results['raw insert (ceiling), max']['per_s']:.2f}"
    )
    p99 = results["submission API, 500/s"]["p99_ms"]
    print(f"\nstored responses {responses} = accepted {accepted} + warm-up {warmup}")
    lost = responses < accepted
    print(f"target >= 1000 accepted/s: {'met' if api >= 1000 else 'NOT met'} ({api:.0f})")
    print(f"target p99 < 50 ms at 500/s: {'met' if p99 < 50 else 'NOT met'} ({p99:.1f} ms)")
    print(f"target stored == accepted: {'NOT met' if lost else 'met'}")
    options.json.parent.mkdir(parents=True, exist_ok=True)
    options.json.write_text(
        json.dumps(
            {"results": results, "stored": responses, "accepted": accepted, "warmup": warmup},
            indent=2,
        )
    )
    if lost:
        sys.exit(1)


if __name__ == "__main__":
    main()
