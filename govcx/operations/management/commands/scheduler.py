"""``govcx scheduler``: queue every kind of periodic work at its interval (docs/operations.md)."""

from typing import Any

from django.core.management.base import BaseCommand

from govcx.operations.scheduler import scheduler_run


class Command(BaseCommand):
    help = (
        "Queue periodic work (rollups, retention purge, account checks, PRA reminders, "
        "clean-ups) for the workers. Run one; a second one is harmless."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        scheduler_run()
