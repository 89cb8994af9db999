from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone
from tqdm import tqdm

from govcx.analytics.rollups import rollup_catch_up
from govcx.catalog.models import Organization
from govcx.demo.reports import demo_reports_build
from govcx.demo.responses import demo_responses_build
from govcx.demo.services import (
    demo_bulk_services_build,
    demo_catalog_build,
    demo_people_build,
    demo_people_list,
    demo_surveys_build,
)
from govcx.demo.world import DEMO_PASSWORD


def _advance(bar: Any, rows: int) -> None:
    bar.update(rows)


class Command(BaseCommand):
    help = "Seed believable demo data: agencies, services, life events, touchpoints and users."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--extra-services",
            type=int,
            default=0,
            metavar="N",
            help="Also add N synthetic services (with touchpoints) to try large catalogs.",
        )
        parser.add_argument(
            "--responses",
            type=int,
            default=0,
            metavar="N",
            help="Also add N realistic responses spread over the past year.",
        )
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing when the database already holds organizations.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.PRODUCTION:
            raise CommandError(
                "govcx demo creates accounts with a known password: GOVCX_ENV=development only."
            )
        extra: int = options["extra_services"]
        if extra < 0:
            raise CommandError("--extra-services: give zero or more.")
        responses: int = options["responses"]
        if responses < 0:
            raise CommandError("--responses: give zero or more.")
        if options["if_empty"] and Organization.objects.exists():
            self.stdout.write("The database already holds data; demo data not loaded.")
        else:
            created = demo_catalog_build()
            demo_people_build()
            surveys = demo_surveys_build()
            if extra:
                demo_bulk_services_build(extra, progress=extra >= 1000)
            self.stdout.write(
                self.style.SUCCESS(
                    f"Demo ready: {created + extra} services and {surveys} surveys added."
                )
            )
            if responses:
                with tqdm(total=responses, unit="response", disable=responses < 5000) as bar:
                    made = demo_responses_build(responses, progress=lambda n: _advance(bar, n))
                self.stdout.write(self.style.SUCCESS(f"{made} responses added."))
                counted = rollup_catch_up()
                self.stdout.write(f"{counted} responses counted for the dashboards.")
                reports = demo_reports_build(timezone.localdate())
                self.stdout.write(f"{reports} quarterly reports prepared.")
        people = demo_people_list()
        if people:
            self.stdout.write(f"Demo sign-ins (password for all: {DEMO_PASSWORD}):")
            for email, what in people:
                self.stdout.write(f"  {email:28} {what}")
