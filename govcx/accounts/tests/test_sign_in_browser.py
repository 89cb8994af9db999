"""Sign-in screens in headless Chromium: the Login.gov button, the password form and the
authenticator set-up have no WCAG 2.1 AA violation in either language, and work by keyboard."""

from typing import Any

import pytest
from django.core import mail
from django.urls import reverse
from pytest_django.fixtures import Settings

from govcx.testing.browser import axe_violations
from govcx.testing.factories import PASSWORD, World

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("language", ["en", "es"])
def test_sign_in_and_authenticator_set_up(
    page: Any, live_server: Any, world: World, settings: Settings, language: str
) -> None:
    settings.LOGIN_GOV_ISSUER = "https://idp.int.identitysandbox.gov"
    settings.LOGIN_GOV_CLIENT_ID = "urn:gov:gsa:openidconnect.profiles:sp:sso:govcx:demo"
    settings.GOVCX_LOCAL_MFA = True
    page.set_extra_http_headers({"Accept-Language": language})
    page.goto(reverse("accounts:sign-in"))
    assert page.locator("form[action='/sign-in/login-gov/'] button").count() == 1
    assert axe_violations(page) == []
    page.fill("#id_username", world.owner.email)
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith(reverse("accounts:mfa-link-sent"))
    assert axe_violations(page) == []
    link = mail.outbox[-1].body.split(live_server.url, 1)[1].split()[0]
    page.goto(link)
    assert axe_violations(page) == []
    with page.expect_navigation():
        page.click("#mfa-link-continue button")
    page.fill("#id_username", world.owner.email)
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith(reverse("accounts:mfa-enroll"))
    assert page.locator("svg").first.is_visible()
    assert len(page.inner_text("#totp-secret").replace(" ", "")) >= 16
    assert axe_violations(page) == []
    page.fill("#id_code", "000000")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.get_attribute("#id_code", "aria-invalid") == "true"
    assert axe_violations(page) == []
