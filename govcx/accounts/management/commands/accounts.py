from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from govcx.accounts.lifecycle import inactive_accounts_deactivate
from govcx.accounts.tasks import inactive_accounts_schedule


class Command(BaseCommand):
    help = "Accounts: deactivate unused accounts now, or schedule the daily background check."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "action",
            choices=["deactivate-inactive", "schedule"],
            help="deactivate-inactive: warn owners of accounts close to GOVCX_INACTIVE_DAYS "
            "unused and deactivate those past it; schedule: queue the daily check for "
            "`govcx worker`.",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Report what would happen; change nothing."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "schedule":
            queued = inactive_accounts_schedule()
            self.stdout.write(
                "Daily account check queued." if queued else "A daily account check is queued."
            )
            return
        dry_run = options["dry_run"]
        run = inactive_accounts_deactivate(now=timezone.now(), dry_run=dry_run)
        verb = "would be" if dry_run else "were"
        for email in run.warned:
            self.stdout.write(f"warn: {email}")
        for email in run.deactivated:
            self.stdout.write(f"deactivate: {email}")
        warned, deactivated = len(run.warned), len(run.deactivated)
        self.stdout.write(f"{warned} account(s) {verb} warned, {deactivated} {verb} deactivated.")
