"""``govcx redact``: try the redactor on your own samples, or run it again over stored answers.

govcx redact < samples.jsonl > redacted.jsonl
    each line {"text": "...", "lang": "en"|"es"} gives one line
    {"text": redacted, "spans": [{"start": 0, "end": 11, "kind": "SSN"}, ...]}, offsets into
    the text as given; a line that cannot be read gives {"line": N, "error": "..."} and the
    command exits with status 1 at the end.
govcx redact --stored [--organization SLUG] [--dry-run]
    runs the current redactor over stored free-text answers (and location codes), in batches,
    so an improved redactor reaches old answers; audited with counts only.
"""

import json
import sys
from typing import Any, TextIO

from django.core.management.base import BaseCommand, CommandError, CommandParser

from govcx.catalog.models import Organization
from govcx.collection.redaction import redact
from govcx.collection.rerun import StoredRun, stored_redact
from govcx.core.text import text_problem
from govcx.reporting.models import FrozenResponse

LANGUAGES = ("en", "es")


class Command(BaseCommand):
    help = (
        "Redact JSON lines from standard input ({'text', 'lang'} -> {'text', 'spans'}), or with "
        "--stored run the current redactor again over stored free-text answers."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--stored", action="store_true", help="Redact stored answers again, in batches."
        )
        parser.add_argument(
            "--organization", help="With --stored: only this organization (and those beneath)."
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="With --stored: count what would change."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not options["stored"]:
            if options["organization"] or options["dry_run"]:
                raise CommandError("--organization and --dry-run go with --stored.")
            if lines_redact(sys.stdin, self.stdout):
                raise SystemExit(1)
            return
        organization = None
        if options["organization"]:
            organization = Organization.objects.filter(slug=options["organization"]).first()
            if organization is None:
                raise CommandError(
                    f"--organization: no organization is named {options['organization']!r}."
                )
        run = stored_redact(organization=organization, dry_run=options["dry_run"])
        run.in_submitted_reports = sum(
            FrozenResponse.objects.filter(response_id__in=run.changed_ids[i : i + 5000]).count()
            for i in range(0, len(run.changed_ids), 5000)
        )
        self.stdout.write(report(run, dry_run=options["dry_run"]))


def lines_redact(source: TextIO, out: Any) -> int:
    """Redact each JSON line of ``source`` to ``out``; return how many lines were refused."""
    refused = 0
    for number, line in enumerate(source, start=1):
        if not line.strip():
            continue
        problem, text = _read(line)
        if problem:
            refused += 1
            out.write(json.dumps({"line": number, "error": problem}))
            continue
        result = redact(text)
        spans = [{"start": s.start, "end": s.end, "kind": s.kind} for s in result.spans]
        out.write(json.dumps({"text": result.text, "spans": spans}, ensure_ascii=False))
    return refused


def _read(line: str) -> tuple[str, str]:
    try:
        item = json.loads(line)
    except ValueError:
        return "Not a JSON object.", ""
    if not isinstance(item, dict):
        return "Not a JSON object.", ""
    unknown = sorted(set(item) - {"text", "lang"})
    if unknown:
        return f"Unknown field(s): {', '.join(unknown)}; give text and lang.", ""
    text, lang = item.get("text"), item.get("lang", "en")
    if not isinstance(text, str):
        return "'text' must be a string.", ""
    if lang not in LANGUAGES:
        return f"'lang' must be one of {', '.join(LANGUAGES)}.", ""
    problem = text_problem(text)
    if problem:
        return f"'text': {problem}", ""
    return "", text


def report(run: StoredRun, *, dry_run: bool) -> str:
    verb = "would change" if dry_run else "changed"
    lines = [
        f"{run.responses_read} response(s) read; {verb} {run.answers_changed} answer(s) "
        f"in {run.responses_changed} response(s)."
    ]
    if run.in_submitted_reports:
        lines.append(
            f"{run.in_submitted_reports} of those response(s) are behind submitted or published "
            "quarterly reports: their integrity check will show that answers changed after "
            "submission (the report's counts are not affected)."
        )
    return "\n".join(lines)
