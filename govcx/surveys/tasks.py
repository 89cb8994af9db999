"""PRA expiry reminders, run daily by the scheduler (ADR 17)."""

from django.utils import timezone
from django_tasks import task

from govcx.operations.periodic import Periodic, periodic_register, periodic_run
from govcx.surveys.reminders import pra_reminders_send

DAY_SECONDS = 24 * 60 * 60


@task()
def pra_reminders() -> int:
    """Email the 30- and 7-day warnings; sending twice is prevented by the reminders' records."""
    return (
        periodic_run("pra-reminders", lambda: pra_reminders_send(today=timezone.localdate())) or 0
    )


periodic_register(Periodic(name="pra-reminders", task=pra_reminders, every=lambda: DAY_SECONDS))
