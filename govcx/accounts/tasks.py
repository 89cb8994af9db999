"""Background work for accounts, on the task framework (django-tasks; ADR 9, ADR 17)."""

from django.utils import timezone
from django_tasks import task

from govcx.accounts.lifecycle import inactive_accounts_deactivate
from govcx.operations.periodic import Periodic, periodic_enqueue, periodic_register, periodic_run

DAY_SECONDS = 24 * 60 * 60


@task()
def inactive_accounts_check() -> int:
    """Warn and deactivate unused accounts (daily). Returns how many were deactivated."""
    run = periodic_run(
        "inactive-accounts", lambda: inactive_accounts_deactivate(now=timezone.now())
    )
    return len(run.deactivated) if run else 0


INACTIVE_ACCOUNTS = periodic_register(
    Periodic(name="inactive-accounts", task=inactive_accounts_check, every=lambda: DAY_SECONDS)
)


def inactive_accounts_schedule() -> bool:
    """Queue a check now unless one is already waiting; True when one was queued."""
    return periodic_enqueue(INACTIVE_ACCOUNTS)
