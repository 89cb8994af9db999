"""The scheduled purge, on the task framework like the rollups (ADR 9, ADR 12, ADR 17)."""

from django.conf import settings
from django.utils import timezone
from django_tasks import task

from govcx.operations.periodic import Periodic, periodic_enqueue, periodic_register, periodic_run
from govcx.retention.purge import purge_run


@task()
def retention_purge() -> int:
    """Purge what is due today; the scheduler queues this every GOVCX_PURGE_INTERVAL seconds."""
    report = periodic_run(
        "retention-purge", lambda: purge_run(today=timezone.localdate(), dry_run=False)
    )
    return report.deleted if report else 0


PURGE = periodic_register(
    Periodic(
        name="retention-purge",
        task=retention_purge,
        every=lambda: settings.GOVCX_PURGE_INTERVAL,
        lease=3600,
    )
)


def retention_schedule() -> bool:
    """Queue a purge now unless one is already waiting; True when one was queued."""
    return periodic_enqueue(PURGE)
