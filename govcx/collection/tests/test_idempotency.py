"""Idempotency keys belong to whoever sent them: a touchpoint key, a personal token, the file
import or the anonymous widget. One caller's key can neither block nor replay another's, and a
replay must be the very same submission."""

import importlib
from typing import Any

import pytest
from django.apps import apps as django_apps

from govcx.accounts.tests.api_helpers import token_for
from govcx.collection.imports import responses_import
from govcx.collection.keys import touchpoint_key_issue
from govcx.collection.models import RejectionCount, Response, Source
from govcx.collection.services import SubmissionRejected, submission_accept
from govcx.collection.tests.helpers import published_survey, submit
from govcx.surveys.models import Survey, SurveyVersion
from govcx.testing.factories import World

GOOD = {"trust": "1", "went_well": ["ease"]}
KEY = "client-key-00000001"


def import_ids(world: World, survey: Survey, *ids: str) -> Any:
    data = ("id,trust\n" + "".join(f"{i},0\n" for i in ids)).encode()
    return responses_import(
        survey=survey, touchpoint=world.touchpoint, data=data, layout="columns", by=world.manager
    )


def test_a_widget_caller_cannot_plant_the_key_of_a_later_import(world: World) -> None:
    survey = published_survey(world)
    planted = submit(survey, GOOD, idempotency_key="import:paper-00000042")
    assert planted.status_code == 201
    result = import_ids(world, survey, "paper-00000042")
    assert (result.errors, result.stored, result.already) == ([], 1, 0)
    imported = Response.objects.get(source=Source.IMPORT)
    assert imported.answers == {"trust": "0"}
    again = import_ids(world, survey, "paper-00000042")
    assert (again.stored, again.already) == (0, 1)


def test_a_keyless_caller_reusing_an_api_client_s_key_gets_nothing_of_its_response(
    world: World,
) -> None:
    survey = published_survey(world)
    _key, secret = touchpoint_key_issue(touchpoint=world.touchpoint, name="IVR", by=world.owner)
    by_key = submit(survey, GOOD, origin=None, key=secret, idempotency_key=KEY)
    by_widget = submit(survey, GOOD, idempotency_key=KEY)
    assert (by_key.status_code, by_widget.status_code) == (201, 201)
    assert by_widget.json()["id"] != by_key.json()["id"]
    assert by_widget.json()["received_at"] != by_key.json()["received_at"]
    assert "Idempotent-Replayed" not in by_widget
    token = token_for(world.manager, ["submissions:write"])
    by_token = submit(
        survey, GOOD, origin=None, key=token, touchpoint=world.touchpoint.pk, idempotency_key=KEY
    )
    assert by_token.status_code == 201
    assert len({by_key.json()["id"], by_widget.json()["id"], by_token.json()["id"]}) == 3
    replay = submit(survey, GOOD, origin=None, key=secret, idempotency_key=KEY)
    assert replay.json() == by_key.json()
    assert replay["Idempotent-Replayed"] == "true"
    assert Response.objects.count() == 3


def test_two_keys_of_one_touchpoint_do_not_share_their_idempotency_keys(world: World) -> None:
    survey = published_survey(world)
    _one, first = touchpoint_key_issue(touchpoint=world.touchpoint, name="IVR", by=world.owner)
    _two, second = touchpoint_key_issue(touchpoint=world.touchpoint, name="Kiosk", by=world.owner)
    a = submit(survey, GOOD, origin=None, key=first, idempotency_key=KEY)
    b = submit(survey, {"trust": "0"}, origin=None, key=second, idempotency_key=KEY)
    assert (a.status_code, b.status_code) == (201, 201)
    assert a.json()["id"] != b.json()["id"]


@pytest.mark.parametrize(
    "changed",
    [
        {"page_url": "https://www.fema.example.gov/other"},
        {"language": "es"},
        {"location_code": "DRC-99"},
        {"answers": {"trust": "0"}},
    ],
    ids=["page_url", "language", "location_code", "answers"],
)
def test_a_replay_must_be_the_whole_same_submission(world: World, changed: dict[str, Any]) -> None:
    survey = published_survey(world)
    sent: dict[str, Any] = {
        "answers": GOOD,
        "page_url": "https://www.fema.example.gov/apply",
        "language": "en",
        "location_code": "DRC-12",
        "idempotency_key": KEY,
    }
    assert submit(survey, **sent).status_code == 201
    replay = submit(survey, **{**sent, **changed})
    assert replay.status_code == 409
    assert replay.json()["error"] == "idempotency_conflict"
    assert Response.objects.count() == 1
    assert RejectionCount.objects.get(reason="idempotency_conflict").count == 1


def test_a_replay_against_another_version_is_a_conflict(world: World) -> None:
    survey = published_survey(world)
    version = survey.published_version()
    assert version is not None
    kwargs: dict[str, Any] = {
        "survey": survey,
        "touchpoint": world.touchpoint,
        "raw_answers": dict(GOOD),
        "language": "en",
        "source": Source.WIDGET,
        "idempotency_key": KEY,
        "idempotency_scope": "widget",
    }
    first = submission_accept(version=version, **kwargs)
    assert submission_accept(version=version, **kwargs).response.pk == first.response.pk
    version.pk = None  # the same questions, saved as another version
    version.number += 1
    version.state = SurveyVersion.State.SUPERSEDED
    version.save()
    with pytest.raises(SubmissionRejected) as refused:
        submission_accept(version=version, **kwargs)
    assert refused.value.reason == "idempotency_conflict"


def test_a_key_without_the_scope_of_its_sender_is_a_programming_error(world: World) -> None:
    survey = published_survey(world)
    with pytest.raises(ValueError, match="scope"):
        submission_accept(
            survey=survey,
            version=survey.published_version(),
            touchpoint=world.touchpoint,
            raw_answers=dict(GOOD),
            language="en",
            source=Source.API,
            idempotency_key=KEY,
        )


def test_an_id_imported_before_with_other_answers_is_a_row_problem_not_skipped(
    world: World,
) -> None:
    survey = published_survey(world)
    assert import_ids(world, survey, "P-1", "P-2").stored == 2
    data = b"id,trust,location_code\nP-1,0,\nP-2,1,\nP-3,1,\nP-1b,0,DRC-1\n"
    result = responses_import(
        survey=survey, touchpoint=world.touchpoint, data=data, layout="columns", by=None
    )
    assert [str(e) for e in result.errors] == [
        "Row 3, column id: This id was imported before with other answers, language, location "
        "or touchpoint; give the row a new id, or leave it out."
    ]
    assert Response.objects.count() == 2
    assert Response.objects.get(idempotency_key="import:P-2").answers == {"trust": "0"}
    assert RejectionCount.objects.get(reason="import_file").count == 1


def test_rows_stored_before_scopes_existed_stay_valid_and_imports_are_recognised(
    world: World,
) -> None:
    migration = importlib.import_module("govcx.collection.migrations.0004_idempotency_scope")
    survey = published_survey(world)
    assert submit(survey, GOOD, idempotency_key=KEY).status_code == 201
    assert import_ids(world, survey, "P-1").stored == 1
    Response.objects.update(idempotency_scope="")  # as the new column starts out
    migration.scope_imported_rows(django_apps, None)
    scopes = dict(Response.objects.values_list("source", "idempotency_scope"))
    assert scopes == {"widget": "", "import": "import"}
    again = import_ids(world, survey, "P-1")
    assert (again.stored, again.already) == (0, 1)
