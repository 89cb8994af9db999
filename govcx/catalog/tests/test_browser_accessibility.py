"""Staff screens in headless Chromium: axe-core finds no WCAG 2.1 AA violation, in both
languages, and the forms work with the keyboard alone."""

from collections.abc import Callable
from typing import Any

import pytest
from django.urls import reverse

from govcx.accounts.models import Membership
from govcx.testing.browser import axe_violations, sign_in
from govcx.testing.factories import World

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENS: list[tuple[str, Callable[[World], str]]] = [
    ("home", lambda w: reverse("catalog:home")),
    ("organizations", lambda w: reverse("catalog:organizations")),
    ("organization", lambda w: reverse("catalog:organization", args=["fema"])),
    ("organization-edit", lambda w: reverse("catalog:organization-edit", args=["fema"])),
    ("services", lambda w: reverse("catalog:services")),
    ("service", lambda w: reverse("catalog:service", args=[w.service.pk])),
    ("service-create", lambda w: reverse("catalog:service-create")),
    ("touchpoint-create", lambda w: reverse("catalog:touchpoint-create", args=[w.service.pk])),
    ("life-events", lambda w: reverse("catalog:life-events")),
    ("life-event", lambda w: reverse("catalog:life-event", args=["retiring"])),
    ("members", lambda w: reverse("accounts:members", args=["fema"])),
    (
        "member",
        lambda w: reverse(
            "accounts:member",
            args=["fema", Membership.objects.get(user=w.member, organization=w.fema).pk],
        ),
    ),
    ("audit", lambda w: reverse("audit:organization-log", args=["fema"])),
    ("api-tokens", lambda w: reverse("accounts:api-tokens")),
    ("responses-export", lambda w: reverse("collection:export")),
]


@pytest.mark.parametrize("language", ["en", "es"])
def test_public_pages_have_no_violations(page: Any, language: str) -> None:
    page.set_extra_http_headers({"Accept-Language": language})
    for url in (
        reverse("catalog:home"),
        reverse("accounts:sign-in"),
        reverse("accounts:signed-out"),
    ):
        page.goto(url)
        assert page.get_attribute("html", "lang") == language
        assert axe_violations(page) == [], url
    page.goto(reverse("accounts:sign-in"))
    page.click("main button[type=submit]")  # an empty sign-in shows the error summary
    assert page.locator(".usa-alert--error").count() == 1
    assert axe_violations(page) == []


@pytest.mark.parametrize("language", ["en", "es"])
def test_staff_screens_have_no_violations(page: Any, world: World, language: str) -> None:
    page.set_extra_http_headers({"Accept-Language": language})
    sign_in(page, world.owner.email)
    problems = {}
    for name, url in SCREENS:
        page.goto(url(world))
        found = axe_violations(page)
        if found:
            problems[name] = found
    assert problems == {}


def test_form_errors_have_no_violations_and_link_to_fields(page: Any, world: World) -> None:
    sign_in(page, world.owner.email)
    page.goto(reverse("catalog:touchpoint-create", args=[world.service.pk]))
    page.click("main button[type=submit]")
    summary = page.locator(".usa-alert--error")
    assert summary.count() == 1
    assert axe_violations(page) == []
    summary.locator("a", has_text="Name").click()
    assert page.evaluate("document.activeElement.id") == "id_name"


def test_a_touchpoint_can_be_added_with_the_keyboard_alone(page: Any, world: World) -> None:
    sign_in(page, world.owner.email)
    page.goto(reverse("catalog:touchpoint-create", args=[world.service.pk]))
    page.focus("#id_name")
    page.keyboard.type("Helpline")
    page.keyboard.press("Tab")
    page.keyboard.press("ArrowDown")  # first real channel after the blank choice
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")  # stage keeps "start"; move to the transaction point radios
    page.keyboard.press("Space")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{reverse('catalog:service', args=[world.service.pk])}")
    assert world.service.touchpoints.filter(name="Helpline").exists()


def test_the_checker_reports_a_real_violation(page: Any) -> None:
    page.set_content('<html lang="en"><title>t</title><main><img src="x.png"></main></html>')
    assert any(problem.startswith("image-alt") for problem in axe_violations(page))
