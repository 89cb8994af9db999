"""Faults under load: nothing acknowledged is lost, nothing is stored twice, background work
resumes by itself, and /healthz tells the truth meanwhile.

    .venv/bin/python -m bench.reliability.faults [--rate 40] [--outage 15]

Builds a fresh `govcx_faults` PostgreSQL database, starts the three processes of the Procfile
(gunicorn with production settings, `govcx worker`, `govcx scheduler`) and submits A-11 answers
through the widget path at --rate per second from a pool of clients. Every submission carries its
own idempotency key and is retried with the same key until it gets a 2xx, as the widget does.
Meanwhile /healthz is read every half second. In turn it:

  1. restarts PostgreSQL (stopped for --outage seconds);
  2. kills the worker with SIGKILL, waits 40 s, then starts a new one (what a supervisor does);
  3. stops Redis for --outage seconds;
  4. starts a second worker beside the first.

After each fault clears it times how long the rollups take to count every response stored
before that moment. At the end it prints: submissions acknowledged, stored, lost, duplicated;
the catch-up time after each fault; what /healthz said during each fault; and
`govcx rollups check`. Targets: 0 lost, 0 duplicates, caught up within 60 s of each fault
clearing, /healthz degraded or failing during each fault.

Run it as root on a machine where nothing else uses this PostgreSQL server or this Redis: it
stops both. Every request goes to 127.0.0.1.
"""

import argparse
import json
import os
import random
import secrets
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parents[2]
BIN = ROOT / ".venv" / "bin"
PORT = 8079
BASE = f"http://127.0.0.1:{PORT}"
ORIGIN = "https://www.faults.example.gov"
DB = os.environ.get("FAULTS_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/govcx_faults")
REDIS_DB = "redis://127.0.0.1:6379/13"
TARGET_CATCH_UP = 60.0
RETRY_DEADLINE = 300.0

SETUP = """
import django; django.setup()
from datetime import date, timedelta
from govcx.accounts.models import User
from govcx.catalog.models import Organization, Service, Touchpoint
from govcx.surveys.lifecycle import survey_transition
from govcx.surveys.models import Survey
from govcx.surveys.services import survey_create
admin = User.objects.create_superuser(email="faults@example.com", password=None)
org = Organization.objects.create(name="Faults Agency", abbreviation="FA", slug="fa", kind="agency")
service = Service.objects.create(organization=org, name="Faults service")
tp = Touchpoint.objects.create(service=service, name="Web", channel="website", stage="start",
                               allowed_origins=["%(origin)s"])
survey = survey_create(organization=org, name="Faults", template="a11_current_thumbs",
                       touchpoints=[tp], by=admin)
Survey.objects.filter(pk=survey.pk).update(omb_control_number="3090-0325", burden_minutes=2,
    pra_expiration=date.today() + timedelta(days=365), burden_comments_to="Faults office")
survey_transition(survey=survey, name="publish", by=admin)
print(survey.public_id, tp.pk)
"""


def environment() -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "govcx.settings",
        "GOVCX_ENV": "production",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": DB,
        "TRUST_X_FORWARDED_PROTO": "true",
        "CACHE_URL": REDIS_DB,
        "GOVCX_RATE_PER_ADDRESS": "100000000/m",
        "GOVCX_RATE_PER_SHARED_ADDRESS": "100000000/m",
        "GOVCX_RATE_PER_TOUCHPOINT": "100000000/m",
        "GOVCX_HEALTH_LAG_SECONDS": "20",
        "GOVCX_DATA_DIR": str(ROOT / "var" / "faults"),
        "PORT": str(PORT),
        "WEB_CONCURRENCY": "2",
        "LOG_LEVEL": "WARNING",
    }


@dataclass
class Processes:
    env: dict[str, str]
    log: Path
    running: dict[str, subprocess.Popen[bytes]] = field(default_factory=dict)

    def start(self, name: str, command: list[str]) -> None:
        with self.log.open("ab") as out:
            self.running[name] = subprocess.Popen(  # noqa: S603 - our own commands
                command, cwd=ROOT, env=self.env, stdout=out, stderr=subprocess.STDOUT
            )

    def kill(self, name: str) -> None:
        self.running[name].send_signal(signal.SIGKILL)
        self.running[name].wait()

    def stop_all(self) -> None:
        for process in self.running.values():
            if process.poll() is None:
                process.terminate()
        for process in self.running.values():
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                process.kill()


def pg_cluster() -> list[str]:
    version = sorted(os.listdir("/etc/postgresql"))[0]
    return ["pg_ctlcluster", "--skip-systemctl-redirect", version, "main"]


def fresh_database(env: dict[str, str]) -> tuple[str, int]:
    name = DB.rsplit("/", 1)[1]
    with psycopg.connect(DB.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    subprocess.run([BIN / "govcx", "migrate", "-v0"], env=env, check=True)  # noqa: S603
    out = subprocess.run(  # noqa: S603
        [BIN / "python", "-c", SETUP % {"origin": ORIGIN}],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    return out[-2], int(out[-1])


class Driver:
    """Submits at a steady rate; each submission is retried with its key until it gets a 2xx."""

    def __init__(self, survey: str, touchpoint: int, rate: float) -> None:
        self.survey, self.touchpoint, self.rate = survey, touchpoint, rate
        self.acknowledged: dict[str, int] = {}
        self.retries = 0
        self.given_up = 0
        self.stopping = threading.Event()
        self.lock = threading.Lock()
        self.pool = ThreadPoolExecutor(max_workers=64)

    def run(self) -> None:
        sequence = 0
        began = time.monotonic()
        while not self.stopping.is_set():
            sequence += 1
            self.pool.submit(self.submit_until_acknowledged, f"faults-{sequence:08d}")
            time.sleep(max(0.0, began + sequence / self.rate - time.monotonic()))

    def submit_until_acknowledged(self, key: str) -> None:
        rng = random.Random(key)
        body = json.dumps(
            {
                "survey": self.survey,
                "touchpoint": self.touchpoint,
                "answers": {"trust": rng.choice(["0", "1"])},
                "idempotency_key": key,
            }
        ).encode()
        deadline = time.monotonic() + RETRY_DEADLINE
        wait = 0.2
        while time.monotonic() < deadline:
            request = urllib.request.Request(
                BASE + "/api/v1/submissions",
                data=body,
                headers={
                    "Content-Type": "application/json",
                    "Origin": ORIGIN,
                    "X-Forwarded-Proto": "https",
                },
            )
            try:
                with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
                    answer = json.loads(response.read())
                with self.lock:
                    self.acknowledged[key] = int(answer["id"])
                return
            except (urllib.error.URLError, OSError, TimeoutError, ValueError):
                with self.lock:
                    self.retries += 1
                time.sleep(wait)
                wait = min(wait * 2, 3.0)
        with self.lock:
            self.given_up += 1


class Health(threading.Thread):
    """Reads /healthz every half second: (monotonic time, status)."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.seen: list[tuple[float, str]] = []
        self.stopping = threading.Event()

    def run(self) -> None:
        while not self.stopping.is_set():
            request = urllib.request.Request(
                BASE + "/healthz", headers={"X-Forwarded-Proto": "https"}
            )
            try:
                with urllib.request.urlopen(request, timeout=3) as response:  # noqa: S310
                    status = json.loads(response.read())["status"]
            except urllib.error.HTTPError as error:
                status = json.loads(error.read() or b'{"status": "failing"}').get(
                    "status", f"http {error.code}"
                )
            except (urllib.error.URLError, OSError, TimeoutError, ValueError):
                status = "no answer"
            self.seen.append((time.monotonic(), status))
            self.stopping.wait(0.5)

    def during(self, start: float, end: float) -> dict[str, int]:
        return dict(Counter(status for at, status in self.seen if start <= at <= end))


def stored_max_and_watermark() -> tuple[int, int]:
    for _ in range(200):
        try:
            with psycopg.connect(DB, connect_timeout=2) as conn:
                stored = conn.execute("SELECT coalesce(max(id), 0) FROM collection_response")
                top = stored.fetchone()
                mark = conn.execute("SELECT coalesce(max(last_id), 0) FROM analytics_rollupstate")
                watermark = mark.fetchone()
            assert top is not None
            assert watermark is not None
            return int(top[0]), int(watermark[0])
        except psycopg.OperationalError:
            time.sleep(0.5)
    raise SystemExit("PostgreSQL did not come back")


def catch_up_seconds(cleared_at: float) -> float:
    """Seconds from the fault clearing until every response stored by then is counted."""
    target, _ = stored_max_and_watermark()
    while True:
        _, watermark = stored_max_and_watermark()
        if watermark >= target:
            return time.monotonic() - cleared_at
        if time.monotonic() - cleared_at > 300:
            return float("inf")
        time.sleep(0.25)


def redis_stop() -> None:
    subprocess.run(["redis-cli", "-h", "127.0.0.1", "shutdown", "nosave"], check=False)  # noqa: S607


def redis_start() -> None:
    subprocess.run(
        [
            "redis-server",
            "--daemonize",
            "yes",
            "--bind",
            "127.0.0.1",
            "--port",
            "6379",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            "/tmp",
            "--logfile",
            "/tmp/govcx-faults-redis.log",
        ],
        check=True,
    )
    for _ in range(50):
        if subprocess.run(["redis-cli", "ping"], capture_output=True, check=False).returncode == 0:  # noqa: S607
            return
        time.sleep(0.1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rate", type=float, default=40.0)
    parser.add_argument("--outage", type=float, default=15.0)
    options = parser.parse_args()

    env = environment()
    log = ROOT / "var" / "faults.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    log.write_bytes(b"")
    survey, touchpoint = fresh_database(env)
    processes = Processes(env, log)
    web = [str(BIN / "gunicorn"), "govcx.wsgi", "--config", "python:govcx.gunicorn_config"]
    processes.start("web", web)
    processes.start("worker", [str(BIN / "govcx"), "worker"])
    processes.start("scheduler", [str(BIN / "govcx"), "scheduler"])
    time.sleep(4)

    driver = Driver(survey, touchpoint, options.rate)
    health = Health()
    health.start()
    threading.Thread(target=driver.run, daemon=True).start()
    time.sleep(10)
    results: list[tuple[str, float, dict[str, int]]] = []

    def fault(
        name: str, begin: Callable[[], object], end: Callable[[], object], hold: float
    ) -> None:
        print(f"fault: {name}", flush=True)
        started = time.monotonic()
        begin()
        time.sleep(hold)
        end()
        cleared = time.monotonic()
        seen = health.during(started, cleared)
        seconds = catch_up_seconds(cleared)
        results.append((name, seconds, seen))
        print(
            f"  caught up {seconds:.1f} s after it cleared; /healthz during it: {seen}", flush=True
        )
        time.sleep(5)

    cluster = pg_cluster()
    fault(
        "PostgreSQL restart",
        lambda: subprocess.run([*cluster, "stop"], check=True),  # noqa: S603
        lambda: subprocess.run([*cluster, "start"], check=True),  # noqa: S603
        options.outage,
    )
    fault(
        "worker killed with SIGKILL (a new one after 40 s)",
        lambda: processes.kill("worker"),
        lambda: processes.start("worker", [str(BIN / "govcx"), "worker"]),
        40.0,
    )
    fault("Redis stopped", redis_stop, redis_start, options.outage)
    fault(
        "second worker started",
        lambda: processes.start("worker-2", [str(BIN / "govcx"), "worker"]),
        lambda: None,
        15.0,
    )

    driver.stopping.set()
    driver.pool.shutdown(wait=True)
    final = catch_up_seconds(time.monotonic())
    health.stopping.set()
    check = subprocess.run(  # noqa: S603
        [BIN / "govcx", "rollups", "check"], env=env, capture_output=True, text=True, check=False
    )
    processes.stop_all()

    with psycopg.connect(DB) as conn:
        rows = conn.execute(
            "SELECT idempotency_key, count(*) FROM collection_response GROUP BY idempotency_key"
        ).fetchall()
    stored = dict(rows)
    acknowledged = driver.acknowledged
    lost = [key for key in acknowledged if key not in stored]
    duplicates = sum(count - 1 for count in stored.values() if count > 1)
    print()
    print(f"rate {options.rate:g}/s, outages {options.outage:g} s")
    print(f"submissions acknowledged: {len(acknowledged)}")
    print(f"stored:                   {sum(stored.values())}")
    print(f"lost (acknowledged, not stored): {len(lost)}")
    print(f"duplicates:               {duplicates}")
    print(f"retries: {driver.retries}; given up after {RETRY_DEADLINE:.0f} s: {driver.given_up}")
    for name, seconds, seen in results:
        verdict = "ok" if seconds <= TARGET_CATCH_UP else "OVER TARGET"
        print(f"{name}: caught up in {seconds:.1f} s ({verdict}); /healthz said {seen}")
    print(f"final catch-up after the load stopped: {final:.1f} s")
    print(f"rollups check: {(check.stdout + check.stderr).strip()}")
    failed = (
        lost
        or duplicates
        or driver.given_up
        or check.returncode != 0
        or any(seconds > TARGET_CATCH_UP for _, seconds, _ in results)
        or any(
            not ({"degraded", "failing", "no answer"} & set(seen))
            for name, _, seen in results
            if name != "second worker started"
        )
    )
    print("RESULT:", "FAILED" if failed else "all targets met")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
