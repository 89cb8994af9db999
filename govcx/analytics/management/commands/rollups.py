from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from govcx.analytics.rollups import rollup_catch_up, rollup_differences, rollup_rebuild
from govcx.analytics.tasks import rollups_schedule


class Command(BaseCommand):
    help = "Rollups: catch up now, schedule the background catch-up, or check against raw data."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "action",
            choices=["catch-up", "schedule", "check", "rebuild"],
            help="catch-up: count new responses now; schedule: queue the background task for "
            "`govcx worker`; check: recount everything and report differences; rebuild: "
            "throw the counts away and count again.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "catch-up":
            self.stdout.write(f"{rollup_catch_up()} response(s) counted.")
        elif action == "schedule":
            queued = rollups_schedule()
            self.stdout.write(
                "Rollup task queued." if queued else "A rollup task is already queued."
            )
        elif action == "rebuild":
            self.stdout.write(f"{rollup_rebuild()} response(s) counted from scratch.")
        else:
            recounted, differences = rollup_differences()
            for difference in differences:
                self.stderr.write(difference)
            if differences:
                raise CommandError(
                    f"Rollups differ from the raw responses ({recounted} recounted)."
                )
            self.stdout.write(f"Rollups match the raw responses ({recounted} recounted).")
