"""Periodic work: a registry each app adds its jobs to, and the lease that keeps one run at a time.

The scheduler process (``govcx scheduler``) queues each job on the task framework at its
interval, and a worker (``govcx worker``) runs it inside ``periodic_run``. No run queues the next
one, so a run that raises, a worker killed mid-run or a database outage cannot end the chain: the
next tick queues the work again (ADR 17).
"""

import logging
import os
import socket
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, TypeVar

from django.db import DatabaseError
from django.db.models import F, Q
from django.utils import timezone
from django_tasks.base import Task

from govcx.operations.models import Heartbeat, PeriodicJob

logger = logging.getLogger("govcx.background")
T = TypeVar("T")

# Work that has not succeeded within its interval plus OVERDUE_GRACE is queued again by the
# scheduler's housekeeping: at once when no run was even tried since (a tick lost in a database
# outage, a task lost with its worker), after FAILED_RETRY when the last run failed.
OVERDUE_GRACE = timedelta(seconds=30)
RETRY_AFTER = timedelta(seconds=30)
FAILED_RETRY = timedelta(minutes=5)
# A process that has not written its heartbeat for this long is taken for dead: its leases and
# the tasks it had claimed go to others. Heartbeats are written every HEARTBEAT_SECONDS.
HEARTBEAT_SECONDS = 5.0
STALE_AFTER = timedelta(seconds=30)


@dataclass(frozen=True)
class Periodic:
    """One kind of periodic work. ``every`` and ``lease`` are read at each use, so settings
    (and tests) can change them; ``lag`` reports how far behind the work is, cheaply."""

    name: str
    task: "Task[[], Any]"
    every: Callable[[], float]
    lease: float = 600.0
    lag: Callable[[], dict[str, Any]] | None = field(default=None, compare=False)


_REGISTRY: dict[str, Periodic] = {}
_process_id: str | None = None


def periodic_register(job: Periodic) -> Periodic:
    _REGISTRY[job.name] = job
    return job


def periodic_jobs() -> list[Periodic]:
    return [_REGISTRY[name] for name in sorted(_REGISTRY)]


def periodic_job(name: str) -> Periodic:
    return _REGISTRY[name]


def process_id() -> str:
    """This process's name in leases and heartbeats (a worker sets its own at start)."""
    return _process_id or f"{socket.gethostname()}:{os.getpid()}"


def process_id_set(value: str) -> None:
    global _process_id
    _process_id = value


def periodic_run(name: str, work: Callable[[], T]) -> T | None:
    """Run ``work`` as the only run of job ``name`` anywhere; None when another process holds
    it. Records the start, the success or the failure (its exception class) for /healthz."""
    holder = process_id()
    if not _lease_take(name, holder):
        logger.info("periodic job %s is running elsewhere; skipped", name)
        return None
    try:
        result = work()
    except Exception as error:
        _record(name, holder, failed=type(error).__name__)
        raise
    _record(name, holder, failed=None)
    return result


def _lease_take(name: str, holder: str) -> bool:
    now = timezone.now()
    PeriodicJob.objects.bulk_create([PeriodicJob(name=name)], ignore_conflicts=True)
    dead = Heartbeat.objects.filter(seen_at__lt=now - STALE_AFTER).values("process_id")
    free = Q(lease_until__isnull=True) | Q(lease_until__lt=now) | Q(leased_by__in=dead)
    taken = (
        PeriodicJob.objects.filter(free, name=name).update(
            lease_until=now
            + timedelta(seconds=_REGISTRY[name].lease if name in _REGISTRY else 600),
            leased_by=holder,
            last_started_at=now,
            runs=F("runs") + 1,
        )
        == 1
    )
    return taken


def _record(name: str, holder: str, *, failed: str | None) -> None:
    """Release the lease with the outcome. When the database itself is what failed, the lease
    simply runs out (or its holder's heartbeat does)."""
    now = timezone.now()
    outcome: dict[str, Any] = (
        {"last_failed_at": now, "last_error": failed[:200], "failures": F("failures") + 1}
        if failed
        else {"last_succeeded_at": now}
    )
    try:
        PeriodicJob.objects.filter(name=name, leased_by=holder).update(
            lease_until=None, leased_by="", **outcome
        )
    except DatabaseError:
        logger.warning("could not record the outcome of periodic job %s", name)


def periodic_enqueue(job: Periodic) -> bool:
    """Queue a run unless one is already waiting; True when one was queued. Two schedulers
    racing here can queue two runs; the lease then makes the second a no-op."""
    from django_tasks_db.models import DBTaskResult

    waiting = DBTaskResult.objects.filter(task_path=job.task.module_path, status="READY").exists()
    if waiting:
        return False
    job.task.enqueue()
    return True


def overdue_enqueue(*, now: datetime | None = None) -> list[str]:
    """Queue again each kind of work that is overdue and not running: the safety net that
    makes periodic work resume within a minute of a fault clearing, whatever its interval.
    Returns the names queued."""
    now = now or timezone.now()
    records = {record.name: record for record in PeriodicJob.objects.all()}
    queued = []
    for job in periodic_jobs():
        record = records.get(job.name)
        if record is None:
            continue  # never started: the scheduler's first tick queues it
        due = timedelta(seconds=job.every()) + OVERDUE_GRACE
        if record.last_succeeded_at and now - record.last_succeeded_at < due:
            continue
        if record.lease_until and record.lease_until > now:
            continue  # running now
        tried = record.last_started_at
        failed_last = bool(record.last_failed_at and tried and record.last_failed_at >= tried)
        wait = FAILED_RETRY if failed_last else RETRY_AFTER
        if tried and now - tried < wait:
            continue
        if periodic_enqueue(job):
            queued.append(job.name)
    if queued:
        logger.warning("queued overdue periodic work again: %s", ", ".join(queued))
    return queued
