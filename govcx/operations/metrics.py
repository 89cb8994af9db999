"""Metrics in the Prometheus text format (prometheus-client), served at /metrics.

Counters and histograms live in each process; under gunicorn, PROMETHEUS_MULTIPROC_DIR (set by
govcx.gunicorn_config) lets the process that answers /metrics add up all of them. Facts about
background work come from the database at scrape time, so they are the same whichever web
process answers and whatever machine the workers run on. Labels are bounded sets (reasons,
sources, URL patterns, task names): never an id, an address or an answer.
"""

import os
from collections.abc import Iterator

from prometheus_client import (
    REGISTRY,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
    multiprocess,
)
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, Metric
from prometheus_client.registry import Collector

SUBMISSIONS_ACCEPTED = Counter(
    "govcx_submissions_accepted", "Submissions stored, by source.", ["source"]
)
SUBMISSIONS_REJECTED = Counter(
    "govcx_submissions_rejected", "Submissions refused, by reason.", ["reason"]
)
REQUEST_SECONDS = Histogram(
    "govcx_http_request_duration_seconds",
    "Time to answer a request, by URL pattern, method and status class.",
    ["route", "method", "status"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30),
)
TASK_RUNS = Counter(
    "govcx_task_runs", "Background task runs, by task and outcome.", ["task", "status"]
)
TASK_SECONDS = Histogram(
    "govcx_task_duration_seconds",
    "Time a background task ran, by task.",
    ["task"],
    buckets=(0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30, 60, 300, 1800),
)
EXPORTS = Counter(
    "govcx_exports", "Exports of responses, by format and outcome.", ["format", "outcome"]
)
IMPORTS = Counter("govcx_imports", "File imports of responses, by outcome.", ["outcome"])
IMPORTED_ROWS = Counter("govcx_imported_rows", "Responses stored by file imports.")
AUDIT_EVENTS = Counter("govcx_audit_events", "Audit log entries written, by action.", ["action"])


class BackgroundCollector(Collector):
    """Periodic work as recorded in the database: runs, failures, time since the last success,
    live processes, and the rollup backlog."""

    def collect(self) -> Iterator[Metric]:
        from govcx.operations.health import health_report

        background = health_report()["checks"].get("background")
        if background is None:
            return
        runs = CounterMetricFamily("govcx_periodic_runs", "Runs of periodic work.", labels=["job"])
        failures = CounterMetricFamily(
            "govcx_periodic_failures", "Failed runs of periodic work.", labels=["job"]
        )
        since = GaugeMetricFamily(
            "govcx_periodic_seconds_since_success",
            "Seconds since periodic work last succeeded (absent: never).",
            labels=["job"],
        )
        for name, job in background["jobs"].items():
            runs.add_metric([name], job.get("runs", 0))
            failures.add_metric([name], job["failures"])
            if job["seconds_since_success"] is not None:
                since.add_metric([name], job["seconds_since_success"])
        yield from (runs, failures, since)
        alive = GaugeMetricFamily(
            "govcx_background_processes", "Live background processes.", labels=["kind"]
        )
        alive.add_metric(["worker"], background["workers"])
        alive.add_metric(["scheduler"], background["schedulers"])
        yield alive
        lag = background["jobs"].get("rollups", {}).get("lag")
        if lag:
            yield GaugeMetricFamily(
                "govcx_rollup_uncounted_responses",
                "Responses not yet counted by the rollups (capped).",
                value=lag["uncounted"],
            )
            yield GaugeMetricFamily(
                "govcx_rollup_oldest_uncounted_seconds",
                "How long the oldest uncounted response has waited.",
                value=lag["oldest_uncounted_seconds"],
            )


def metrics_text() -> bytes:
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
        processes = generate_latest(registry)
    else:
        processes = generate_latest(REGISTRY)
    database = CollectorRegistry()
    database.register(BackgroundCollector())
    return processes + generate_latest(database)
