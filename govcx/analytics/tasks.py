"""Background work for analytics, on the task framework (django-tasks; ADR 9)."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django_tasks import task

from govcx.analytics.rollups import rollup_catch_up


@task()
def rollups_catch_up() -> int:
    """Count new responses, then come back in GOVCX_ROLLUP_INTERVAL seconds. Any number of
    workers may run this: the watermark lock makes them take turns."""
    counted = rollup_catch_up()
    backend = rollups_catch_up.get_backend()
    if backend.supports_defer:
        rollups_schedule(delay=settings.GOVCX_ROLLUP_INTERVAL)
    return counted


def rollups_schedule(*, delay: float = 0) -> bool:
    """Queue the next catch-up unless one is already waiting; True when one was queued."""
    from django_tasks_db.models import DBTaskResult

    waiting = DBTaskResult.objects.filter(
        task_path=rollups_catch_up.module_path, status="READY"
    ).exists()
    if waiting:
        return False
    rollups_catch_up.using(run_after=timezone.now() + timedelta(seconds=delay)).enqueue()
    return True
