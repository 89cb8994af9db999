"""The Procfile's processes as production runs them, and a backup restored into a new database.

PostgreSQL only: production refuses any other database."""

import os
import secrets
import shlex
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest
from django.db import connection

from govcx.analytics.rollups import rollup_catch_up
from govcx.collection.tests.helpers import published_survey, submit
from govcx.testing.factories import World

ROOT = Path(__file__).resolve().parents[3]
BIN = Path(sys.executable).parent

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="production runs on PostgreSQL"),
    pytest.mark.django_db(transaction=True),
]


def database_url(name: str | None = None) -> str:
    settings = connection.settings_dict
    user = settings["USER"] or "postgres"
    host = settings["HOST"] or "127.0.0.1"
    port = settings["PORT"] or 5432
    return f"postgres://{user}@{host}:{port}/{name or settings['NAME']}"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def procfile() -> dict[str, str]:
    lines = (ROOT / "Procfile").read_text().splitlines()
    return dict(line.split(": ", 1) for line in lines if line.strip())


@pytest.fixture
def production(tmp_path: Path) -> Iterator[dict[str, Any]]:
    port = free_port()
    env = {
        **os.environ,
        "PATH": f"{BIN}:{os.environ['PATH']}",
        "DJANGO_SETTINGS_MODULE": "govcx.settings",
        "GOVCX_ENV": "production",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": database_url(),
        "TRUST_X_FORWARDED_PROTO": "true",
        "GOVCX_DATA_DIR": str(tmp_path),
        "PORT": str(port),
        "WEB_CONCURRENCY": "1",
        "GOVCX_ROLLUP_INTERVAL": "1",
        "LOG_LEVEL": "WARNING",
    }
    env.pop("CACHE_URL", None)
    running: list[subprocess.Popen[bytes]] = []
    yield {"env": env, "port": port, "running": running}
    for process in running:
        process.send_signal(signal.SIGTERM)
    for process in running:
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def health(port: int) -> dict[str, Any]:
    import json

    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/healthz", headers={"X-Forwarded-Proto": "https"}
    )
    try:
        with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310 - loopback
            body: dict[str, Any] = json.loads(response.read())
            return body
    except urllib.error.HTTPError as error:
        failed: dict[str, Any] = json.loads(error.read())
        return failed
    except OSError:
        return {"status": "no answer"}


def counted(report: dict[str, Any]) -> bool:
    if report.get("status") != "ok":
        return False
    return bool(report["checks"]["background"]["jobs"]["rollups"]["lag"]["uncounted"] == 0)


def test_the_procfile_processes_run_as_production_and_report_ok(
    world: World, production: dict[str, Any]
) -> None:
    survey = published_survey(world)
    for _ in range(3):
        assert submit(survey, {"trust": "1"}).status_code == 201
    for name, command in procfile().items():
        process = subprocess.Popen(  # noqa: S603 - the project's own Procfile
            shlex.split(command), cwd=ROOT, env=production["env"]
        )
        production["running"].append(process)
        assert name in {"web", "worker", "scheduler"}
    deadline = time.monotonic() + 90
    report = health(production["port"])
    # Ok, and the three responses counted (behind a hole in the ids left by earlier tests the
    # rollups wait GOVCX_ROLLUP_GAP_SECONDS, as in production).
    while not counted(report) and time.monotonic() < deadline:
        time.sleep(1)
        report = health(production["port"])
    assert report["status"] == "ok", report
    background = report["checks"]["background"]
    assert (background["workers"], background["schedulers"]) == (1, 1)
    assert background["jobs"]["rollups"]["lag"]["uncounted"] == 0
    assert all(job["seconds_since_success"] is not None for job in background["jobs"].values())


def test_a_backup_restores_into_a_new_database_with_identical_counts(
    world: World, tmp_path: Path
) -> None:
    survey = published_survey(world)
    for answer in ("1", "0", "1"):
        assert submit(survey, {"trust": answer}).status_code == 201
    rollup_catch_up()
    dump = tmp_path / "govcx.dump"
    source = database_url()
    subprocess.run(  # noqa: S603 - PostgreSQL's client tools, on PATH
        ["pg_dump", "--format=custom", f"--file={dump}", f"--dbname={source}"],  # noqa: S607
        check=True,
    )
    name = f"govcx_restore_{uuid.uuid4().hex[:8]}"
    admin = database_url("postgres")
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        restored = database_url(name)
        subprocess.run(  # noqa: S603 - PostgreSQL's client tools, on PATH
            ["pg_restore", "--no-owner", "--exit-on-error", f"--dbname={restored}", str(dump)],  # noqa: S607
            check=True,
        )
        assert table_counts(restored) == table_counts(source)
        check = subprocess.run(  # noqa: S603
            [str(BIN / "govcx"), "rollups", "check"],
            env={**os.environ, "GOVCX_ENV": "development", "DATABASE_URL": restored},
            capture_output=True,
            text=True,
            check=False,
        )
        assert check.returncode == 0, check.stderr
        assert "match" in check.stdout
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def table_counts(url: str) -> dict[str, int]:
    with psycopg.connect(url) as conn:
        tables = [
            row[0]
            for row in conn.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
            )
        ]
        counts = {}
        for table in tables:
            row = conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()  # noqa: S608
            assert row is not None
            counts[table] = int(row[0])
    assert counts["collection_response"] == 3
    return counts
