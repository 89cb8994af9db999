"""Platform housekeeping the scheduler runs daily (ADR 17): finished task records and expired
sessions. Each app registers its own periodic work beside its tasks."""

from django.core.management import call_command
from django_tasks import task

from govcx.operations.periodic import Periodic, periodic_register, periodic_run

DAY_SECONDS = 24 * 60 * 60


def _prune() -> None:
    # Rollups leave a finished record every few seconds; two weeks is enough to investigate.
    call_command("prune_db_task_results", queue_name="*", min_age_days=14, verbosity=0)


@task()
def task_records_prune() -> None:
    periodic_run("task-records-prune", _prune)


@task()
def sessions_clear() -> None:
    periodic_run("sessions-clear", lambda: call_command("clearsessions", verbosity=0))


periodic_register(
    Periodic(name="task-records-prune", task=task_records_prune, every=lambda: DAY_SECONDS)
)
periodic_register(Periodic(name="sessions-clear", task=sessions_clear, every=lambda: DAY_SECONDS))
