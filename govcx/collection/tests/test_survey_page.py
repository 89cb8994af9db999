"""The hosted page /s/<id>/ without JavaScript: steps, errors, languages, closed surveys."""

import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from govcx.collection.models import RejectionCount, Response
from govcx.collection.public import pra_texts
from govcx.collection.tests.helpers import published_survey, with_privacy
from govcx.surveys.definition import SCHEMA
from govcx.surveys.lifecycle import survey_transition
from govcx.surveys.models import Survey
from govcx.surveys.services import draft_save
from govcx.testing.factories import World


def page_url(survey: Survey) -> str:
    return reverse("collection:survey", args=[survey.public_id])


def test_the_first_page_shows_the_pra_block_and_the_questions(world: World) -> None:
    survey = published_survey(world)
    page = Client().get(page_url(survey)).content.decode()
    assert "3090-0325" in page
    assert "An agency may not conduct or sponsor" in page
    assert "Thumbs up: yes" in page
    assert 'name="trust"' in page


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_full_notices_fold_into_disclosures_before_the_questions(
    world: World, language: str
) -> None:
    survey = with_privacy(world)
    page = Client().get(page_url(survey) + f"?lang={language}").content.decode()
    with translation.override(language):
        texts = pra_texts(survey)  # the same words the widget shows
    questions = page.index("<form")
    control = page.index("3090-0325")
    pra, privacy = (m.span() for m in re.finditer(r"<details.*?</details>", page, re.S))
    # The control number stays outside the disclosures, above them; the rest is inside.
    assert control < pra[0] < pra[1] < privacy[0] < privacy[1] < questions
    assert texts["burden"] in page[pra[0] : pra[1]]
    assert texts["notice"] in page[pra[0] : pra[1]]
    assert "GSA/OGP-1" in page[privacy[0] : privacy[1]]


def test_spanish_by_browser_preference_or_by_choice(world: World) -> None:
    survey = published_survey(world)
    by_header = Client().get(page_url(survey), HTTP_ACCEPT_LANGUAGE="es-US,es;q=0.9")
    assert '<html lang="es">' in by_header.content.decode()
    assert "cuéntenos sobre su experiencia" in by_header.content.decode()
    chosen = Client().get(page_url(survey) + "?lang=en", HTTP_ACCEPT_LANGUAGE="es")
    assert '<html lang="en">' in chosen.content.decode()


def test_a_complete_answer_is_stored_and_thanked(world: World) -> None:
    survey = published_survey(world)
    response = Client().post(
        page_url(survey),
        {
            "step": "1",
            "lang": "es",
            "trust": "1",
            "went_well": ["ease", "other"],
            "went_well__other": "Friendly",
            "went_poorly": ["ease"],
            "comment": "Email me: a@example.com",
        },
    )
    assert response.status_code == 302
    thanks = reverse("collection:thanks", args=[survey.public_id])
    assert response["Location"] == f"{thanks}?lang=es&tp={world.touchpoint.pk}"
    stored = Response.objects.get()
    # Without JavaScript both driver questions were on screen; the one the answer hides is dropped.
    assert stored.answers == {
        "trust": "1",
        "went_well": ["ease", "other"],
        "went_well__other": "Friendly",
        "comment": "Email me: [EMAIL]",
    }
    assert (stored.source, stored.language) == ("page", "es")
    thanks = Client().get(response["Location"]).content.decode()
    assert "Gracias. Sus comentarios nos ayudan" in thanks


def test_errors_are_summarized_with_links_and_values_kept(world: World) -> None:
    survey = published_survey(world)
    response = Client().post(page_url(survey), {"step": "1", "comment": "Keep this text"})
    page = response.content.decode()
    assert response.status_code == 400
    assert 'id="error-summary"' in page
    assert 'href="#id_trust"' in page
    assert "This question needs an answer." in page
    assert "Keep this text" in page
    assert page.startswith("<!DOCTYPE html>")
    assert "<title>Error:" in page
    assert not Response.objects.exists()


def two_pages(world: World) -> Survey:
    survey = published_survey(world)
    survey = survey_transition(survey=survey, name="new_version", by=world.owner)
    definition: dict[str, Any] = {
        "schema": SCHEMA,
        "languages": ["en"],
        "title": {"en": "Two pages"},
        "pages": [
            {
                "key": "first",
                "questions": [
                    {
                        "key": "trust",
                        "type": "thumbs",
                        "text": {"en": "Trust?"},
                        "required": True,
                        "measure": "trust",
                    },
                    {"key": "office", "type": "hidden", "text": {"en": "Office"}},
                ],
            },
            {
                "key": "why",
                "show_if": {"question": "trust", "op": "equals", "value": "0"},
                "questions": [
                    {
                        "key": "reason",
                        "type": "short_text",
                        "text": {"en": "Why not?"},
                        "required": True,
                    }
                ],
            },
        ],
    }
    draft_save(survey=survey, definition=definition, by=world.owner, change="test", request=None)
    return survey_transition(survey=survey, name="publish", by=world.owner)


def test_steps_follow_page_rules_and_carry_earlier_answers(world: World) -> None:
    survey = two_pages(world)
    client = Client()
    first = client.get(page_url(survey) + "?office=FO-21")
    assert 'value="FO-21"' in first.content.decode()
    second = client.post(page_url(survey), {"step": "1", "trust": "0", "office": "FO-21"})
    page = second.content.decode()
    assert "Why not?" in page
    assert 'name="trust" value="0"' in page
    back = client.post(
        page_url(survey), {"step": "2", "trust": "0", "office": "FO-21", "action": "back"}
    )
    assert 'name="trust"' in back.content.decode()
    done = client.post(
        page_url(survey), {"step": "2", "trust": "0", "office": "FO-21", "reason": "Too slow"}
    )
    assert done.status_code == 302
    stored = Response.objects.get()
    assert stored.answers == {"trust": "0", "office": "FO-21", "reason": "Too slow"}
    assert stored.version.number == 2
    skipped = client.post(page_url(survey), {"step": "1", "trust": "1"})
    assert skipped.status_code == 302  # the "why" page is not shown after thumbs up


def test_closed_and_unknown_surveys_get_a_polite_page(world: World) -> None:
    survey = published_survey(world)
    survey_transition(survey=survey, name="close", by=world.owner)
    closed = Client().get(page_url(survey))
    assert closed.status_code == 200
    assert "This survey has closed. Thank you for your interest." in closed.content.decode()
    posted = Client().post(page_url(survey), {"step": "1", "trust": "1"})
    assert "This survey has closed" in posted.content.decode()
    assert not Response.objects.exists()
    unknown = Client().get(reverse("collection:survey", args=["nothing-here"]))
    assert unknown.status_code == 404
    assert "This survey is not open yet." in unknown.content.decode()


def test_the_honeypot_refuses_and_counts(world: World) -> None:
    survey = published_survey(world)
    response = Client().post(
        page_url(survey), {"step": "1", "trust": "1", "contact_time": "buy now"}
    )
    assert response.status_code == 400
    assert RejectionCount.objects.get(reason="honeypot").count == 1
    assert not Response.objects.exists()
