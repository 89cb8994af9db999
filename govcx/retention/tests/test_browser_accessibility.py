"""The retention screen and the survey delete screen in headless Chromium: no axe-core WCAG 2.1
AA violation in either language, with data, a hold and an error shown; holds work without
JavaScript, from the keyboard."""

from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from django.urls import reverse

from govcx.analytics.rollups import rollup_catch_up
from govcx.collection.tests.helpers import published_survey
from govcx.retention.models import LegalHold
from govcx.testing.browser import axe_violations, sign_in
from govcx.testing.factories import World, noon, respond_many

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def page_without_javascript(browser: Any, live_server: Any) -> Iterator[Any]:
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_screens_have_no_violations(page: Any, world: World, language: str) -> None:
    survey = published_survey(world)
    respond_many(survey, {"trust": "1"}, 3, when=noon(date(2020, 8, 1)))
    rollup_catch_up()
    LegalHold.objects.create(survey=survey, reason="Smith v. FEMA", placed_by=world.owner)
    page.set_extra_http_headers({"Accept-Language": language})
    sign_in(page, world.owner.email)
    page.goto(reverse("retention:organization", args=["fema"]))
    assert page.get_attribute("html", "lang") == language
    assert {"en": "FY20 Q4", "es": "AF20 T4"}[language] in page.content()
    assert axe_violations(page) == []
    page.fill("#id_months", "0")
    with page.expect_navigation():
        page.press("#id_months", "Enter")
    assert page.locator(".usa-alert--error").count() == 1
    assert axe_violations(page) == []
    page.goto(reverse("surveys:delete", args=[survey.pk]))
    assert axe_violations(page) == []


def test_a_hold_is_placed_and_cleared_from_the_keyboard(
    page_without_javascript: Any, world: World
) -> None:
    page = page_without_javascript
    survey = published_survey(world)
    sign_in(page, world.owner.email)
    page.goto(reverse("retention:organization", args=["fema"]))
    page.select_option("#id_survey", str(survey.pk))
    page.fill("#id_reason", "Smith v. FEMA")
    with page.expect_navigation():
        page.press("#id_reason", "Tab")
        page.keyboard.press("Enter")
    assert "Smith v. FEMA" in page.content()
    assert LegalHold.objects.filter(survey=survey).exists()
    hold = LegalHold.objects.get()
    page.fill(f"#id_clear-{hold.pk}-reason", "Case closed")
    with page.expect_navigation():
        page.press(f"#id_clear-{hold.pk}-reason", "Tab")
        page.keyboard.press("Enter")
    assert not LegalHold.objects.exists()
