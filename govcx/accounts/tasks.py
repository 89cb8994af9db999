"""Background work for accounts, on the task framework (django-tasks; ADR 9)."""

from datetime import timedelta

from django.utils import timezone
from django_tasks import task

from govcx.accounts.lifecycle import inactive_accounts_deactivate

DAY_SECONDS = 24 * 60 * 60


@task()
def inactive_accounts_check() -> int:
    """Warn and deactivate unused accounts, then come back in a day. Returns how many accounts
    were deactivated."""
    run = inactive_accounts_deactivate(now=timezone.now())
    if inactive_accounts_check.get_backend().supports_defer:
        inactive_accounts_schedule(delay=DAY_SECONDS)
    return len(run.deactivated)


def inactive_accounts_schedule(*, delay: float = 0) -> bool:
    """Queue the next check unless one is already waiting; True when one was queued."""
    from django_tasks_db.models import DBTaskResult

    waiting = DBTaskResult.objects.filter(
        task_path=inactive_accounts_check.module_path, status="READY"
    ).exists()
    if waiting:
        return False
    inactive_accounts_check.using(run_after=timezone.now() + timedelta(seconds=delay)).enqueue()
    return True
