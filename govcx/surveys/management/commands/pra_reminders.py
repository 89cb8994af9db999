from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from govcx.surveys.reminders import pra_reminders_send


class Command(BaseCommand):
    help = "Email survey managers whose surveys' OMB approval expires within 30 or 7 days."

    def handle(self, *args: Any, **options: Any) -> None:
        sent = pra_reminders_send(today=timezone.localdate())
        self.stdout.write(f"{sent} reminder email(s) sent.")
