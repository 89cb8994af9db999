from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from govcx.accounts.models import User
from govcx.collection.imports import responses_import
from govcx.collection.public import survey_by_public_id, survey_touchpoint


def _advance(bar: Any, rows: int) -> None:
    bar.update(rows)


class Command(BaseCommand):
    help = (
        "Import paper, phone or in-person responses from a CSV file. Every row is checked first; "
        "nothing is stored unless every row is valid."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--survey", required=True, help="The survey's public id.")
        parser.add_argument("--touchpoint", type=int, help="Touchpoint id (default: the first).")
        parser.add_argument(
            "--layout",
            choices=["columns", "a11"],
            default="columns",
            help="columns: a header of question keys; a11: the A-11 17-column response format.",
        )
        parser.add_argument("--by", help="Email of the person importing, for the audit log.")

    def handle(self, *args: Any, **options: Any) -> None:
        survey = survey_by_public_id(options["survey"])
        if survey is None:
            raise CommandError(f"--survey: no survey has the id {options['survey']!r}.")
        touchpoint = survey_touchpoint(survey, options["touchpoint"])
        if touchpoint is None:
            raise CommandError("--touchpoint: not an active touchpoint of this survey.")
        by = User.objects.filter(email=options["by"]).first() if options["by"] else None
        path: Path = options["file"]
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(f"{path}: {error}") from error
        rows = max(data.count(b"\n") - 1, 0)
        with tqdm(total=rows, unit="row", disable=rows < 5000) as bar:
            result = responses_import(
                survey=survey,
                touchpoint=touchpoint,
                data=data,
                layout=options["layout"],
                by=by,
                progress=lambda n: _advance(bar, n),
            )
        if result.errors:
            for problem in result.errors[:200]:
                self.stderr.write(str(problem))
            more = len(result.errors) - 200
            if more > 0:
                self.stderr.write(f"... and {more} more problems.")
            raise CommandError(f"Nothing was imported: {len(result.errors)} problem(s).")
        self.stdout.write(
            self.style.SUCCESS(
                f"Imported {result.stored} response(s); {result.already} were already stored."
            )
        )
