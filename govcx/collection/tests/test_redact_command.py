"""`govcx redact` (samples on standard input, stored answers again) and the organization's own
public contacts, which the redactor keeps."""

import io
import json
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from govcx.audit.models import Action, AuditEntry
from govcx.collection.models import Response
from govcx.collection.tests.helpers import published_survey, submit
from govcx.testing.factories import World, signed_in

SSN = "123-45-6789"


def run_lines(monkeypatch: pytest.MonkeyPatch, *lines: str) -> tuple[list[dict[str, Any]], int]:
    monkeypatch.setattr("sys.stdin", io.StringIO("\n".join(lines) + "\n"))
    out = io.StringIO()
    code = 0
    try:
        call_command("redact", stdout=out)
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    return [json.loads(line) for line in out.getvalue().splitlines()], code


def test_samples_come_back_redacted_with_spans_into_the_text_as_given(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    text = f"Mi seguro social es {SSN}, llámenme"
    results, code = run_lines(monkeypatch, json.dumps({"text": text, "lang": "es"}))
    assert code == 0
    (result,) = results
    assert result["text"] == "Mi seguro social es [SSN], llámenme"
    (span,) = result["spans"]
    assert (text[span["start"] : span["end"]], span["kind"]) == (SSN, "SSN")


def test_a_line_it_cannot_read_is_named_and_the_rest_still_done(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    results, code = run_lines(
        monkeypatch,
        "not json",
        json.dumps({"text": "hello", "lang": "fr"}),
        json.dumps({"text": "a\u0000b"}),
        json.dumps({"text": f"SSN {SSN}"}),
    )
    assert code == 1
    assert [r.get("line") for r in results[:3]] == [1, 2, 3]
    assert "JSON" in results[0]["error"]
    assert "'lang'" in results[1]["error"]
    assert "NUL" in results[2]["error"]
    assert results[3]["text"] == "SSN [SSN]"


def stored_in_the_clear(world: World, comment: str) -> Response:
    """An answer stored before the redactor knew this kind (written past it on purpose)."""
    survey = published_survey(world)
    response_id = submit(survey, {"trust": "1", "comment": "placeholder"}).json()["id"]
    response = Response.objects.get(pk=response_id)
    response.answers = {**response.answers, "comment": comment}
    response.save(update_fields=["answers"])
    return response


def test_stored_answers_are_redacted_again_counted_and_audited(world: World) -> None:
    response = stored_in_the_clear(world, f"my SSN is {SSN}")
    out = io.StringIO()
    call_command("redact", "--stored", "--dry-run", stdout=out)
    assert "would change 1 answer(s) in 1 response(s)" in out.getvalue()
    response.refresh_from_db()
    assert SSN in response.answers["comment"]
    assert not AuditEntry.objects.filter(action=Action.RESPONSES_REDACTED).exists()
    call_command("redact", "--stored", "--organization", "fema", stdout=io.StringIO())
    response.refresh_from_db()
    assert response.answers["comment"] == "my SSN is [SSN]"
    entry = AuditEntry.objects.get(action=Action.RESPONSES_REDACTED)
    assert (entry.organization, entry.details) == (world.fema, {"responses changed": 1})
    again = io.StringIO()
    call_command("redact", "--stored", stdout=again)
    assert "changed 0 answer(s) in 0 response(s)" in again.getvalue()


def test_another_organizations_answers_are_left_alone(world: World) -> None:
    response = stored_in_the_clear(world, f"my SSN is {SSN}")
    call_command("redact", "--stored", "--organization", "ssa", stdout=io.StringIO())
    response.refresh_from_db()
    assert SSN in response.answers["comment"]
    with pytest.raises(CommandError, match="--organization"):
        call_command("redact", "--stored", "--organization", "nope", stdout=io.StringIO())


def test_an_organizations_own_public_number_is_kept_but_not_the_respondents(
    world: World,
) -> None:
    edit = signed_in(world.dhs_admin).post(
        reverse("catalog:organization-edit", args=["fema"]),
        {
            "name": world.fema.name,
            "abbreviation": "FEMA",
            "slug": "fema",
            "kind": "agency",
            "parent": world.dhs.pk,
            "public_phones": "(202) 646-2500",
            "public_addresses": "500 C St SW, Washington",
        },
    )
    assert edit.status_code == 302, edit.context["form"].errors
    survey = published_survey(world)
    comment = (
        "I called 202-646-2500 four times and went to 500 C St SW, Washington. "
        "Call me back at 301-555-0199, I live at 12 Oak Lane, Springfield."
    )
    stored = Response.objects.get(
        pk=submit(survey, {"trust": "0", "comment": comment}).json()["id"]
    )
    text = stored.answers["comment"]
    assert "202-646-2500" in text
    assert "500 C St SW" in text
    assert "301-555-0199" not in text
    assert "12 Oak Lane" not in text
    page = signed_in(world.owner).get(reverse("catalog:organization-edit", args=["fema"]))
    assert "Comments that mention them keep them" in page.content.decode()
