"""The hosted survey page in headless Chromium: axe-core finds no WCAG 2.1 AA violation in any
public state, rules show and hide questions live, a survey can be finished by keyboard, and on a
phone the first question is on the first screen with the PRA and Privacy Act notices a tap away."""

from typing import Any

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import expect

from govcx.collection.models import Response
from govcx.collection.tests.helpers import published_survey, with_privacy
from govcx.surveys.definition import SCHEMA
from govcx.surveys.lifecycle import survey_transition
from govcx.surveys.models import Survey
from govcx.surveys.services import draft_save
from govcx.testing.browser import axe_violations
from govcx.testing.factories import World

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def every_type(world: World) -> Survey:
    """A published two-page survey using every question type, in English and Spanish."""
    survey = survey_transition(survey=published_survey(world), name="new_version", by=world.owner)

    def text(en: str) -> dict[str, str]:
        return {"en": en, "es": f"{en} (es)"}

    def q(key: str, kind: str, **extra: Any) -> dict[str, Any]:
        return {"key": key, "type": kind, "text": text(f"Question {key}"), **extra}

    options = [{"value": "a", "label": text("Alpha")}, {"value": "b", "label": text("Beta")}]
    definition = {
        "schema": SCHEMA,
        "languages": ["en", "es"],
        "title": text("Every type"),
        "intro": text("Intro"),
        "thank_you": text("Thanks"),
        "privacy": {
            "authority": text("5 U.S.C. 301"),
            "purpose": text("Follow-up"),
            "routine_uses": text("None"),
            "disclosure": text("Voluntary"),
            "sorn": "GSA/OGP-1",
        },
        "pages": [
            {
                "key": "one",
                "title": text("First"),
                "questions": [
                    q("trust", "thumbs", required=True, measure="trust", help=text("Pick one")),
                    q("scale", "agreement5"),
                    q("yesno", "yes_no"),
                    q("single", "single_choice", options=options),
                    q(
                        "multi",
                        "multiple_choice",
                        options=options,
                        other=True,
                        show_if={"question": "trust", "op": "equals", "value": "0"},
                    ),
                    q("drop", "dropdown", options=options),
                    q("short", "short_text"),
                    q("long", "long_text", max_length=500),
                    q("mail", "email"),
                    q("tel", "phone"),
                    q("num", "number", min=0, max=9),
                    q("day", "date"),
                    q("loc", "hidden"),
                    q("note", "static_text"),
                ],
            },
            {"key": "two", "title": text("Second"), "questions": [q("last", "short_text")]},
        ],
    }
    draft_save(survey=survey, definition=definition, by=world.owner, change="test", request=None)
    return survey_transition(survey=survey, name="publish", by=world.owner)


def choose(page: Any, name: str, value: str) -> None:
    """Click the label: USWDS draws its own radio and checkbox and hides the native input."""
    control = page.get_attribute(f"input[name={name}][value='{value}']", "id")
    page.click(f"label[for='{control}']")


def test_every_public_state_is_accessible(page: Any, world: World) -> None:
    survey = every_type(world)
    url = reverse("collection:survey", args=[survey.public_id])
    problems: dict[str, list[str]] = {}

    def check(state: str) -> None:
        found = axe_violations(page)
        if found:
            problems[state] = found

    for language in ("en", "es"):
        page.goto(f"{url}?lang={language}")
        check(f"first page {language}")
    page.goto(url)
    page.click("main button[value=next]")  # nothing answered: the error summary
    assert page.locator("#error-summary").is_visible()
    check("error summary")
    choose(page, "trust", "0")
    assert page.locator("[data-key=multi]").is_visible()
    check("conditional question shown")
    page.click("main button[value=next]")
    page.wait_for_selector("input[name=last]")
    check("second page")
    with page.expect_navigation():
        page.click("main button[value=next]")
    assert "Thanks" in page.content()
    check("thank-you")
    survey_transition(survey=survey, name="close", by=world.owner)
    page.goto(url)
    assert "has closed" in page.content()
    check("closed survey")
    assert problems == {}


def test_questions_follow_the_answers_live(page: Any, world: World) -> None:
    survey = published_survey(world)
    page.goto(reverse("collection:survey", args=[survey.public_id]))
    well, poorly = page.locator("[data-key=went_well]"), page.locator("[data-key=went_poorly]")
    assert not well.is_visible()
    assert not poorly.is_visible()
    choose(page, "trust", "1")
    assert well.is_visible()
    assert not poorly.is_visible()
    choose(page, "trust", "0")
    assert poorly.is_visible()
    assert not well.is_visible()


def test_a_survey_is_finished_with_the_keyboard_alone(page: Any, world: World) -> None:
    survey = published_survey(world)
    page.goto(reverse("collection:survey", args=[survey.public_id]) + "?lang=es")
    page.keyboard.press("Tab")  # the skip link comes first
    assert page.evaluate("document.activeElement.className") == "usa-skipnav"
    page.focus("input[name=trust][value='1']")
    page.keyboard.press("Space")
    page.keyboard.press("Tab")  # into "What went well?"
    page.keyboard.press("Space")
    for _ in range(12):  # on to the comment box
        if page.evaluate("document.activeElement.name") == "comment":
            break
        page.keyboard.press("Tab")
    page.keyboard.type("Muy bien")
    page.keyboard.press("Tab")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    stored = Response.objects.get()
    assert stored.answers["trust"] == "1"
    assert stored.answers["went_well"] == ["effectiveness"]
    assert stored.answers["comment"] == "Muy bien"
    assert stored.language == "es"


PHONE = {"width": 375, "height": 667}
FIRST_SCREEN = 600  # px from the top: what a 375x667 phone shows above the fold, with room


@pytest.mark.parametrize("language", ["en", "es"])
def test_on_a_phone_the_first_question_is_on_the_first_screen(
    browser: Any, live_server: Any, world: World, language: str
) -> None:
    survey = with_privacy(world)
    assert survey.pra_expiration is not None
    context = browser.new_context(base_url=live_server.url, viewport=PHONE)
    page = context.new_page()
    page.goto(reverse("collection:survey", args=[survey.public_id]) + f"?lang={language}")
    question = page.locator("main .govcx-question").first.bounding_box()
    assert question["y"] < FIRST_SCREEN, f"the first question starts {question['y']:.0f} px down"
    for fact in (survey.omb_control_number, survey.pra_expiration.strftime("%m/%d/%Y")):
        shown = page.locator("main").get_by_text(fact)
        expect(shown).to_be_visible()
        assert shown.bounding_box()["y"] < question["y"]
    notices_open(page, language)
    assert axe_violations(page) == []
    context.close()


def test_without_javascript_the_full_notices_open_before_the_questions(
    browser: Any, live_server: Any, world: World
) -> None:
    survey = with_privacy(world)
    context = browser.new_context(
        base_url=live_server.url, viewport=PHONE, java_script_enabled=False
    )
    page = context.new_page()
    page.goto(reverse("collection:survey", args=[survey.public_id]) + "?lang=es")
    assert page.locator("main .govcx-question").first.bounding_box()["y"] < FIRST_SCREEN
    notices_open(page, "es")
    sorn = page.locator("main").get_by_text("GSA/OGP-1").bounding_box()
    assert sorn["y"] < page.locator("main .govcx-question").first.bounding_box()["y"]
    context.close()


def notices_open(page: Any, language: str) -> None:
    """Open the PRA and Privacy Act disclosures by their summaries; their full texts show."""
    with translation.override(language):
        disclosures = {
            gettext("Paperwork Reduction Act statement"): gettext(
                "An agency may not conduct or sponsor, and a person is not required to respond "
                "to, a collection of information unless it displays a currently valid OMB control "
                "number."
            ),
            gettext("Privacy Act statement"): "GSA/OGP-1",
        }
    for summary, full in disclosures.items():
        text = page.locator("main").get_by_text(full)
        expect(text).to_be_hidden()
        page.locator("main summary").filter(has_text=summary).click()
        expect(text).to_be_visible()
