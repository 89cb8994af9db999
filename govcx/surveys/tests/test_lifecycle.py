"""Publishing rules, approval, versions and the audit trail of the survey lifecycle."""

from typing import Any

import pytest

from govcx.audit.models import Action, AuditEntry
from govcx.surveys.editing import question_delete
from govcx.surveys.lifecycle import TransitionError, available_transitions, survey_transition
from govcx.surveys.models import ImmutableVersionError, Survey, SurveyVersion
from govcx.surveys.pra import accepting_responses, expiry_warning
from govcx.surveys.services import draft_save
from govcx.surveys.tests.helpers import in_days, make_survey
from govcx.testing.factories import World


def test_a_complete_survey_publishes_and_is_audited(world: World) -> None:
    survey = survey_transition(survey=make_survey(world), name="publish", by=world.manager)
    assert survey.status == Survey.Status.PUBLISHED
    version = survey.published_version()
    assert version is not None
    assert (version.number, version.published_by) == (1, world.manager)
    entry = AuditEntry.objects.get(action=Action.SURVEY_PUBLISHED)
    assert entry.actor == world.manager
    assert entry.details == {"from": "draft", "to": "published", "version": 1}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"omb_control_number": ""}, "OMB control number"),
        ({"omb_control_number": "3090325"}, "OMB control number"),
        ({"omb_control_number": "30900-325"}, "OMB control number"),
        ({"pra_expiration": None}, "expiration date: enter it"),
        ({"pra_expiration": in_days(0)}, "must be in the future"),
        ({"pra_expiration": in_days(-3)}, "must be in the future"),
        ({"burden_minutes": None}, "Burden estimate"),
        ({"burden_minutes": 0}, "Burden estimate"),
        ({"burden_comments_to": "  "}, "Burden comments"),
    ],
)
def test_publishing_is_refused_for_each_missing_or_invalid_pra_field(
    world: World, change: dict[str, Any], message: str
) -> None:
    survey = make_survey(world)
    Survey.objects.filter(pk=survey.pk).update(**change)
    with pytest.raises(TransitionError) as refused:
        survey_transition(survey=survey, name="publish", by=world.owner)
    assert any(message in problem for problem in refused.value.problems)
    assert Survey.objects.get(pk=survey.pk).status == Survey.Status.DRAFT


def test_a_pra_exemption_needs_a_recorded_reason(world: World) -> None:
    survey = make_survey(world, pra=False)
    Survey.objects.filter(pk=survey.pk).update(pra_applies=False)
    with pytest.raises(TransitionError) as refused:
        survey_transition(survey=survey, name="publish", by=world.owner)
    assert any("does not apply" in p for p in refused.value.problems)
    Survey.objects.filter(pk=survey.pk).update(pra_exemption="federal_employees")
    assert survey_transition(survey=survey, name="publish", by=world.owner).status == "published"


def test_publishing_needs_every_offered_language(world: World) -> None:
    survey = make_survey(world)
    version = survey.latest_version()
    definition = version.definition
    del definition["pages"][0]["questions"][0]["text"]["es"]
    draft_save(survey=survey, definition=definition, by=world.owner, change="test", request=None)
    with pytest.raises(TransitionError) as refused:
        survey_transition(survey=survey, name="publish", by=world.owner)
    assert "question trust: text: no es translation." in refused.value.problems


def test_publishing_needs_a_touchpoint_and_a_privacy_statement_for_contact_details(
    world: World,
) -> None:
    survey = make_survey(world)
    survey.touchpoints.clear()
    definition = survey.latest_version().definition
    definition["pages"][0]["questions"].append(
        {"key": "email", "type": "email", "text": {"en": "Email for follow-up", "es": "Correo"}}
    )
    draft_save(survey=survey, definition=definition, by=world.owner, change="test", request=None)
    with pytest.raises(TransitionError) as refused:
        survey_transition(survey=survey, name="publish", by=world.owner)
    problems = " ".join(refused.value.problems)
    assert "at least one active touchpoint" in problems
    assert "Privacy Act statement" in problems


def test_published_versions_are_immutable_and_edits_make_a_new_version(world: World) -> None:
    survey = survey_transition(survey=make_survey(world), name="publish", by=world.owner)
    published = survey.versions.get(number=1)
    published.definition = question_delete(published.definition, key="comment")
    with pytest.raises(ImmutableVersionError):
        published.save()
    survey = survey_transition(survey=survey, name="new_version", by=world.owner)
    draft = survey.working_version()
    assert draft is not None
    assert draft.number == 2
    changed = question_delete(draft.definition, key="comment")
    draft_save(
        survey=survey, definition=changed, by=world.owner, change="drop comment", request=None
    )
    survey = survey_transition(survey=survey, name="publish", by=world.owner)
    states = dict(survey.versions.values_list("number", "state"))
    assert states == {1: SurveyVersion.State.SUPERSEDED, 2: SurveyVersion.State.PUBLISHED}
    assert "comment" in str(survey.versions.get(number=1).definition)


def test_approval_when_the_organization_turns_it_on(world: World) -> None:
    world.fema.surveys_need_approval = True
    world.fema.save()
    survey = make_survey(world)
    assert "publish" not in available_transitions(survey, world.manager)
    with pytest.raises(TransitionError):
        survey_transition(survey=survey, name="publish", by=world.manager)
    survey_transition(survey=survey, name="submit", by=world.manager)
    with pytest.raises(TransitionError):
        survey_transition(survey=survey, name="approve", by=world.manager)
    survey_transition(survey=survey, name="return", by=world.owner, note="Fix the wording")
    assert survey.working_version().state == SurveyVersion.State.DRAFT  # type: ignore[union-attr]
    survey_transition(survey=survey, name="submit", by=world.manager)
    survey = survey_transition(survey=survey, name="approve", by=world.owner)
    assert survey.status == Survey.Status.PUBLISHED
    actions = list(
        AuditEntry.objects.filter(action__startswith="surveys.")
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == [
        Action.SURVEY_CREATED,
        Action.SURVEY_SUBMITTED,
        Action.SURVEY_RETURNED,
        Action.SURVEY_SUBMITTED,
        Action.SURVEY_PUBLISHED,
    ]


def test_close_reopen_and_archive(world: World) -> None:
    survey = survey_transition(survey=make_survey(world), name="publish", by=world.owner)
    with pytest.raises(TransitionError):
        survey_transition(survey=survey, name="archive", by=world.owner)
    survey = survey_transition(survey=survey, name="close", by=world.owner)
    assert accepting_responses(survey, today=in_days(0)).reason == "closed"
    survey = survey_transition(survey=survey, name="reopen", by=world.owner)
    assert survey.status == Survey.Status.PUBLISHED
    survey = survey_transition(survey=survey, name="close", by=world.owner)
    survey = survey_transition(survey=survey, name="archive", by=world.owner)
    assert survey.status == Survey.Status.ARCHIVED
    assert available_transitions(survey, world.owner) == []


def test_viewers_change_nothing(world: World) -> None:
    survey = make_survey(world)
    assert available_transitions(survey, world.member) == []
    with pytest.raises(TransitionError):
        survey_transition(survey=survey, name="publish", by=world.member)


def test_an_expired_approval_stops_collection_and_warns_ahead(world: World) -> None:
    survey = survey_transition(survey=make_survey(world), name="publish", by=world.owner)
    expires = survey.pra_expiration
    assert expires is not None
    assert accepting_responses(survey, today=expires).accepting
    day_after = expires.fromordinal(expires.toordinal() + 1)
    assert accepting_responses(survey, today=day_after).reason == "pra_expired"
    early = expires.fromordinal(expires.toordinal() - 31)
    assert expiry_warning(survey, today=early) is None
    assert "30 days" in str(
        expiry_warning(survey, today=expires.fromordinal(expires.toordinal() - 30))
    )
    assert "7 days" in str(
        expiry_warning(survey, today=expires.fromordinal(expires.toordinal() - 7))
    )
    assert "expired" in str(expiry_warning(survey, today=day_after))


def test_a_draft_is_not_open(world: World) -> None:
    assert accepting_responses(make_survey(world), today=in_days(0)).reason == "not_published"
