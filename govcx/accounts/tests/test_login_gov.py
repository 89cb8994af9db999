"""Sign-in with Login.gov, end to end against a real OpenID Connect provider process.

Each test drives the whole flow: govcx redirects to the provider (PKCE, acr_values), the person
signs in there, the provider redirects back, and govcx exchanges the code (private_key_jwt) and
verifies the real ID token the provider signed.
"""

from typing import Any
from urllib.parse import parse_qs, urlencode, urlparse, urlunparse

import pytest
import requests
from django.test import Client
from django.urls import reverse
from pytest_django.fixtures import Settings as SettingsWrapper

from govcx.accounts.models import Membership, User
from govcx.accounts.tests.oidc_provider import (
    CLIENT_ID,
    POST_LOGOUT_REDIRECT_URI,
    Provider,
    oidc_provider,  # noqa: F401 - fixture
    private_key_pem,
)
from govcx.audit.models import Action, AuditEntry
from govcx.catalog.models import OrganizationDomain, SignInAssurance
from govcx.testing.factories import World

PHISHING_RESISTANT_ACR = "http://idmanagement.gov/ns/assurance/aal/2?phishing_resistant=true"


@pytest.fixture
def login_gov(oidc_provider: Provider, settings: SettingsWrapper, world: World) -> Provider:  # noqa: F811
    settings.LOGIN_GOV_ISSUER = oidc_provider.issuer
    settings.LOGIN_GOV_CLIENT_ID = CLIENT_ID
    settings.LOGIN_GOV_PRIVATE_KEY = oidc_provider.client_key
    OrganizationDomain.objects.create(organization=world.dhs, domain="dhs.gov")
    OrganizationDomain.objects.create(organization=world.fema, domain="fema.dhs.gov")
    return oidc_provider


def authorize_url(client: Client, **params: str) -> str:
    response = client.get(reverse("accounts:login-gov"), params)
    assert response.status_code == 302
    return str(response["Location"])


def sign_in(client: Client, provider: Provider, **account: Any) -> Any:
    provider.next_account(**account)
    callback = provider.sign_in_at_provider(authorize_url(client))
    return client.get(callback)


def signed_in_user(client: Client) -> User | None:
    user = client.get(reverse("catalog:home")).context["user"]
    return user if user.is_authenticated else None


def failure_reason() -> str:
    entry = AuditEntry.objects.filter(action=Action.SIGN_IN_FAILED).latest("id")
    return str(entry.details["reason"])


def test_a_first_sign_in_creates_an_account_matched_by_domain_with_no_role(
    login_gov: Provider, world: World
) -> None:
    client = Client()
    url = authorize_url(client)
    query = parse_qs(urlparse(url).query)
    assert query["code_challenge_method"] == ["S256"]
    assert query["acr_values"] == ["urn:acr.login.gov:auth-only"]
    assert query["scope"] == ["openid email"]
    login_gov.next_account(sub="sub-new-1", email="Pat.Lee@fema.dhs.gov")
    response = client.get(login_gov.sign_in_at_provider(url))
    assert response.status_code == 302, AuditEntry.objects.values_list("details", flat=True)[:1]
    user = User.objects.get(email="pat.lee@fema.dhs.gov")
    assert signed_in_user(client) == user
    assert user.matched_organization == world.fema
    assert user.oidc_subject == "sub-new-1"
    assert not user.has_usable_password()
    assert not Membership.objects.filter(user=user).exists()
    created = AuditEntry.objects.get(action=Action.ACCOUNT_CREATED)
    assert created.organization_id == world.fema.pk
    assert created.details == {"matched_organization": "fema"}
    sign_in_entry = AuditEntry.objects.get(action=Action.SIGN_IN, actor=user)
    assert sign_in_entry.details == {
        "method": "login.gov",
        "acr": "urn:acr.login.gov:auth-only",
        "amr": ["pwd", "sms"],
    }


def test_the_admin_sees_the_person_waiting_for_a_role_and_grants_one(
    login_gov: Provider, world: World
) -> None:
    sign_in(Client(), login_gov, sub="sub-wait", email="new.analyst@fema.dhs.gov")
    admin = Client()
    admin.force_login(world.owner)
    page = admin.get(reverse("accounts:members", args=["fema"])).content.decode()
    assert "new.analyst@fema.dhs.gov" in page
    assert "Waiting for a role" in page
    admin.post(
        reverse("accounts:members", args=["fema"]),
        {"email": "new.analyst@fema.dhs.gov", "role": "analyst"},
    )
    assert Membership.objects.get(user__email="new.analyst@fema.dhs.gov").role == "analyst"


def test_an_existing_account_is_linked_by_verified_email_then_found_by_subject(
    login_gov: Provider, world: World
) -> None:
    sign_in(Client(), login_gov, sub="sub-owner", email=world.owner.email)
    world.owner.refresh_from_db()
    assert world.owner.oidc_subject == "sub-owner"
    assert AuditEntry.objects.filter(action=Action.ACCOUNT_LINKED, actor=world.owner).exists()
    # Login.gov's subject is the identity: a changed email address still reaches the account.
    client = Client()
    sign_in(client, login_gov, sub="sub-owner", email="renamed@elsewhere.example")
    assert signed_in_user(client) == world.owner


def test_the_most_specific_domain_wins_and_lookalikes_do_not_match(
    login_gov: Provider, world: World
) -> None:
    sign_in(Client(), login_gov, sub="sub-ia", email="someone@ia.fema.dhs.gov")
    sign_in(Client(), login_gov, sub="sub-evil", email="someone@evilfema.dhs.gov")
    sign_in(Client(), login_gov, sub="sub-other", email="someone@fema.dhs.gov.example.com")
    assert User.objects.get(email="someone@ia.fema.dhs.gov").matched_organization == world.fema
    assert User.objects.get(email="someone@evilfema.dhs.gov").matched_organization == world.dhs
    assert User.objects.get(email="someone@fema.dhs.gov.example.com").matched_organization is None


def test_an_unverified_email_is_refused(login_gov: Provider) -> None:
    client = Client()
    response = sign_in(
        client, login_gov, sub="sub-unverified", email="x@fema.dhs.gov", email_verified=False
    )
    assert response.status_code == 403
    assert "has not confirmed your email address" in response.content.decode()
    assert signed_in_user(client) is None
    assert not User.objects.filter(email="x@fema.dhs.gov").exists()
    assert failure_reason() == "email_not_verified"


def test_a_wrong_state_is_refused(login_gov: Provider) -> None:
    client = Client()
    login_gov.next_account(sub="sub-state", email="state@fema.dhs.gov")
    callback = urlparse(login_gov.sign_in_at_provider(authorize_url(client)))
    query = {k: v[0] for k, v in parse_qs(callback.query).items()}
    query["state"] = "forged-state-value"
    response = client.get(urlunparse(callback._replace(query=urlencode(query))))
    assert response.status_code == 400
    assert signed_in_user(client) is None
    assert failure_reason().startswith("mismatching_state")


def test_a_replayed_code_is_refused_by_the_provider(login_gov: Provider) -> None:
    victim = Client()
    login_gov.next_account(sub="sub-replay", email="replay@fema.dhs.gov")
    callback = login_gov.sign_in_at_provider(authorize_url(victim))
    # The attacker has the callback address and the victim's pending state, verifier and nonce.
    pending = {k: v for k, v in victim.session.items() if k.startswith("_state_login_gov")}
    assert victim.get(callback).status_code == 302
    attacker = Client()
    session = attacker.session
    session.update(pending)
    session.save()
    response = attacker.get(callback)
    assert response.status_code == 400
    assert signed_in_user(attacker) is None
    assert failure_reason().startswith("invalid_grant")


@pytest.mark.parametrize(
    ("scenario", "reason"),
    [
        ("wrong-audience", "invalid_claim: Invalid claim: 'aud'"),
        ("expired", "expired_token"),
        ("bad-signature", "bad_signature"),
    ],
)
def test_an_id_token_that_fails_verification_is_refused(
    login_gov: Provider, scenario: str, reason: str
) -> None:
    client = Client()
    login_gov.next_account(sub=f"sub-{scenario}", email=f"{scenario}@fema.dhs.gov")
    callback = login_gov.sign_in_at_provider(authorize_url(client))
    login_gov.misbehave_once(scenario)
    response = client.get(callback)
    assert response.status_code == 400
    assert "could not be verified" in response.content.decode()
    assert signed_in_user(client) is None
    assert not User.objects.filter(email=f"{scenario}@fema.dhs.gov").exists()
    assert failure_reason().startswith(reason)


def test_the_provider_requires_pkce(login_gov: Provider) -> None:
    url = urlparse(authorize_url(Client()))
    query = {k: v[0] for k, v in parse_qs(url.query).items()}
    del query["code_challenge"], query["code_challenge_method"]
    login_gov.next_account(sub="sub-pkce", email="pkce@fema.dhs.gov")
    refused = login_gov.sign_in_at_provider(urlunparse(url._replace(query=urlencode(query))))
    error = parse_qs(urlparse(refused).query)
    assert error["error"] == ["invalid_request"]
    assert "requires PKCE" in error["error_description"][0]


def test_a_client_assertion_signed_with_another_key_is_refused(
    login_gov: Provider, settings: SettingsWrapper
) -> None:
    settings.LOGIN_GOV_PRIVATE_KEY = private_key_pem()
    client = Client()
    response = sign_in(client, login_gov, sub="sub-key", email="key@fema.dhs.gov")
    assert response.status_code == 400
    assert signed_in_user(client) is None
    assert failure_reason().startswith("invalid_client")


def test_an_organization_can_require_a_phishing_resistant_method(
    login_gov: Provider, world: World
) -> None:
    world.dhs.sign_in_assurance = SignInAssurance.PHISHING_RESISTANT
    world.dhs.save()
    client = Client()
    weak = sign_in(client, login_gov, sub="sub-pr", email=world.owner.email, amr=("pwd", "sms"))
    assert weak.status_code == 403
    page = weak.content.decode()
    assert "requires a phishing-resistant sign-in" in page
    assert 'name="assurance" value="phishing_resistant"' in page
    assert signed_in_user(client) is None
    assert failure_reason() == "assurance_phishing_resistant_not_met"
    stronger = authorize_url(client, assurance="phishing_resistant")
    acr_values = parse_qs(urlparse(stronger).query)["acr_values"][0].split()
    assert PHISHING_RESISTANT_ACR in acr_values
    login_gov.next_account(sub="sub-pr", email=world.owner.email, amr=("pwd", "webauthn"))
    response = client.get(login_gov.sign_in_at_provider(stronger))
    assert response.status_code == 302, AuditEntry.objects.values_list("details", flat=True)[:1]
    assert signed_in_user(client) == world.owner


def test_piv_cac_required_above_applies_to_people_matched_below(
    login_gov: Provider, world: World
) -> None:
    world.dhs.sign_in_assurance = SignInAssurance.PIV_CAC
    world.dhs.save()
    client = Client()
    refused = sign_in(client, login_gov, sub="sub-piv", email="p@fema.dhs.gov", amr=("webauthn",))
    assert refused.status_code == 403
    assert "PIV or CAC" in refused.content.decode()
    sign_in(
        client,
        login_gov,
        sub="sub-piv",
        email="p@fema.dhs.gov",
        acr="http://idmanagement.gov/ns/assurance/aal/2?hspd12=true",
        amr=("piv_cac",),
    )
    assert signed_in_user(client) == User.objects.get(email="p@fema.dhs.gov")


def test_a_deactivated_account_cannot_sign_in(login_gov: Provider, world: World) -> None:
    world.member.is_active = False
    world.member.save()
    client = Client()
    response = sign_in(client, login_gov, sub="sub-inactive", email=world.member.email)
    assert response.status_code == 403
    assert "deactivated" in response.content.decode()
    assert signed_in_user(client) is None


def test_identity_verification_asked_for_is_checked_in_the_answer(
    login_gov: Provider, settings: SettingsWrapper
) -> None:
    settings.LOGIN_GOV_ACR_VALUES = "urn:acr.login.gov:verified"
    client = Client()
    url = authorize_url(client)
    assert parse_qs(urlparse(url).query)["acr_values"] == ["urn:acr.login.gov:verified"]
    # The person edits the request on its way through the browser: Login.gov answers auth-only.
    login_gov.next_account(sub="sub-ial", email="ial@fema.dhs.gov")
    refused = client.get(login_gov.sign_in_at_provider(url))
    assert refused.status_code == 403
    assert "verified identity" in refused.content.decode()
    assert failure_reason() == "identity_not_verified"
    sign_in(
        client, login_gov, sub="sub-ial", email="ial@fema.dhs.gov", acr="urn:acr.login.gov:verified"
    )
    assert signed_in_user(client) == User.objects.get(email="ial@fema.dhs.gov")


def with_prompt_none(url: str) -> str:
    """The same authorization request, asking the provider not to show any page: it answers
    with a code only while the person still has a session there."""
    parts = urlparse(url)
    return urlunparse(parts._replace(query=f"{parts.query}&prompt=none"))


def test_signing_out_ends_the_login_gov_session_too(login_gov: Provider) -> None:
    client, browser = Client(), requests.Session()
    login_gov.next_account(sub="sub-out", email="out@fema.dhs.gov")
    client.get(login_gov.sign_in_at_provider(authorize_url(client), browser))
    assert signed_in_user(client) == User.objects.get(email="out@fema.dhs.gov")
    # While the provider's session lasts, the next sign-in at this browser needs no password.
    silent = login_gov.sign_in_at_provider(with_prompt_none(authorize_url(Client())), browser)
    assert "code" in parse_qs(urlparse(silent).query)

    response = client.post(reverse("accounts:sign-out"))
    assert response.status_code == 302
    end_session = urlparse(response["Location"])
    assert response["Location"].startswith(login_gov.issuer)
    assert parse_qs(end_session.query) == {
        "client_id": [CLIENT_ID],
        "post_logout_redirect_uri": [POST_LOGOUT_REDIRECT_URI],
    }
    assert signed_in_user(client) is None  # govcx's session ended before the redirect
    assert AuditEntry.objects.filter(action=Action.SIGN_OUT).count() == 1

    back = login_gov.confirm_sign_out_at_provider(response["Location"], browser)
    assert back == POST_LOGOUT_REDIRECT_URI
    page = client.get(back)
    assert page.status_code == 200
    assert "You are signed out of govcx and of Login.gov." in page.content.decode()
    refused = login_gov.sign_in_at_provider(with_prompt_none(authorize_url(Client())), browser)
    assert parse_qs(urlparse(refused).query)["error"] == ["login_required"]


def test_signing_out_of_a_password_session_stays_in_govcx(
    login_gov: Provider, world: World
) -> None:
    client = Client()
    client.force_login(world.member)
    response = client.post(reverse("accounts:sign-out"))
    assert response["Location"] == reverse("catalog:home")
    assert signed_in_user(client) is None


def test_sign_out_still_ends_the_session_when_login_gov_is_unreachable(
    login_gov: Provider, settings: SettingsWrapper
) -> None:
    client = Client()
    sign_in(client, login_gov, sub="sub-away", email="away@fema.dhs.gov")
    settings.LOGIN_GOV_ISSUER = "http://127.0.0.1:9"  # nothing listens there
    response = client.post(reverse("accounts:sign-out"))
    assert response["Location"] == reverse("catalog:home")
    assert signed_in_user(client) is None
