"""Sign-in and sign-out with Login.gov in headless Chromium, against the real OpenID Connect
provider process: the redirects, the session cookie (SameSite=Lax) coming back from the
provider, and the Content-Security-Policy's form-action, which browsers apply to the redirects
that follow the "Sign in with Login.gov" and "Sign out" forms."""

import copy
from collections.abc import Iterator
from typing import Any

import pytest
from django.urls import reverse
from pytest_django.fixtures import Settings

from govcx.accounts.tests.oidc_provider import CLIENT_ID, Provider, provider_process
from govcx.audit.models import Action, AuditEntry
from govcx.catalog.models import OrganizationDomain
from govcx.testing.factories import World

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def live_provider(live_server: Any, settings: Settings) -> Iterator[Provider]:
    """A provider that sends people back to the live server, and govcx configured for it the
    way the environment configures it in production (form-action names the issuer)."""
    with provider_process(
        redirect_uri=f"{live_server.url}{reverse('accounts:login-gov-callback')}",
        post_logout_redirect_uri=f"{live_server.url}{reverse('accounts:signed-out')}",
    ) as provider:
        settings.LOGIN_GOV_ISSUER = provider.issuer
        settings.LOGIN_GOV_CLIENT_ID = CLIENT_ID
        settings.LOGIN_GOV_PRIVATE_KEY = provider.client_key
        policy = copy.deepcopy(settings.CONTENT_SECURITY_POLICY)
        policy["DIRECTIVES"]["form-action"].append(provider.issuer)
        settings.CONTENT_SECURITY_POLICY = policy
        yield provider


@pytest.fixture
def page(browser: Any, live_server: Any) -> Iterator[Any]:
    context = browser.new_context(base_url=live_server.url)
    page = context.new_page()
    page.csp_errors = []
    page.on(
        "console",
        lambda message: (
            "Content Security Policy" in message.text and page.csp_errors.append(message.text)
        ),
    )
    yield page
    context.close()


def test_a_person_signs_in_and_out_through_login_gov_in_a_browser(
    page: Any, live_provider: Provider, world: World
) -> None:
    OrganizationDomain.objects.create(organization=world.fema, domain="fema.example.gov")
    live_provider.next_account(sub="sub-browser", email=world.owner.email)
    page.goto(reverse("accounts:sign-in"))
    with page.expect_navigation(url=f"**{reverse('catalog:home')}"):
        page.click("form[action='/sign-in/login-gov/'] button")
    assert page.locator("header form[action='/sign-out/'] button").is_visible()
    assert AuditEntry.objects.filter(action=Action.SIGN_IN, actor=world.owner).exists()

    with page.expect_navigation(url=f"{live_provider.issuer}/**"):
        page.click("header form[action='/sign-out/'] button")
    with page.expect_navigation(url=f"**{reverse('accounts:signed-out')}"):
        page.click("button[name=logout][value=yes]")  # the provider's "Yes, sign me out"
    assert "You are signed out of govcx and of Login.gov." in page.inner_text("main")
    assert page.locator("header a[href='/sign-in/']").is_visible()
    assert AuditEntry.objects.filter(action=Action.SIGN_OUT, actor=world.owner).exists()
    assert page.csp_errors == []
