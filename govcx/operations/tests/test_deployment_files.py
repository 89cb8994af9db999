"""The deployment files agree with each other and do what docs/operations.md says."""

import os
import subprocess
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[3]


def procfile() -> dict[str, str]:
    lines = (ROOT / "Procfile").read_text().splitlines()
    return dict(line.split(": ", 1) for line in lines if line.strip())


def test_the_procfile_names_web_worker_and_scheduler() -> None:
    assert set(procfile()) == {"web", "worker", "scheduler"}


def test_the_cloud_foundry_manifest_runs_the_procfile_commands() -> None:
    manifest = yaml.safe_load((ROOT / "manifest.yml").read_text())
    (app,) = manifest["applications"]
    commands = {process["type"]: process["command"] for process in app["processes"]}
    assert commands == procfile()
    web = next(p for p in app["processes"] if p["type"] == "web")
    assert web["health-check-http-endpoint"] == "/healthz"
    assert app["env"]["GOVCX_ENV"] == "production"


def test_the_container_runs_the_web_process_as_an_unprivileged_user() -> None:
    text = (ROOT / "Containerfile").read_text()
    assert "\nUSER 10001\n" in text
    assert 'CMD ["gunicorn", "govcx.wsgi", "--config", "python:govcx.gunicorn_config"' in text
    assert "collectstatic" in text  # static files are in the image, not written at run time


def test_the_profile_turns_bound_services_into_urls() -> None:
    services = (
        '{"aws-rds": [{"credentials": {"uri": "postgres://u:p@db.internal:5432/govcx"}}],'
        ' "aws-elasticache-redis": [{"credentials": {"uri": "rediss://:s@cache.internal:6379"}}]}'
    )
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "CACHE_URL")}
    out = subprocess.run(
        ["/bin/bash", "-c", '. ./.profile; echo "$DATABASE_URL $CACHE_URL"'],
        cwd=ROOT,
        env={**env, "VCAP_SERVICES": services},
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert out == ["postgres://u:p@db.internal:5432/govcx", "rediss://:s@cache.internal:6379"]
