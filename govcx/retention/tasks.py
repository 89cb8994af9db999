"""The scheduled purge, on the task framework like the rollups (ADR 9, ADR 12)."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django_tasks import task

from govcx.retention.purge import purge_run


@task()
def retention_purge() -> int:
    """Purge what is due today, then come back in GOVCX_PURGE_INTERVAL seconds."""
    report = purge_run(today=timezone.localdate(), dry_run=False)
    if retention_purge.get_backend().supports_defer:
        retention_schedule(delay=settings.GOVCX_PURGE_INTERVAL)
    return report.deleted


def retention_schedule(*, delay: float = 0) -> bool:
    """Queue the next purge unless one is already waiting; True when one was queued."""
    from django_tasks_db.models import DBTaskResult

    waiting = DBTaskResult.objects.filter(
        task_path=retention_purge.module_path, status="READY"
    ).exists()
    if waiting:
        return False
    retention_purge.using(run_after=timezone.now() + timedelta(seconds=delay)).enqueue()
    return True
