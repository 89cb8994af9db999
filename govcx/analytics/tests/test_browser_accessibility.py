"""Dashboards in headless Chromium: no axe-core violations, chart and tables included."""

from typing import Any

import pytest
from django.urls import reverse

from govcx.analytics.rollups import rollup_catch_up
from govcx.analytics.tests.helpers import fill_segment, segmented_survey
from govcx.analytics.tests.test_dashboards import fill
from govcx.collection.tests.helpers import published_survey
from govcx.testing.browser import axe_violations
from govcx.testing.factories import PASSWORD, World

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_dashboards_have_no_violations(page: Any, world: World) -> None:
    survey = published_survey(world)
    fill(world, survey, up=60, down=20)
    fill(world, survey, up=3, down=1, language="es")
    segmented = segmented_survey(world)
    fill_segment(world, segmented, up=40, down=10, age_group="65_plus", veteran="yes")
    fill_segment(world, segmented, up=10, down=30, age_group="under_25", veteran="no")
    fill_segment(world, segmented, up=2, down=2, age_group="25_44")
    rollup_catch_up()
    page.goto(reverse("accounts:sign-in"))
    page.fill("#id_username", world.member.email)
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    problems = {}
    for url in (
        reverse("analytics:organization", args=["fema"]),
        reverse("analytics:service", args=[world.service.pk]),
        reverse("analytics:organization-equity", args=["fema"]),
        reverse("analytics:service-drivers", args=[world.service.pk]),
        reverse("analytics:service-equity", args=[world.service.pk]) + "?period=last4",
    ):
        page.goto(url)
        found = axe_violations(page)
        if found:
            problems[url] = found
    assert problems == {}
