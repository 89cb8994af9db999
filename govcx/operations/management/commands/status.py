"""``govcx status``: the /healthz report for an operator's terminal. Exit status 0 ok,
1 degraded, 2 failing, so scripts and timers can act on it."""

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from govcx.operations.health import Status, health_report

EXIT = {Status.OK: 0, Status.DEGRADED: 1, Status.FAILING: 2}


class Command(BaseCommand):
    help = "Show the health of the database, the cache and every kind of background work."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--json", action="store_true", help="Print the /healthz JSON.")

    def handle(self, *args: Any, **options: Any) -> None:
        report = health_report()
        if options["json"]:
            self.stdout.write(json.dumps(report, indent=2))
        else:
            self._print(report)
        raise SystemExit(EXIT[Status(report["status"])])

    def _print(self, report: dict[str, Any]) -> None:
        checks = report["checks"]
        self.stdout.write(f"status: {report['status']}")
        self.stdout.write(f"database: {checks['database']['status']}")
        self.stdout.write(f"cache: {checks['cache']['status']}")
        background = checks.get("background")
        if background is None:
            return
        self.stdout.write(
            f"background: {background['status']} ({background['workers']} worker(s), "
            f"{background['schedulers']} scheduler(s))"
        )
        for name, job in background["jobs"].items():
            since = job["seconds_since_success"]
            line = f"  {name}: every {job['every_seconds']:g} s, last success "
            line += "never" if since is None else f"{since:.0f} s ago"
            if "lag" in job:
                lag = job["lag"]
                more = "+" if lag.get("uncounted_at_least") else ""
                line += (
                    f"; {lag['uncounted']}{more} waiting, oldest "
                    f"{lag['oldest_uncounted_seconds']:.0f} s"
                )
            if "problem" in job:
                line += f"  <- {job['problem']}"
            self.stdout.write(line)
        for problem in background["problems"]:
            if ":" not in problem:
                self.stdout.write(f"  <- {problem}")
