"""The control mapping: every test it names exists, the generated files are current, and the
OSCAL document is valid against the OSCAL models."""

import json
import re
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from pydantic import ValidationError
from trestle.oscal.component import ComponentDefinition

from govcx.compliance.controls import CONTROLS
from govcx.compliance.oscal import component_definition

ROOT = Path(__file__).resolve().parents[3]
REQUIRED = {
    "AC-2",
    "AC-3",
    "AC-6",
    "AC-7",
    "AC-11",
    "AC-12",
    "AU-2",
    "AU-3",
    "AU-9",
    "IA-2",
    "IA-5",
    "IA-8",
    "SC-8",
    "SC-13",
    "SC-23",
    "SI-10",
    "SI-12",
}


def test_every_named_test_and_file_exists() -> None:
    missing = []
    for control in CONTROLS:
        for ref in control.tests:
            path, name = ref.split("::")
            source = (ROOT / path).read_text() if (ROOT / path).exists() else ""
            if not re.search(rf"^def {re.escape(name)}\(", source, re.MULTILINE):
                missing.append(f"{control.id}: {ref}")
        missing += [f"{control.id}: {p}" for p in control.code if not (ROOT / p).exists()]
    assert missing == []


def test_the_issue_s_controls_are_mapped_once_each() -> None:
    ids = [c.id for c in CONTROLS]
    assert len(ids) == len(set(ids))
    assert set(ids) >= REQUIRED
    assert all(c.tests for c in CONTROLS)


def test_the_oscal_document_is_valid() -> None:
    document = component_definition()
    parsed = ComponentDefinition.model_validate(document["component-definition"])
    assert parsed.components is not None
    implementations = parsed.components[0].control_implementations
    assert implementations is not None
    requirements = implementations[0].implemented_requirements
    assert [r.control_id for r in requirements] == [c.id.lower() for c in CONTROLS]
    committed = json.loads((ROOT / "docs/security/oscal/component-definition.json").read_text())
    assert ComponentDefinition.model_validate(committed["component-definition"])


def test_the_generated_files_are_current() -> None:
    call_command("compliance", "check")


def test_an_invalid_document_is_refused() -> None:
    document = component_definition()["component-definition"]
    document["components"][0]["control-implementations"][0]["implemented-requirements"][0][
        "control-id"
    ] = "AC 2!"
    with pytest.raises(ValidationError, match=r"control_id|control-id"):
        ComponentDefinition.model_validate(document)


def test_a_stale_file_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from govcx.core.management.commands import compliance

    stale = tmp_path / "mapping.md"
    stale.write_text("old")
    monkeypatch.setattr(compliance, "FILES", {**compliance.FILES, stale: lambda: "new"})
    monkeypatch.setattr(compliance, "ROOT", tmp_path)
    with pytest.raises(CommandError, match=r"mapping\.md"):
        call_command("compliance", "check")
