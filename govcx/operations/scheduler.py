"""The scheduler process: APScheduler ticks, each queueing one kind of periodic work.

A tick that meets a database outage logs it and the next tick tries again; nothing here holds
state that an outage or a restart could lose. Each job's first tick after a start comes one
interval after its last run, so restarting the scheduler does not rerun the daily work.
"""

import logging
from datetime import UTC, datetime, timedelta

from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.interval import IntervalTrigger
from django.db import DatabaseError, close_old_connections
from django.utils import timezone

from govcx.operations.models import Heartbeat, PeriodicJob
from govcx.operations.periodic import (
    HEARTBEAT_SECONDS,
    Periodic,
    overdue_enqueue,
    periodic_enqueue,
    periodic_jobs,
)
from govcx.operations.worker import (
    connections_reset,
    heartbeat_write,
    new_process_id,
    orphans_requeue,
)

logger = logging.getLogger("govcx.background")


def tick(job: Periodic) -> None:
    try:
        if periodic_enqueue(job):
            logger.debug("queued periodic job %s", job.name)
    except DatabaseError as error:
        logger.warning("could not queue %s (%s); next tick retries", job.name, type(error).__name__)
        connections_reset()
    finally:
        close_old_connections()


def housekeeping(process: str, started: datetime) -> None:
    """The scheduler's own heartbeat, the return of tasks whose worker died, and overdue work
    queued again."""
    try:
        heartbeat_write(process, Heartbeat.Kind.SCHEDULER, started)
        orphans_requeue()
        overdue_enqueue()
    except DatabaseError as error:
        logger.warning("housekeeping failed (%s); next tick retries", type(error).__name__)
        connections_reset()
    finally:
        close_old_connections()


def first_tick(job: Periodic, now: datetime) -> datetime:
    try:
        last = PeriodicJob.objects.filter(name=job.name).values_list("last_started_at", flat=True)
        started = last.first()
    except DatabaseError:
        connections_reset()
        started = None
    if started is None:
        return now
    return max(now, started + timedelta(seconds=job.every()))


def scheduler_build() -> BlockingScheduler:
    now = timezone.now()
    scheduler = BlockingScheduler(
        timezone=UTC,
        # A tick missed while the process was busy or paused runs once, not many times.
        job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": None},
    )
    process = new_process_id("scheduler")
    scheduler.add_job(
        housekeeping,
        IntervalTrigger(seconds=HEARTBEAT_SECONDS),
        args=[process, now],
        id="housekeeping",
        next_run_time=now,
    )
    for job in periodic_jobs():
        scheduler.add_job(
            tick,
            IntervalTrigger(seconds=job.every()),
            args=[job],
            id=job.name,
            next_run_time=first_tick(job, now),
        )
    return scheduler


def scheduler_run() -> None:
    scheduler = scheduler_build()
    names = ", ".join(job.name for job in periodic_jobs())
    logger.info("scheduler started: %s", names)
    scheduler.start()
