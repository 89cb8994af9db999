"""Survey screens for each role, and the builder's edits through HTTP."""

import re
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from govcx.retention.deletion import deletion_offered
from govcx.surveys.definition import questions_by_key
from govcx.surveys.lifecycle import survey_transition, transition_choices
from govcx.surveys.models import Survey
from govcx.surveys.tests.helpers import in_days, make_survey
from govcx.testing.factories import World, signed_in

SCREENS: list[tuple[str, Callable[[Survey], str], str]] = [
    ("detail", lambda s: reverse("surveys:detail", args=[s.pk]), "view"),
    (
        "preview",
        lambda s: reverse("surveys:preview", args=[s.pk]) + "?lang=es&width=mobile",
        "view",
    ),
    ("export", lambda s: reverse("surveys:export", args=[s.pk]), "view"),
    ("settings", lambda s: reverse("surveys:settings", args=[s.pk]), "manage"),
    ("outline", lambda s: reverse("surveys:outline", args=[s.pk]), "manage"),
    ("question", lambda s: reverse("surveys:question", args=[s.pk, "trust"]), "manage"),
    (
        "question-new",
        lambda s: reverse("surveys:question-new", args=[s.pk]) + "?type=email",
        "manage",
    ),
    ("page", lambda s: reverse("surveys:page", args=[s.pk, "feedback"]), "manage"),
    ("languages", lambda s: reverse("surveys:languages", args=[s.pk]), "manage"),
    ("translations", lambda s: reverse("surveys:translations", args=[s.pk, "es"]), "manage"),
]
EXPECTED = {
    "owner": {"view": 200, "manage": 200},
    "manager": {"view": 200, "manage": 200},
    "member": {"view": 200, "manage": 403},
    "outsider": {"view": 404, "manage": 404},
}


@pytest.mark.parametrize(("screen", "url", "level"), SCREENS, ids=[s[0] for s in SCREENS])
@pytest.mark.parametrize("who", sorted(EXPECTED))
def test_survey_screens_answer_by_role(
    world: World, screen: str, url: Callable[[Survey], str], level: str, who: str
) -> None:
    survey = make_survey(world)
    response = signed_in(getattr(world, who)).get(url(survey))
    assert response.status_code == EXPECTED[who][level], (screen, who)
    assert Client().get(url(survey)).status_code == 302


def test_lists_show_only_the_users_surveys(world: World) -> None:
    make_survey(world)
    assert (
        "Disaster assistance feedback"
        in signed_in(world.member).get(reverse("surveys:list")).content.decode()
    )
    assert (
        "Disaster assistance feedback"
        not in signed_in(world.outsider).get(reverse("surveys:list")).content.decode()
    )


def test_a_manager_creates_a_survey_from_a_template(world: World) -> None:
    response = signed_in(world.manager).post(
        reverse("surveys:new"),
        {
            "organization": world.fema.pk,
            "template": "a11_legacy",
            "touchpoints": [world.touchpoint.pk],
        },
    )
    survey = Survey.objects.get()
    assert response["Location"] == reverse("surveys:detail", args=[survey.pk])
    assert survey.name == "Apply for disaster assistance"
    assert survey.origin == "a11_legacy"
    assert "Apply for disaster assistance" in str(survey.latest_version().definition["pages"])


def test_touchpoints_of_other_organizations_are_refused(world: World) -> None:
    response = signed_in(world.outsider).post(
        reverse("surveys:new"),
        {"organization": world.ssa.pk, "template": "blank", "touchpoints": [world.touchpoint.pk]},
    )
    assert response.status_code == 200
    assert not Survey.objects.exists()


def test_the_builder_adds_a_conditional_question_and_protects_required_parts(world: World) -> None:
    survey = make_survey(world)
    client = signed_in(world.manager)
    response = client.post(
        reverse("surveys:question-new", args=[survey.pk]) + "?page=feedback",
        {
            "key": "channel_used",
            "type": "single_choice",
            "text": "How did you reach us?",
            "options": "web | Online\nphone | By phone",
            "required": "on",
            "show_if_question": "trust",
            "show_if_op": "equals",
            "show_if_values": "0",
        },
    )
    assert response.status_code == 302
    question = questions_by_key(survey.latest_version().definition)["channel_used"]
    assert question["show_if"] == {"question": "trust", "op": "equals", "value": "0"}
    assert [o["value"] for o in question["options"]] == ["web", "phone"]
    refused = client.post(
        reverse("surveys:outline-change", args=[survey.pk]),
        {"action": "delete_question", "key": "trust"},
    )
    assert refused.status_code == 302
    assert "trust" in questions_by_key(survey.latest_version().definition)


def test_bad_question_input_names_the_problem(world: World) -> None:
    survey = make_survey(world)
    response = signed_in(world.manager).post(
        reverse("surveys:question-new", args=[survey.pk]) + "?page=feedback",
        {"key": "Bad Key", "type": "single_choice", "text": "Pick", "options": "only | One"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert 'href="#id_key"' in page
    fixed = signed_in(world.manager).post(
        reverse("surveys:question-new", args=[survey.pk]) + "?page=feedback",
        {"key": "pick", "type": "single_choice", "text": "Pick", "options": "only | One"},
    )
    assert "needs at least two options" in fixed.content.decode()


def test_translations_screen_saves_spanish(world: World) -> None:
    survey = make_survey(world)
    client = signed_in(world.manager)
    client.post(reverse("surveys:languages", args=[survey.pk]), {"languages": ["es", "vi"]})
    assert survey.latest_version().languages == ["en", "es", "vi"]
    page = client.get(reverse("surveys:translations", args=[survey.pk, "vi"]))
    form = page.context["form"]
    data = {name: f"VI {name}" for name in form.fields}
    client.post(reverse("surveys:translations", args=[survey.pk, "vi"]), data)
    definition = survey.latest_version().definition
    assert definition["title"]["vi"] == "VI title"


def test_settings_record_who_exempted_a_survey_from_pra(world: World) -> None:
    from govcx.audit.models import Action, AuditEntry

    survey = make_survey(world)
    response = signed_in(world.owner).post(
        reverse("surveys:settings", args=[survey.pk]),
        {
            "name": survey.name,
            "touchpoints": [world.touchpoint.pk],
            "pra_exemption": "fewer_than_ten",
        },
    )
    assert response.status_code == 302
    entry = AuditEntry.objects.get(action=Action.PRA_EXEMPTED)
    assert (entry.actor, entry.details["reason"]) == (world.owner, "fewer_than_ten")


def test_the_lifecycle_buttons_work_over_http(world: World) -> None:
    survey = make_survey(world)
    client = signed_in(world.manager)
    client.post(reverse("surveys:transition", args=[survey.pk]), {"action": "publish"})
    survey.refresh_from_db()
    assert survey.status == "published"
    page = client.get(reverse("surveys:detail", args=[survey.pk])).content.decode()
    assert f"/s/{survey.public_id}/" in page
    Survey.objects.filter(pk=survey.pk).update(pra_expiration=in_days(5))
    page = client.get(reverse("surveys:detail", args=[survey.pk])).content.decode()
    assert "expires in 5 days" in page
    denied = signed_in(world.member).post(
        reverse("surveys:transition", args=[survey.pk]), {"action": "close"}
    )
    assert denied.status_code == 403


def test_home_lists_surveys_needing_attention(world: World) -> None:
    from govcx.surveys.lifecycle import survey_transition

    world.fema.surveys_need_approval = True
    world.fema.save()
    survey = make_survey(world)
    survey_transition(survey=survey, name="submit", by=world.manager)
    home = signed_in(world.owner).get(reverse("catalog:home")).content.decode()
    assert "awaiting your approval" in home
    assert (
        "awaiting your approval"
        not in signed_in(world.manager).get(reverse("catalog:home")).content.decode()
    )
    survey_transition(survey=survey, name="approve", by=world.owner)
    Survey.objects.filter(pk=survey.pk).update(pra_expiration=in_days(6))
    assert (
        "expires in 6 days"
        in signed_in(world.manager).get(reverse("catalog:home")).content.decode()
    )


def test_texts_and_privacy_statement_are_edited_and_need_translating(world: World) -> None:
    from govcx.surveys.lifecycle import publish_problems

    survey = make_survey(world)
    client = signed_in(world.manager)
    url = reverse("surveys:texts", args=[survey.pk])
    incomplete = client.post(
        url, {"title": "Tell us", "has_privacy": "on", "authority": "5 U.S.C. 301"}
    )
    assert 'href="#id_sorn"' in incomplete.content.decode()
    client.post(
        url,
        {
            "title": "Tell us",
            "thank_you": "Thanks",
            "has_privacy": "on",
            "authority": "5 U.S.C. 301",
            "purpose": "To improve service.",
            "routine_uses": "None beyond the Privacy Act.",
            "disclosure": "Voluntary.",
            "sorn": "GSA/OGP-1",
        },
    )
    version = survey.latest_version()
    assert version.definition["privacy"]["sorn"] == "GSA/OGP-1"
    assert version.definition["title"] == {"en": "Tell us"}
    assert "intro" not in version.definition
    problems = publish_problems(survey, version, today=in_days(0))
    assert "title: no es translation." in problems
    assert "privacy authority: no es translation." in problems


def test_number_questions_keep_their_bounds(world: World) -> None:
    survey = make_survey(world)
    signed_in(world.manager).post(
        reverse("surveys:question-new", args=[survey.pk]) + "?page=feedback",
        {"key": "visits", "type": "number", "text": "How many visits?", "min": "1", "max": "99.5"},
    )
    question = questions_by_key(survey.latest_version().definition)["visits"]
    assert (question["min"], question["max"]) == (1, 99.5)


def test_the_builder_marks_a_segment_question_and_refuses_a_multiple_choice_one(
    world: World,
) -> None:
    survey = make_survey(world)
    client = signed_in(world.manager)
    url = reverse("surveys:question-new", args=[survey.pk]) + "?page=feedback"
    fields = {
        "key": "rurality",
        "text": "Where do you live?",
        "options": "urban | In a city\nrural | In a rural area",
        "segment": "on",
    }
    refused = client.post(url, {**fields, "type": "multiple_choice"})
    assert "can be a segment (one answer per respondent)" in refused.content.decode()
    assert client.post(url, {**fields, "type": "single_choice"}).status_code == 302
    question = questions_by_key(survey.latest_version().definition)["rurality"]
    assert question["segment"] is True
    edit = client.get(reverse("surveys:question", args=[survey.pk, "rurality"]))
    assert edit.context["form"]["segment"].value() is True


def test_the_preview_lays_out_the_notices_as_respondents_see_them(world: World) -> None:
    """Like the hosted page: the control number in view, the PRA notice folded, then the intro."""
    survey = make_survey(world)
    page = signed_in(world.member).get(reverse("surveys:preview", args=[survey.pk])).content
    text = page.decode()
    folded = re.search(r"<details.*?</details>", text, re.S)
    assert folded is not None
    assert text.index("3090-0325") < folded.start()
    assert "An agency may not conduct or sponsor" in folded.group()
    assert folded.end() < text.index("Your answers are voluntary")


def test_a_made_up_version_number_shows_the_working_version(world: World) -> None:
    survey = make_survey(world)
    client = signed_in(world.owner)
    for number in ("9" * 5000, "99999999999999999999", "-1", "x"):
        for name in ("surveys:preview", "surveys:export"):
            response = client.get(reverse(name, args=[survey.pk]), {"version": number})
            assert response.status_code == 200, (name, number[:20])


# The detail page offers what the lifecycle and deletion services decide, in their words.
STAGES = [
    (None, [("publish", "Publish"), ("archive", "Archive")], True),
    ("publish", [("close", "Close"), ("new_version", "Start a new version")], False),
    (
        "close",
        [("reopen", "Reopen"), ("archive", "Archive"), ("new_version", "Start a new version")],
        False,
    ),
    ("archive", [], True),
]


def test_the_detail_page_offers_the_transitions_and_deletion_the_services_allow(
    world: World,
) -> None:
    survey = make_survey(world)
    client = signed_in(world.owner)
    for step, expected, deletable in STAGES:
        if step:
            survey = survey_transition(survey=survey, name=step, by=world.owner)
        html = client.get(reverse("surveys:detail", args=[survey.pk])).content.decode()
        buttons = re.findall(
            r'name="action" value="(\w+)">\s*<button[^>]*>\s*([^<]+?)\s*</button>', html
        )
        offered = [(c.name, c.label) for c in transition_choices(survey, world.owner)]
        assert buttons == offered == expected, step
        assert (reverse("surveys:delete", args=[survey.pk]) in html) is deletable, step
        assert deletion_offered(survey) is deletable, step
    viewer = signed_in(world.member).get(reverse("surveys:detail", args=[survey.pk]))
    assert reverse("surveys:delete", args=[survey.pk]) not in viewer.content.decode()
