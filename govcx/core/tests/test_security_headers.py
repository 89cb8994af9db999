"""Security headers on every kind of response: a strict Content-Security-Policy whose nonce is new
on every response and carried by every script tag, no framing, no sniffing, no referrer leaks,
browser features off, and HSTS over HTTPS (docs/security-headers.md)."""

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client, override_settings
from django.urls import reverse

from govcx.catalog.models import Touchpoint
from govcx.collection.tests.helpers import published_survey
from govcx.surveys.lifecycle import survey_transition
from govcx.surveys.models import Survey
from govcx.testing.factories import World, signed_in


@dataclass
class Page:
    client: Client
    path: str
    status: int
    html: bool


def pages(world: World, survey: Survey) -> dict[str, Page]:
    anonymous = Client()
    owner = signed_in(world.owner)
    member = signed_in(world.member)
    dashboard = reverse("analytics:organization", kwargs={"slug": "fema"})
    public = f"/s/{survey.public_id}/"
    return {
        "public home": Page(anonymous, "/", 200, True),
        "hosted survey page": Page(anonymous, public, 200, True),
        "thank-you page": Page(anonymous, f"{public}thanks/", 200, True),
        "sign-in": Page(anonymous, reverse("accounts:sign-in"), 200, True),
        "staff screen": Page(owner, reverse("catalog:organizations"), 200, True),
        "dashboard": Page(owner, dashboard, 200, True),
        "CSV download": Page(owner, f"{dashboard}?csv=measures", 200, False),
        "API (JSON)": Page(anonymous, f"/api/v1/surveys/{survey.public_id}/definition", 200, False),
        "OpenAPI docs": Page(anonymous, "/api/v1/docs", 200, True),
        "OpenAPI document": Page(anonymous, "/api/v1/openapi.json", 200, False),
        "health check": Page(anonymous, reverse("healthz"), 200, False),
        "public trust page": Page(anonymous, reverse("trust:index"), 200, True),
        "methodology page": Page(anonymous, reverse("trust:methodology"), 200, True),
        "quarterly reports": Page(owner, reverse("reporting:list"), 200, True),
        "404 page": Page(owner, "/no-such-page/", 404, True),
        "403 page": Page(member, reverse("catalog:organization-create"), 403, True),
    }


def directives(policy: str) -> dict[str, list[str]]:
    parsed: dict[str, list[str]] = {}
    for part in policy.split(";"):
        name, *values = part.split()
        parsed[name] = values
    return parsed


@pytest.fixture
def every_page(world: World) -> Callable[[], dict[str, Page]]:
    survey = published_survey(world)
    # A touchpoint with no websites: its hosted pages refuse framing like every other page.
    world.touchpoint.allowed_origins = []
    world.touchpoint.save()
    return lambda: pages(world, survey)


def test_every_kind_of_page_gets_the_security_headers(
    every_page: Callable[[], dict[str, Page]],
) -> None:
    for name, page in every_page().items():
        response = page.client.get(page.path)
        assert response.status_code == page.status, name
        policy = directives(response["Content-Security-Policy"])
        assert policy["default-src"] == ["'none'"], name
        assert policy["style-src"] == ["'self'"], name
        assert policy["frame-ancestors"] == ["'none'"], name
        assert policy["base-uri"] == ["'none'"], name
        assert policy["object-src"] == ["'none'"], name
        assert policy["form-action"] == ["'self'"], name
        assert "'unsafe-inline'" not in response["Content-Security-Policy"], name
        assert "'unsafe-eval'" not in response["Content-Security-Policy"], name
        assert response["X-Content-Type-Options"] == "nosniff", name
        assert response["Referrer-Policy"] == "same-origin", name
        assert response["X-Frame-Options"] == "DENY", name
        assert response["Cross-Origin-Opener-Policy"] == "same-origin", name
        permissions = response["Permissions-Policy"]
        for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
            assert f"{feature}=()" in permissions, name
        if page.html:
            nonces = policy["script-src"]
            assert len(nonces) == 1, name
            assert nonces[0].startswith("'nonce-"), name
            nonce = nonces[0][len("'nonce-") : -1]
            html = response.content.decode()
            scripts = re.findall(r"<script\b[^>]*>", html)
            executable = [s for s in scripts if 'type="application/json"' not in s]
            assert executable, name
            for tag in executable:
                assert f'nonce="{nonce}"' in tag, (name, tag)
            assert " style=" not in html, name
            assert "<style" not in html, name
        else:
            # No page, no script: nothing may run if a browser renders the body anyway.
            assert policy["script-src"] == [], name


def test_the_nonce_is_new_on_every_response(world: World) -> None:
    client = signed_in(world.owner)
    seen = {
        directives(client.get("/")["Content-Security-Policy"])["script-src"][0] for _ in range(3)
    }
    assert len(seen) == 3


@override_settings(
    SECURE_HSTS_SECONDS=31_536_000, SECURE_HSTS_INCLUDE_SUBDOMAINS=True, SECURE_HSTS_PRELOAD=True
)
def test_hsts_over_https_when_configured_as_in_production(world: World) -> None:
    response = Client().get("/", secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    # Never over plain HTTP, where an attacker could strip or forge it.
    assert "Strict-Transport-Security" not in Client().get("/")


def frame_ancestors(response: Any) -> list[str]:
    return directives(response["Content-Security-Policy"])["frame-ancestors"]


def test_a_touchpoints_websites_may_frame_its_hosted_survey_pages_and_no_others(
    world: World,
) -> None:
    survey = published_survey(world)
    world.touchpoint.allowed_origins = ["https://www.fema.gov", "https://disasters.fema.gov"]
    world.touchpoint.save()
    kiosk = Touchpoint.objects.create(
        service=world.service,
        name="Kiosk",
        channel="in_person",
        stage="start",
        allowed_origins=["https://kiosk.fema.gov"],
    )
    survey.touchpoints.add(kiosk)
    page = Client().get(f"/s/{survey.public_id}/")
    assert frame_ancestors(page) == ["https://www.fema.gov", "https://disasters.fema.gov"]
    assert "X-Frame-Options" not in page
    # Named by ?tp=, another touchpoint's websites, through to the thank-you page.
    first = Client().get(f"/s/{survey.public_id}/?tp={kiosk.pk}")
    assert frame_ancestors(first) == ["https://kiosk.fema.gov"]
    done = Client().post(
        f"/s/{survey.public_id}/?tp={kiosk.pk}",
        {"step": "1", "tp": kiosk.pk, "lang": "en", "trust": "1", "action": "next"},
        follow=True,
    )
    assert done.redirect_chain[-1][0].endswith(f"&tp={kiosk.pk}")
    assert frame_ancestors(done) == ["https://kiosk.fema.gov"]
    # A closed survey's notice is framed like the page it replaces.
    survey_transition(survey=survey, name="close", by=world.owner)
    closed = Client().get(f"/s/{survey.public_id}/?tp={kiosk.pk}")
    assert frame_ancestors(closed) == ["https://kiosk.fema.gov"]
    # Staff screens never.
    staff = signed_in(world.owner).get(reverse("catalog:organizations"))
    assert frame_ancestors(staff) == ["'none'"]
    assert staff["X-Frame-Options"] == "DENY"


def test_public_pages_and_the_api_never_read_the_sign_in_session(world: World) -> None:
    """Shared caches may keep them: they do not vary by cookie, even for a signed-in staff user."""
    survey = published_survey(world)
    client = signed_in(world.owner)
    for path in (
        f"/s/{survey.public_id}/",
        f"/s/{survey.public_id}/thanks/",
        f"/api/v1/surveys/{survey.public_id}/definition",
    ):
        response = client.get(path)
        assert response.status_code == 200
        assert "Cookie" not in response.get("Vary", ""), path


def test_the_django_admin_allows_only_its_own_script_files(world: World) -> None:
    response = signed_in(world.platform).get("/django-admin/")
    assert response.status_code == 200
    policy = directives(response["Content-Security-Policy"])
    assert policy["script-src"] == ["'self'"]
    assert policy["default-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]


def test_a_changed_policy_reaches_responses_built_from_the_shared_header(db: None) -> None:
    before = Client().get(reverse("healthz"))["Content-Security-Policy"]
    with override_settings(CONTENT_SECURITY_POLICY={"DIRECTIVES": {"default-src": ["'self'"]}}):
        assert Client().get(reverse("healthz"))["Content-Security-Policy"] == "default-src 'self'"
    assert Client().get(reverse("healthz"))["Content-Security-Policy"] == before
