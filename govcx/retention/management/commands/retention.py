from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from govcx.retention.purge import PurgeReport, purge_run
from govcx.retention.tasks import retention_schedule


class Command(BaseCommand):
    help = "Records retention: purge responses whose retention period has run out."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "action",
            choices=["purge", "schedule"],
            help="purge: delete the responses due today (surveys on legal hold are skipped); "
            "schedule: queue the daily purge task for `govcx worker`.",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Report what would be deleted, per organization, survey, service and quarter "
            "(counts only), and delete nothing.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "schedule":
            queued = retention_schedule()
            self.stdout.write("Purge task queued." if queued else "A purge task is already queued.")
            return
        report = purge_run(today=timezone.localdate(), dry_run=options["dry_run"])
        self._print(report)

    def _print(self, report: PurgeReport) -> None:
        for piece in report.slices:
            if piece.held:
                outcome = "on legal hold, kept"
            elif report.dry_run:
                outcome = "would be deleted"
            else:
                outcome = f"{piece.deleted} deleted"
            self.stdout.write(
                f"{piece.organization.abbreviation}\t{piece.survey.name} (survey {piece.survey.pk})"
                f"\t{piece.service.name}\t{piece.quarter.label}\t{piece.responses} response(s)"
                f"\tdue {piece.due_on.isoformat()}\t{outcome}"
            )
        if report.dry_run:
            summary = f"Dry run: {report.due} response(s) would be deleted"
        else:
            summary = f"{report.deleted} response(s) deleted"
        self.stdout.write(f"{summary}; {report.held} kept for legal holds.")
