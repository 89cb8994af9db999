"""Survey files: export and import round-trip; a bad file gets every problem at once."""

import json

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from govcx.conftest import World, signed_in
from govcx.surveys.exchange import parse_import
from govcx.surveys.models import Survey
from govcx.surveys.tests.helpers import make_survey


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
    assert response.status_code == 200
    assert "The file must hold a JSON object." in response.content.decode()
    assert not Survey.objects.exists()
