"""Personal API tokens: created on a screen and shown once, scoped, expiring, revocable,
rate limited, and audited."""

import os
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from govcx.accounts.credentials import secret_digest
from govcx.accounts.models import ApiToken, Scope
from govcx.accounts.tests.api_helpers import api_get, token_for, token_kept_after_demotion
from govcx.accounts.tokens import api_token_create, api_token_revoke
from govcx.audit.models import Action, AuditEntry
from govcx.audit.services import audit_entries_for
from govcx.catalog.models import OrganizationDomain
from govcx.testing.factories import World, make_user, signed_in

SCREEN = "/account/api-tokens/"


def create_on_screen(client: Client, **fields: object) -> str:
    data = {
        "name": "Warehouse",
        "scopes": ["metrics:read"],
        "expires_on": (timezone.localdate() + timedelta(days=30)).isoformat(),
        **fields,
    }
    page = client.post(SCREEN, data)
    assert page.status_code == 200
    return page.content.decode()


def test_a_token_is_shown_once_and_stored_as_a_digest(world: World) -> None:
    client = signed_in(world.member)
    page = create_on_screen(client)
    token = ApiToken.objects.get(user=world.member)
    secret = page.split('<code class="font-mono-sm">')[1].split("</code>")[0]
    assert secret.startswith(f"gcxu_{token.prefix}_")
    assert token.digest == secret_digest(secret.split("_", 2)[2])
    assert secret not in client.get(SCREEN).content.decode()
    assert api_get("/api/v1/organizations", secret).status_code == 200
    listing = client.get(SCREEN).content.decode()
    assert "Warehouse" in listing
    assert timezone.localtime(ApiToken.objects.get().last_used_at).strftime("%Y-%m-%d") in listing
    entry = AuditEntry.objects.get(action=Action.TOKEN_CREATED)
    assert entry.actor == world.member
    assert secret not in str(entry.details)


def test_expiry_is_required_and_bounded(world: World) -> None:
    client = signed_in(world.member)
    page = create_on_screen(client, expires_on="")
    assert "This field is required" in page
    too_far = (timezone.localdate() + timedelta(days=400)).isoformat()
    assert "at most 365 days" in create_on_screen(client, expires_on=too_far)
    past = (timezone.localdate() - timedelta(days=1)).isoformat()
    assert "in the future" in create_on_screen(client, expires_on=past)
    assert "This field is required" in create_on_screen(client, scopes=[])
    assert not ApiToken.objects.exists()
    with pytest.raises(ValidationError) as problem:
        api_token_create(
            user=world.member,
            name="x",
            scopes=["everything"],
            expires_at=timezone.now() + timedelta(days=1),
        )
    assert "scopes" in problem.value.message_dict


def test_an_expired_token_is_refused_and_audited(world: World) -> None:
    OrganizationDomain.objects.create(organization=world.fema, domain="fema.example.gov")
    secret = token_for(world.member)
    ApiToken.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    response = api_get("/api/v1/organizations", secret)
    assert response.status_code == 401
    assert response.json() == {
        "error": "unauthorized",
        "message": "This token has expired; create a new one.",
        "errors": {},
    }
    refused = AuditEntry.objects.get(action=Action.TOKEN_REFUSED)
    assert (refused.actor, refused.details["reason"]) == (world.member, "expired")
    assert refused in audit_entries_for(world.fema)  # the admins of the member's organization


def test_a_revoked_token_stops_working(world: World) -> None:
    secret = token_for(world.member)
    assert api_get("/api/v1/organizations", secret).status_code == 200
    client = signed_in(world.member)
    token = ApiToken.objects.get()
    page = client.post(reverse("accounts:api-token-revoke", args=[token.pk]), follow=True)
    assert "Token revoked" in page.content.decode()
    assert api_get("/api/v1/organizations", secret).status_code == 401
    assert AuditEntry.objects.filter(action=Action.TOKEN_REVOKED).count() == 1
    assert AuditEntry.objects.get(action=Action.TOKEN_REFUSED).details["reason"] == "revoked"


def test_people_revoke_only_their_own_tokens(world: World) -> None:
    token_for(world.member)
    token = ApiToken.objects.get()
    url = reverse("accounts:api-token-revoke", args=[token.pk])
    assert signed_in(world.owner).post(url).status_code == 404
    assert Client().post(url).status_code == 302  # to sign-in
    token.refresh_from_db()
    assert token.revoked_at is None


def test_a_wrong_or_made_up_token_is_refused(world: World) -> None:
    secret = token_for(world.member)
    prefix = ApiToken.objects.get().prefix
    assert api_get("/api/v1/organizations", f"gcxu_{prefix}_{'x' * 43}").status_code == 401
    # A guessed secret for a real token is audited against its owner; junk is not.
    assert AuditEntry.objects.get(action=Action.TOKEN_REFUSED).details["reason"] == "unknown"
    for junk in ("gcxu_nope_nope", "gcxu_", "hello", secret + "x"):
        assert api_get("/api/v1/organizations", junk).status_code == 401
    assert Client().get("/api/v1/organizations").status_code == 401


def test_scopes_decide_the_operations(world: World) -> None:
    metrics_only = token_for(world.owner, ["metrics:read"])
    responses_only = token_for(world.owner, ["responses:read"])
    submit_only = token_for(world.owner, ["submissions:write"])
    assert api_get("/api/v1/metrics", metrics_only, organization="fema").status_code == 200
    refused = api_get("/api/v1/responses", metrics_only)
    assert refused.status_code == 403
    assert refused.json()["message"] == "This token lacks the responses:read scope."
    assert api_get("/api/v1/responses", responses_only).status_code == 200
    assert api_get("/api/v1/metrics", responses_only, organization="fema").status_code == 403
    assert api_get("/api/v1/services", responses_only).status_code == 200
    assert api_get("/api/v1/services", submit_only).status_code == 403
    reasons = AuditEntry.objects.filter(action=Action.TOKEN_REFUSED).values_list(
        "details__reason", flat=True
    )
    assert list(reasons) == ["scope"] * 3


def test_roles_still_decide_the_data(world: World) -> None:
    """A token kept from an analyst role reads no responses once its user is a viewer: 403 as
    documented, with or without a filter, for the list and the export."""
    secret = token_kept_after_demotion(world.member, world.fema, ["responses:read"])
    for path in ("/api/v1/responses", "/api/v1/responses/export"):
        for params in ({}, {"organization": "fema"}):
            response = api_get(path, secret, **params)
            assert response.status_code == 403, (path, params)
            assert response.json()["error"] == "forbidden"
    assert not AuditEntry.objects.filter(action=Action.EXPORT_STARTED).exists()


def test_the_screen_offers_only_the_scopes_the_person_s_roles_allow(world: World) -> None:
    offered = {
        world.member: {"metrics:read"},
        world.manager: {"metrics:read", "responses:read", "submissions:write"},
        world.owner: {"metrics:read", "responses:read", "submissions:write"},
        world.platform: {"metrics:read", "responses:read", "submissions:write"},
    }
    for user, scopes in offered.items():
        page = signed_in(user).get(SCREEN).content.decode()
        shown = {value for value in Scope.values if f'value="{value}"' in page}
        assert shown == scopes, user.email


@pytest.mark.parametrize("scope", ["responses:read", "submissions:write"])
def test_a_viewer_cannot_create_a_token_with_a_scope_their_role_never_uses(
    world: World, scope: str
) -> None:
    page = create_on_screen(signed_in(world.member), scopes=["metrics:read", scope])
    assert 'href="#id_scopes' in page
    assert f"Your roles do not allow the {scope} scope" in page
    assert not ApiToken.objects.exists()
    with pytest.raises(ValidationError) as refused:
        api_token_create(
            user=world.member,
            name="x",
            scopes=[scope],
            expires_at=timezone.now() + timedelta(days=1),
        )
    assert "scopes" in refused.value.message_dict
    assert not ApiToken.objects.exists()


def test_someone_without_a_role_is_told_why_no_scope_is_offered(world: World) -> None:
    nobody = make_user("waiting@fema.example.gov")
    page = signed_in(nobody).get(SCREEN).content.decode()
    assert not any(f'value="{value}"' in page for value in Scope.values)
    assert "Your roles allow no API scope yet" in page
    assert "Your roles allow no API scope yet" in create_on_screen(signed_in(nobody))
    assert not ApiToken.objects.exists()


def test_a_deactivated_user_s_tokens_stop(world: World) -> None:
    secret = token_for(world.member)
    world.member.is_active = False
    world.member.save()
    assert api_get("/api/v1/organizations", secret).status_code == 401


@override_settings(GOVCX_API_RATE_PER_TOKEN="3/m")
def test_calls_per_token_are_rate_limited(world: World) -> None:
    from django.core.cache import cache

    cache.clear()
    secret, other = token_for(world.member), token_for(world.member)
    statuses = [api_get("/api/v1/organizations", secret).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    limited = api_get("/api/v1/organizations", secret)
    assert limited.json()["error"] == "rate_limited"
    assert 1 <= int(limited["Retry-After"]) <= 60
    assert api_get("/api/v1/organizations", other).status_code == 200


def test_revoking_twice_records_once(world: World) -> None:
    token_for(world.member)
    token = ApiToken.objects.get()
    api_token_revoke(token=token, by=world.member)
    api_token_revoke(token=token, by=world.member)
    assert AuditEntry.objects.filter(action=Action.TOKEN_REVOKED).count() == 1


def test_the_token_screen_is_for_signed_in_people_and_lists_only_their_tokens(
    world: World,
) -> None:
    token_for(world.owner)
    assert Client().get(SCREEN).status_code == 302
    page = signed_in(world.member).get(SCREEN)
    assert page.status_code == 200
    assert "No tokens yet." in page.content.decode()


def test_a_platform_admin_revokes_anyone_s_token_in_the_admin(world: World) -> None:
    secret = token_for(world.member)
    token = ApiToken.objects.get()
    client = signed_in(world.platform)
    listing = client.get("/django-admin/accounts/apitoken/")
    assert listing.status_code == 200
    assert token.digest not in listing.content.decode()
    client.post(
        "/django-admin/accounts/apitoken/",
        {"action": "revoke", "_selected_action": [token.pk]},
    )
    assert api_get("/api/v1/organizations", secret).status_code == 401
    revoked = AuditEntry.objects.get(action=Action.TOKEN_REVOKED)
    assert (revoked.actor, revoked.details["user"]) == (world.platform, world.member.email)


@override_settings(GOVCX_API_RATE_PER_TOKEN="2/m", CACHE_URL="redis://127.0.0.1:6379/15")
def test_token_limits_count_in_redis_when_configured(world: World) -> None:
    from govcx.collection.tests.test_rate_limit_store import redis_up

    if not redis_up():
        if os.environ.get("CI"):
            pytest.fail("Redis is not reachable on 127.0.0.1:6379")
        pytest.skip("Redis not running")
    secret = token_for(world.member)
    statuses = [api_get("/api/v1/organizations", secret).status_code for _ in range(3)]
    assert statuses == [200, 200, 429]


@override_settings(GOVCX_API_RATE_PER_TOKEN="1/m", CACHE_URL="redis://127.0.0.1:1/0")
def test_token_limits_fail_open_when_the_store_is_down(world: World) -> None:
    secret = token_for(world.member)
    statuses = [api_get("/api/v1/organizations", secret).status_code for _ in range(3)]
    assert statuses == [200, 200, 200]
