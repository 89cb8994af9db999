"""Background work for analytics, on the task framework (django-tasks; ADR 9, ADR 17)."""

from django.conf import settings
from django_tasks import task

from govcx.analytics.rollups import rollup_catch_up, rollup_lag
from govcx.operations.periodic import Periodic, periodic_enqueue, periodic_register, periodic_run


@task()
def rollups_catch_up() -> int:
    """Count new responses. The scheduler queues this every GOVCX_ROLLUP_INTERVAL seconds; any
    number of workers may run it (the lease, then the watermark lock, make them take turns)."""
    return periodic_run("rollups", rollup_catch_up) or 0


ROLLUPS = periodic_register(
    Periodic(
        name="rollups",
        task=rollups_catch_up,
        every=lambda: settings.GOVCX_ROLLUP_INTERVAL,
        lag=rollup_lag,
    )
)


def rollups_schedule() -> bool:
    """Queue a catch-up now unless one is already waiting; True when one was queued."""
    return periodic_enqueue(ROLLUPS)
