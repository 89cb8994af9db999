from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from govcx.compliance.oscal import component_definition_json, mapping_markdown

ROOT = Path(__file__).resolve().parents[4]
FILES = {
    ROOT / "docs/security/nist-800-53.md": mapping_markdown,
    ROOT / "docs/security/oscal/component-definition.json": component_definition_json,
}


class Command(BaseCommand):
    help = "Write (or check) the NIST SP 800-53 mapping and its OSCAL component definition."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["write", "check"])

    def handle(self, *args: Any, **options: Any) -> None:
        stale = []
        for path, build in FILES.items():
            text = build()
            current = path.read_text() if path.exists() else None
            if options["action"] == "write":
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text)
                self.stdout.write(f"wrote {path.relative_to(ROOT)}")
            elif current != text:
                stale.append(str(path.relative_to(ROOT)))
        if stale:
            raise CommandError("Out of date (run `govcx compliance write`): " + ", ".join(stale))
