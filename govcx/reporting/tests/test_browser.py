"""Reporting screens and public trust pages in headless Chromium: no axe-core violations, and
the public page prints without navigation."""

from datetime import date
from typing import Any

import pytest
from django.urls import reverse

from govcx.analytics.periods import FiscalQuarter
from govcx.analytics.rollups import rollup_catch_up
from govcx.reporting.lifecycle import collection_transition
from govcx.reporting.services import collection_open, detail_update
from govcx.reporting.tests.helpers import IN_Q2, Q2
from govcx.surveys.lifecycle import survey_transition
from govcx.surveys.tests.helpers import make_survey
from govcx.testing.browser import axe_violations
from govcx.testing.factories import PASSWORD, World, respond, respond_many

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _published(world: World) -> int:
    survey = survey_transition(survey=make_survey(world), name="publish", by=world.owner)
    respond_many(survey, {"trust": "1"}, 40, when=IN_Q2)
    respond_many(survey, {"trust": "0"}, 15, when=IN_Q2)
    respond(survey, {"trust": "0", "comment": "private"}, when=IN_Q2)
    rollup_catch_up()
    collection = collection_open(world.service, Q2, by=world.owner)
    detail_update(
        collection.details.get(),
        {
            "volume_of_customers": 900,
            "volume_of_customers_provided_survey_opportunity": 300,
            "reflection_text": "We will send text updates.",
        },
        by=world.owner,
    )
    collection = collection_transition(collection, "submit", by=world.owner, today=date(2026, 5, 1))
    collection_transition(collection, "publish", by=world.platform, today=date(2026, 5, 1))
    return collection.pk


def test_public_trust_pages_have_no_violations(page: Any, world: World) -> None:
    _published(world)
    problems = {}
    for url in (
        reverse("trust:index"),
        reverse("trust:hisp", args=["fema"]),
        reverse("trust:service", args=[world.service.pk]),
        reverse("trust:methodology"),
    ):
        page.goto(url)
        found = axe_violations(page)
        if found:
            problems[url] = found
    assert problems == {}
    page.goto(reverse("trust:hisp", args=["fema"]))
    page.emulate_media(media="print")
    assert not page.locator("header.usa-header").is_visible()
    assert page.locator("h1").is_visible()


def test_report_screens_have_no_violations(page: Any, world: World) -> None:
    pk = _published(world)
    draft = collection_open(world.service, FiscalQuarter(2026, 1), by=world.owner)
    page.goto(reverse("accounts:sign-in"))
    page.fill("#id_username", world.platform.email)
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    problems = {}
    for url in (
        reverse("reporting:list") + "?quarter=2026-2",
        reverse("reporting:detail", args=[pk]),
        reverse("reporting:detail", args=[draft.pk]),
        reverse("reporting:government") + "?quarter=2026-2",
    ):
        page.goto(url)
        found = axe_violations(page)
        if found:
            problems[url] = found
    assert problems == {}


@pytest.mark.parametrize("locale", ["en-US", "es-US"])
def test_the_index_with_trust_figures_is_accessible_on_a_phone(
    browser: Any, live_server: Any, world: World, locale: str
) -> None:
    _published(world)
    context = browser.new_context(
        base_url=live_server.url, locale=locale, viewport={"width": 375, "height": 667}
    )
    phone = context.new_page()
    phone.goto(reverse("trust:index"))
    assert phone.locator("main table").get_by_text("71%").is_visible()  # 40 of 56
    assert axe_violations(phone) == []
    context.close()
