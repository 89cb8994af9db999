"""Survey screens in headless Chromium: no axe-core violations, keyboard-only editing works."""

from typing import Any

import pytest
from django.urls import reverse

from govcx.surveys.definition import questions_by_key
from govcx.surveys.tests.helpers import make_survey
from govcx.testing.browser import axe_violations, sign_in
from govcx.testing.factories import World

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_survey_screens_have_no_violations(page: Any, world: World) -> None:
    survey = make_survey(world)
    sign_in(page, world.manager.email)
    urls = [
        reverse("surveys:list"),
        reverse("surveys:new"),
        reverse("surveys:import"),
        reverse("surveys:detail", args=[survey.pk]),
        reverse("surveys:settings", args=[survey.pk]),
        reverse("surveys:outline", args=[survey.pk]),
        reverse("surveys:question", args=[survey.pk, "went_well"]),
        reverse("surveys:question-new", args=[survey.pk]) + "?type=long_text",
        reverse("surveys:page", args=[survey.pk, "feedback"]),
        reverse("surveys:languages", args=[survey.pk]),
        reverse("surveys:translations", args=[survey.pk, "es"]),
        reverse("surveys:preview", args=[survey.pk]),
        reverse("surveys:preview", args=[survey.pk]) + "?lang=es&width=mobile",
    ]
    problems = {}
    for url in urls:
        page.goto(url)
        found = axe_violations(page)
        if found:
            problems[url] = found
    assert problems == {}


def test_a_question_can_be_added_with_the_keyboard_alone(page: Any, world: World) -> None:
    survey = make_survey(world)
    sign_in(page, world.manager.email)
    page.goto(reverse("surveys:outline", args=[survey.pk]))
    page.focus("#add-type-feedback")
    page.keyboard.type("Single")  # typing selects the matching option of a focused select
    page.keyboard.press("Tab")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.focus("#id_key")
    page.keyboard.type("visit_reason")
    page.keyboard.press("Tab")  # type
    page.keyboard.press("Tab")  # question text
    page.keyboard.type("Why did you visit?")
    page.focus("#id_options")
    page.keyboard.type("claim | File a claim\nstatus | Check a status")
    page.focus("main button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    definition = survey.latest_version().definition
    assert [o["value"] for o in questions_by_key(definition)["visit_reason"]["options"]] == [
        "claim",
        "status",
    ]
