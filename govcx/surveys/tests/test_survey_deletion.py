"""Deleting a survey: drafts and archived surveys only, never with a legal hold, and with
responses only once they are purged or all exported."""

import pytest
from django.urls import reverse
from django.utils import timezone

from govcx.accounts.tests.api_helpers import api_get, token_for
from govcx.analytics.models import AnswerCount
from govcx.analytics.rollups import rollup_catch_up, rollup_differences
from govcx.audit.models import Action, AuditEntry
from govcx.collection.models import Response
from govcx.collection.tests.helpers import published_survey
from govcx.retention.models import LegalHold, PurgedQuarter
from govcx.retention.purge import purge_run
from govcx.retention.services import full_export_of
from govcx.retention.tests.helpers import DUE_DAY, TODAY
from govcx.surveys.lifecycle import survey_transition
from govcx.surveys.models import Survey, SurveyVersion
from govcx.surveys.tests.helpers import make_survey
from govcx.testing.factories import World, noon, respond_many, signed_in


def delete_url(survey: Survey) -> str:
    return reverse("surveys:delete", args=[survey.pk])


def archived(survey: Survey, world: World) -> Survey:
    survey_transition(survey=survey, name="close", by=world.owner)
    return survey_transition(survey=survey, name="archive", by=world.owner)


def test_a_draft_is_deleted_and_audited(world: World) -> None:
    survey = make_survey(world)
    client = signed_in(world.manager)
    assert (
        delete_url(survey)
        in client.get(reverse("surveys:detail", args=[survey.pk])).content.decode()
    )
    assert "This cannot be undone" in client.get(delete_url(survey)).content.decode()
    response = client.post(delete_url(survey))
    assert response.status_code == 302
    assert not Survey.objects.filter(pk=survey.pk).exists()
    assert not SurveyVersion.objects.filter(survey_id=survey.pk).exists()
    entry = AuditEntry.objects.get(action=Action.SURVEY_DELETED)
    assert (entry.object_id, entry.actor_email) == (str(survey.pk), world.manager.email)


def test_a_published_survey_must_be_archived_first(world: World) -> None:
    survey = published_survey(world)
    client = signed_in(world.owner)
    assert (
        delete_url(survey)
        not in client.get(reverse("surveys:detail", args=[survey.pk])).content.decode()
    )
    response = client.post(delete_url(survey))
    assert response.status_code == 200
    assert "close and archive it first" in response.content.decode()
    assert Survey.objects.filter(pk=survey.pk).exists()


def test_responses_must_be_purged_first(world: World) -> None:
    survey = published_survey(world)
    respond_many(survey, {"trust": "1"}, 2, when=noon(DUE_DAY))
    rollup_catch_up()
    survey = archived(survey, world)
    client = signed_in(world.owner)
    response = client.post(delete_url(survey))
    page = response.content.decode()
    assert "The survey still has 2 responses." in page
    assert "the scheduled purge deletes them" in page
    assert "2026-10-01" in page  # FY25 Q4 + 12 months
    assert Survey.objects.filter(pk=survey.pk).exists()

    purge_run(today=TODAY, dry_run=False)
    assert client.post(delete_url(survey)).status_code == 302
    assert not Survey.objects.filter(pk=survey.pk).exists()
    assert AnswerCount.objects.filter(survey_id=survey.pk).exists()  # dashboards keep counts


def test_a_survey_on_legal_hold_cannot_be_deleted(world: World) -> None:
    survey = make_survey(world)
    LegalHold.objects.create(survey=survey, reason="Smith v. FEMA")
    detail = signed_in(world.member).get(reverse("surveys:detail", args=[survey.pk]))
    assert "On legal hold: Smith v. FEMA." in detail.content.decode()
    response = signed_in(world.owner).post(delete_url(survey))
    assert response.status_code == 200
    assert "The survey is on legal hold (Smith v. FEMA)" in response.content.decode()
    assert Survey.objects.filter(pk=survey.pk).exists()


@pytest.mark.parametrize(("who", "status"), [("member", 403), ("outsider", 404)])
def test_only_survey_managers_of_the_organization_may_delete(
    world: World, who: str, status: int
) -> None:
    survey = make_survey(world)
    assert signed_in(getattr(world, who)).post(delete_url(survey)).status_code == status
    assert Survey.objects.filter(pk=survey.pk).exists()


def test_responses_exported_in_full_go_with_the_survey(world: World) -> None:
    survey = published_survey(world)
    respond_many(survey, {"trust": "1"}, 3, when=noon(DUE_DAY))
    rollup_catch_up()
    survey = archived(survey, world)
    client = signed_in(world.owner)
    token = token_for(world.owner)
    # An export narrowed to part of the responses does not count.
    part = api_get(
        "/api/v1/responses/export",
        token,
        format="csv",
        survey=survey.pk,
        touchpoint=world.touchpoint.pk,
    )
    b"".join(part.streaming_content)
    assert "The survey still has 3 responses." in client.post(delete_url(survey)).content.decode()

    full = api_get("/api/v1/responses/export", token, format="csv", survey=survey.pk)
    assert len(b"".join(full.streaming_content).decode().splitlines()) == 4
    assert client.post(delete_url(survey)).status_code == 302
    assert not Survey.objects.filter(pk=survey.pk).exists()
    assert not Response.objects.filter(survey_id=survey.pk).exists()
    entry = AuditEntry.objects.get(action=Action.SURVEY_DELETED)
    assert entry.details["responses deleted after export"] == 3
    assert PurgedQuarter.objects.get(survey_id=survey.pk).responses == 3
    assert AnswerCount.objects.filter(survey_id=survey.pk).exists()  # dashboards keep counts
    assert rollup_differences()[0] == 0


def test_an_export_older_than_the_last_response_does_not_count(world: World) -> None:
    survey = published_survey(world)
    respond_many(survey, {"trust": "1"}, 1, when=noon(DUE_DAY))
    rollup_catch_up()
    token = token_for(world.owner)
    b"".join(
        api_get("/api/v1/responses/export", token, format="csv", survey=survey.pk).streaming_content
    )
    respond_many(survey, {"trust": "1"}, 1, when=noon(timezone.localdate()))
    assert full_export_of(survey) is None
