"""Sign-in sessions end after a spell without activity (NIST AC-11) and a fixed time after
sign-in (AC-12), checked on the server at every request that is user activity (ADR 11).

The session keeps two timestamps: when the user signed in and when they were last active. The
session store's own expiry is the absolute limit (plus one idle period, so a user who comes back
just after it still reaches the server and is told why they must sign in again).
"""

import math
import time
from collections.abc import Callable
from datetime import timedelta
from enum import StrEnum
from typing import Any, TypeVar

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.sessions.backends.base import SessionBase
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

SIGNED_IN_AT = "govcx_signed_in_at"
ACTIVE_AT = "govcx_active_at"
NEUTRAL_ATTR = "govcx_session_neutral"
V = TypeVar("V", bound=Callable[..., Any])


class Ending(StrEnum):
    IDLE = "idle_timeout"
    ABSOLUTE = "absolute_timeout"


def session_neutral(view: V) -> V:
    """Mark a view that is not user activity: its requests neither check nor restart the idle
    timer, and never read the session (public respondent pages, the API, health checks)."""
    setattr(view, NEUTRAL_ATTR, True)
    return view


def is_session_neutral(view: Callable[..., Any]) -> bool:
    return bool(
        getattr(view, NEUTRAL_ATTR, False)
        or getattr(getattr(view, "view_class", None), NEUTRAL_ATTR, False)
    )


def session_begin(request: HttpRequest) -> None:
    """Start both clocks at sign-in; the store forgets the session soon after the absolute limit."""
    now = time.time()
    request.session[SIGNED_IN_AT] = now
    request.session[ACTIVE_AT] = now
    request.session.set_expiry(
        timezone.now()
        + timedelta(seconds=settings.SESSION_COOKIE_AGE + settings.GOVCX_SESSION_IDLE_SECONDS)
    )


def session_ending(session: SessionBase, now: float) -> Ending | None:
    """Why the session must end now, or None while it is still good."""
    signed_in_at = float(session.get(SIGNED_IN_AT, now))
    active_at = float(session.get(ACTIVE_AT, now))
    if now - signed_in_at >= settings.SESSION_COOKIE_AGE:
        return Ending.ABSOLUTE
    if now - active_at >= settings.GOVCX_SESSION_IDLE_SECONDS:
        return Ending.IDLE
    return None


def session_seconds_left(session: SessionBase, now: float | None = None) -> int:
    """Seconds until the session ends if nothing happens, rounded up: 0 only once it has."""
    now = time.time() if now is None else now
    signed_in_at = float(session.get(SIGNED_IN_AT, now))
    active_at = float(session.get(ACTIVE_AT, now))
    left = min(
        signed_in_at + settings.SESSION_COOKIE_AGE - now,
        active_at + settings.GOVCX_SESSION_IDLE_SECONDS - now,
    )
    return max(0, math.ceil(left))


def session_touch(request: HttpRequest) -> None:
    """Restart the idle timer (the user did something)."""
    if SIGNED_IN_AT not in request.session:
        session_begin(request)  # a session from before these clocks existed
    else:
        request.session[ACTIVE_AT] = time.time()


def session_end(request: HttpRequest, ending: Ending) -> None:
    """Sign the user out on the server; the next page (the sign-in page) says why."""
    # The audit receiver of user_logged_out records the reason with the sign-out.
    request.govcx_sign_out_reason = ending.value  # type: ignore[attr-defined]
    logout(request)
    if ending is Ending.IDLE:
        text = _(
            "You were signed out because there was no activity for %(minutes)d minutes. "
            "Please sign in again."
        ) % {"minutes": settings.GOVCX_SESSION_IDLE_SECONDS // 60}
    else:
        text = _(
            "You were signed out because you signed in more than %(hours)s hours ago. "
            "Please sign in again."
        ) % {"hours": f"{settings.SESSION_COOKIE_AGE / 3600:g}"}
    messages.info(request, text)
