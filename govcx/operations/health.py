"""The health report behind ``/healthz`` and ``govcx status``: a handful of index lookups, no scan.

- ``failing``: the database does not answer (load balancers take the process out: 503).
- ``degraded``: the site serves, but something behind it is late or down: no live worker or
  scheduler, a periodic job not successful within its interval plus GOVCX_HEALTH_LAG_SECONDS,
  responses waiting to be counted longer than that, or the cache (Redis) unreachable.
- ``ok``: none of these.
"""

import time
from datetime import datetime
from enum import StrEnum
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connection
from django.utils import timezone

from govcx.operations.models import Heartbeat, PeriodicJob
from govcx.operations.periodic import STALE_AFTER, Periodic, periodic_jobs
from govcx.operations.worker import connections_reset


class Status(StrEnum):
    OK = "ok"
    DEGRADED = "degraded"
    FAILING = "failing"


_ORDER = [Status.OK, Status.DEGRADED, Status.FAILING]


def worst(*statuses: Status) -> Status:
    return max(statuses, key=_ORDER.index, default=Status.OK)


def health_report(*, now: datetime | None = None) -> dict[str, Any]:
    now = now or timezone.now()
    database = database_check()
    checks: dict[str, dict[str, Any]] = {"database": database}
    if database["status"] == Status.OK:
        try:
            checks["background"] = background_check(now)
        except DatabaseError:
            connections_reset()
            checks["database"] = {"status": Status.FAILING, "error": "query failed"}
    checks["cache"] = cache_check()
    status = worst(*(Status(check["status"]) for check in checks.values()))
    return {"status": status, "checks": checks}


def database_check() -> dict[str, Any]:
    began = time.perf_counter()
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        connections_reset()
        return {"status": Status.FAILING, "error": "unreachable"}
    return {"status": Status.OK, "milliseconds": round((time.perf_counter() - began) * 1000, 1)}


def cache_check() -> dict[str, Any]:
    """Rate limits fail open without the cache (ADR 8): serving goes on, so degraded only."""
    try:
        cache.get("govcx:health")
    except Exception:  # the cache client's own errors (redis.ConnectionError, ...)
        return {"status": Status.DEGRADED, "error": "unreachable"}
    return {"status": Status.OK}


def background_check(now: datetime) -> dict[str, Any]:
    threshold = settings.GOVCX_HEALTH_LAG_SECONDS
    alive = Heartbeat.objects.filter(seen_at__gte=now - STALE_AFTER)
    workers = alive.filter(kind=Heartbeat.Kind.WORKER).count()
    schedulers = alive.filter(kind=Heartbeat.Kind.SCHEDULER).count()
    records = {job.name: job for job in PeriodicJob.objects.all()}
    jobs = {
        job.name: _job_check(job, records.get(job.name), now, threshold) for job in periodic_jobs()
    }
    problems = [f"{name}: {check['problem']}" for name, check in jobs.items() if "problem" in check]
    if not workers:
        problems.append(f"no worker has reported in the last {STALE_AFTER.seconds} s")
    if not schedulers:
        problems.append(f"no scheduler has reported in the last {STALE_AFTER.seconds} s")
    return {
        "status": Status.DEGRADED if problems else Status.OK,
        "workers": workers,
        "schedulers": schedulers,
        "jobs": jobs,
        "problems": problems,
    }


def _job_check(
    job: Periodic, record: PeriodicJob | None, now: datetime, threshold: int
) -> dict[str, Any]:
    every = job.every()
    succeeded = record.last_succeeded_at if record else None
    since = (now - succeeded).total_seconds() if succeeded else None
    check: dict[str, Any] = {
        "every_seconds": every,
        "seconds_since_success": round(since, 1) if since is not None else None,
        "runs": record.runs if record else 0,
        "failures": record.failures if record else 0,
    }
    if record and record.last_failed_at and (not succeeded or record.last_failed_at > succeeded):
        check["last_error"] = record.last_error
    if since is None:
        check["problem"] = "has not succeeded yet"
    elif since > every + threshold:
        check["problem"] = f"last succeeded {since:.0f} s ago"
    if job.lag is not None:
        lag = job.lag()
        check["lag"] = lag
        waited = lag.get("oldest_uncounted_seconds", 0)
        if waited > threshold and "problem" not in check:
            check["problem"] = f"work waiting for {waited:.0f} s"
    return check
