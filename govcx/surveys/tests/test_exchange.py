"""Survey files: export and import round-trip; a bad file gets every problem at once."""

import json
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from govcx.surveys.definition import SCHEMA, definition_problems
from govcx.surveys.exchange import parse_import
from govcx.surveys.models import Survey
from govcx.surveys.tests.helpers import make_survey
from govcx.testing.factories import World, signed_in


def test_export_then_import_gives_the_same_definition(world: World) -> None:
    survey = make_survey(world)
    client = signed_in(world.owner)
    exported = client.get(reverse("surveys:export", args=[survey.pk]))
    assert exported["Content-Disposition"].startswith("attachment;")
    document = json.loads(exported.content)
    assert document["format"] == "govcx-survey-export/1"
    assert "omb_control_number" not in json.dumps(document)
    upload = SimpleUploadedFile("survey.json", exported.content, content_type="application/json")
    response = client.post(
        reverse("surveys:import"),
        {"organization": world.fema.pk, "touchpoints": [world.touchpoint.pk], "file": upload},
    )
    assert response.status_code == 302
    imported = Survey.objects.exclude(pk=survey.pk).get()
    assert imported.origin == "a11_current"
    assert imported.latest_version().definition == survey.latest_version().definition
    assert imported.status == "draft"


def test_a_bad_file_lists_every_problem() -> None:
    document, problems = parse_import(b'{"format": "x", "extra": 1, "definition": {"pages": []}}')
    assert document is None
    assert "Unexpected field 'extra'." in problems
    assert "'format' must be \"govcx-survey-export/1\"." in problems
    assert "'name' must be the survey's name." in problems
    assert "definition: 'pages' must be a non-empty list." in problems
    assert "definition: title: English text is required." in problems


def test_broken_json_says_where() -> None:
    _, problems = parse_import(b'{"format": \n oops}')
    assert problems == ["Not valid JSON: Expecting value at line 2, column 2."]


def test_the_import_screen_shows_the_problems(world: World) -> None:
    upload = SimpleUploadedFile("bad.json", b"[1, 2]", content_type="application/json")
    response = signed_in(world.owner).post(
        reverse("surveys:import"),
        {"organization": world.fema.pk, "touchpoints": [world.touchpoint.pk], "file": upload},
    )
    assert response.status_code == 400
    assert "The file must hold a JSON object." in response.content.decode()
    assert not Survey.objects.exists()


def upload(world: World, content: bytes) -> Any:
    file = SimpleUploadedFile("survey.json", content, content_type="application/json")
    return signed_in(world.owner).post(
        reverse("surveys:import"),
        {"organization": world.fema.pk, "touchpoints": [world.touchpoint.pk], "file": file},
    )


def test_a_file_nested_too_deeply_is_refused_in_words(world: World) -> None:
    depth = 100_000
    response = upload(world, b'{"definition": ' + b"[" * depth + b"]" * depth + b"}")
    assert response.status_code == 400
    assert "nested too deeply" in response.content.decode()
    assert not Survey.objects.exists()


def test_deep_nesting_within_the_parser_s_reach_is_refused_too(world: World) -> None:
    survey = make_survey(world)
    exported = signed_in(world.owner).get(reverse("surveys:export", args=[survey.pk]))
    document = json.loads(exported.content)
    rule: Any = {"question": "trust", "op": "answered"}
    for _ in range(200):
        rule = {"not": rule}
    document["definition"]["pages"][0]["questions"][-1]["show_if"] = rule
    response = upload(world, json.dumps(document).encode())
    assert response.status_code == 400
    assert "Nested too deeply" in response.content.decode()
    assert Survey.objects.count() == 1


def test_text_the_rule_refuses_is_listed_with_where_it_is(world: World) -> None:
    survey = make_survey(world)
    exported = signed_in(world.owner).get(reverse("surveys:export", args=[survey.pk]))
    document = json.loads(exported.content)
    document["name"] = "Disaster\x00 feedback"
    document["definition"]["title"]["en"] = "Tell us\u001b[2J"
    response = upload(world, json.dumps(document).encode())
    assert response.status_code == 400
    page = response.content.decode()
    assert "name: Remove the NUL character (U+0000)" in page
    assert "definition.title.en: Remove the control character U+001B" in page
    assert Survey.objects.count() == 1
    lone = exported.content.replace(b'"Disaster', b'"Disaster\\ud800')
    assert upload(world, lone).status_code == 400


def test_the_definition_validator_does_not_recurse_without_bound() -> None:
    rule: Any = {"question": "trust", "op": "answered"}
    for _ in range(100_000):
        rule = {"not": rule}
    definition = {
        "schema": SCHEMA,
        "languages": ["en"],
        "title": {"en": "Deep"},
        "pages": [
            {
                "key": "p",
                "questions": [
                    {"key": "trust", "type": "thumbs", "text": {"en": "Trust?"}},
                    {"key": "why", "type": "short_text", "text": {"en": "Why?"}, "show_if": rule},
                ],
            }
        ],
    }
    problems = definition_problems(definition)
    assert any("Nested too deeply" in problem for problem in problems)
