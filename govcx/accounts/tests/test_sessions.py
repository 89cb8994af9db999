"""Sign-in sessions: a new key at sign-in, an idle timeout and an absolute timeout enforced on the
server with the reason shown on the sign-in page and audited, sign-out that kills the session on
the server, and public pages that leave the session alone.

Time passing is simulated by moving the session's stored clocks back, as the server keeps them."""

import json
import os
import subprocess
import sys
import time

from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.test import Client
from django.urls import reverse

from govcx.accounts.sessions import ACTIVE_AT, SIGNED_IN_AT
from govcx.audit.models import Action, AuditEntry
from govcx.collection.tests.helpers import published_survey
from govcx.core.tests.test_configuration import GOOD_PRODUCTION
from govcx.testing.factories import PASSWORD, World, signed_in

STAFF_PAGE = "/organizations/"


def session_key(client: Client) -> str:
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def rewind(client: Client, field: str, seconds: float) -> None:
    store = SessionStore(session_key=session_key(client))
    store[field] = float(store[field]) - seconds
    store.save()


def stored(client: Client, field: str) -> float:
    return float(SessionStore(session_key=session_key(client))[field])


def test_sign_in_gives_a_new_session_key_and_the_old_one_is_gone(world: World) -> None:
    client = Client()
    before = client.session
    before["visited"] = True
    before.save()
    old_key = str(before.session_key)
    client.cookies[settings.SESSION_COOKIE_NAME] = old_key
    response = client.post(
        reverse("accounts:sign-in"), {"username": world.owner.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie.value != old_key
    assert not SessionStore().exists(old_key)
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"
    # The store and the browser forget the session soon after the absolute limit.
    limit = settings.SESSION_COOKIE_AGE + settings.GOVCX_SESSION_IDLE_SECONDS
    assert limit - 5 <= int(cookie["max-age"]) <= limit


def test_sign_out_is_post_only_and_the_old_cookie_stops_working(world: World) -> None:
    client = signed_in(world.owner)
    old_key = session_key(client)
    assert client.get(reverse("accounts:sign-out")).status_code == 405
    assert client.get(STAFF_PAGE).status_code == 200
    assert client.post(reverse("accounts:sign-out")).status_code == 302
    assert not SessionStore().exists(old_key)
    replay = Client()
    replay.cookies[settings.SESSION_COOKIE_NAME] = old_key
    response = replay.get(STAFF_PAGE)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:sign-in"))
    entry = AuditEntry.objects.filter(action=Action.SIGN_OUT).get()
    assert entry.details == {"reason": "sign_out"}


def test_activity_restarts_the_idle_timer(world: World) -> None:
    client = signed_in(world.owner)
    rewind(client, ACTIVE_AT, settings.GOVCX_SESSION_IDLE_SECONDS - 60)
    assert client.get(STAFF_PAGE).status_code == 200
    assert time.time() - stored(client, ACTIVE_AT) < 5


def test_an_idle_session_ends_on_the_server_and_the_sign_in_page_says_why(world: World) -> None:
    client = signed_in(world.owner)
    key = session_key(client)
    rewind(client, ACTIVE_AT, settings.GOVCX_SESSION_IDLE_SECONDS + 1)
    response = client.get(STAFF_PAGE)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('accounts:sign-in')}?next={STAFF_PAGE}"
    assert not SessionStore().exists(key)
    page = client.get(response["Location"]).content.decode()
    minutes = settings.GOVCX_SESSION_IDLE_SECONDS // 60
    assert f"no activity for {minutes} minutes" in page
    entry = AuditEntry.objects.filter(action=Action.SIGN_OUT).get()
    assert entry.actor == world.owner
    assert entry.details == {"reason": "idle_timeout"}


def test_a_session_ends_at_the_absolute_limit_even_when_active(world: World) -> None:
    client = signed_in(world.owner)
    rewind(client, SIGNED_IN_AT, settings.SESSION_COOKIE_AGE + 1)
    response = client.get(STAFF_PAGE, follow=True)
    assert response.context["user"].is_anonymous
    hours = f"{settings.SESSION_COOKIE_AGE / 3600:g}"
    assert f"signed in more than {hours} hours ago" in response.content.decode()
    entry = AuditEntry.objects.filter(action=Action.SIGN_OUT).get()
    assert entry.details == {"reason": "absolute_timeout"}


def test_an_expired_session_shows_no_data_on_the_public_home_page(world: World) -> None:
    client = signed_in(world.owner)
    rewind(client, ACTIVE_AT, settings.GOVCX_SESSION_IDLE_SECONDS + 1)
    response = client.get("/")
    assert response.status_code == 200
    assert response.context["user"].is_anonymous


def test_the_warning_asks_without_counting_as_activity_and_stay_signed_in_restarts_it(
    world: World,
) -> None:
    client = signed_in(world.owner)
    idle = settings.GOVCX_SESSION_IDLE_SECONDS
    rewind(client, ACTIVE_AT, idle - 100)
    status = client.get(reverse("accounts:session-status"))
    assert status["Cache-Control"].startswith("max-age=0")
    assert 95 <= json.loads(status.content)["seconds_left"] <= 100
    assert (
        95
        <= json.loads(client.get(reverse("accounts:session-status")).content)["seconds_left"]
        <= 100
    )
    assert client.get(reverse("accounts:session-extend")).status_code == 405
    extended = client.post(reverse("accounts:session-extend"))
    assert idle - 5 <= json.loads(extended.content)["seconds_left"] <= idle
    signed_out = Client().get(reverse("accounts:session-status"))
    assert json.loads(signed_out.content) == {"seconds_left": 0}


def test_stay_signed_in_after_the_timeout_is_refused(world: World) -> None:
    client = signed_in(world.owner)
    rewind(client, ACTIVE_AT, settings.GOVCX_SESSION_IDLE_SECONDS + 1)
    response = client.post(reverse("accounts:session-extend"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:sign-in"))


def test_public_survey_pages_and_the_api_are_not_activity(world: World) -> None:
    survey = published_survey(world)
    client = signed_in(world.owner)
    rewind(client, ACTIVE_AT, 600)
    before = stored(client, ACTIVE_AT)
    for path in (
        f"/s/{survey.public_id}/",
        f"/s/{survey.public_id}/thanks/",
        f"/api/v1/surveys/{survey.public_id}/definition",
        reverse("healthz"),
    ):
        assert client.get(path).status_code == 200, path
    assert stored(client, ACTIVE_AT) == before


def test_the_warning_is_only_on_signed_in_pages(world: World) -> None:
    assert 'id="session-warning"' in signed_in(world.owner).get(STAFF_PAGE).content.decode()
    assert 'id="session-warning"' not in Client().get("/").content.decode()
    survey = published_survey(world)
    public = signed_in(world.owner).get(f"/s/{survey.public_id}/").content.decode()
    assert 'id="session-warning"' not in public


def test_production_cookies_are_secure_host_only_and_http_only() -> None:
    code = (
        "import json, govcx.settings as s; print(json.dumps([s.SESSION_COOKIE_SECURE,"
        " s.SESSION_COOKIE_HTTPONLY, s.SESSION_COOKIE_SAMESITE, s.SESSION_COOKIE_NAME,"
        " s.CSRF_COOKIE_SECURE, s.CSRF_COOKIE_NAME]))"
    )
    clean = {k: v for k, v in os.environ.items() if k not in {*GOOD_PRODUCTION, "DEBUG"}}
    result = subprocess.run(  # noqa: S603 - a fixed command
        [sys.executable, "-c", code],
        env={**clean, **GOOD_PRODUCTION},
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(result.stdout) == [
        True,
        True,
        "Lax",
        "__Host-govcx_session",
        True,
        "__Host-govcx_csrf",
    ]
