"""gunicorn's settings for the ``web`` process (Procfile): ``gunicorn govcx.wsgi --config
python:govcx.gunicorn_config``. PORT and WEB_CONCURRENCY come from the platform (Cloud Foundry,
a container, systemd); gunicorn's own GUNICORN_CMD_ARGS and FORWARDED_ALLOW_IPS still apply."""

import os
import shutil
import tempfile
from typing import Any

bind = f"0.0.0.0:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
# govcx.request logs every request as one JSON line; gunicorn's access log would repeat it.
accesslog = None


def on_starting(server: Any) -> None:
    """One fresh folder per start where every process leaves its metrics, so /metrics answered
    by any of them counts all of them (prometheus-client's multiprocess mode)."""
    folder = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    if folder:
        shutil.rmtree(folder, ignore_errors=True)
        os.makedirs(folder, exist_ok=True)
    else:
        os.environ["PROMETHEUS_MULTIPROC_DIR"] = tempfile.mkdtemp(prefix="govcx-metrics-")


def child_exit(server: Any, worker: Any) -> None:
    from prometheus_client import multiprocess

    multiprocess.mark_process_dead(worker.pid)  # type: ignore[no-untyped-call]
