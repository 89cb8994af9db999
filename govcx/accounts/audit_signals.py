"""Sign-in events reach the audit log through Django's authentication signals (accounts owns
the people; the audit app below it only stores entries)."""

from typing import Any

from axes.signals import user_locked_out  # type: ignore[import-untyped]
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver
from django.http import HttpRequest

from govcx.accounts.models import User, normalize_email
from govcx.audit.models import Action
from govcx.audit.services import audit_record
from govcx.catalog.domains import home_organization
from govcx.catalog.models import Organization


@receiver(user_logged_in)
def record_sign_in(sender: Any, request: HttpRequest, user: User, **kwargs: Any) -> None:
    """How the person signed in (set by the sign-in view: Login.gov with its acr and amr, or a
    password and authenticator code); a password alone otherwise."""
    how = getattr(request, "govcx_sign_in", None) or {"method": "password", "amr": ["pwd"]}
    audit_record(action=Action.SIGN_IN, actor=user, request=request, details=how)


@receiver(user_logged_out)
def record_sign_out(sender: Any, request: HttpRequest, user: User | None, **kwargs: Any) -> None:
    if user is not None:
        # Set when the session timed out (govcx.accounts.sessions.session_end).
        reason = getattr(request, "govcx_sign_out_reason", "sign_out")
        audit_record(
            action=Action.SIGN_OUT, actor=user, request=request, details={"reason": reason}
        )


@receiver(user_login_failed)
def record_failed_sign_in(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    email = normalize_email(str(credentials.get("email") or credentials.get("username") or ""))
    known = User.objects.filter(email=email).first()
    audit_record(
        action=Action.SIGN_IN_FAILED, actor=known, request=request, actor_email=email[:254]
    )


@receiver(user_locked_out)
def record_lockout(
    sender: Any, request: HttpRequest | None, username: str | None = None, **kwargs: Any
) -> None:
    email = normalize_email(username or "")
    audit_record(
        action=Action.LOCKED_OUT,
        actor=User.objects.filter(email=email).first(),
        request=request,
        actor_email=email[:254],
    )


def person_home(user: User | None, email: str) -> Organization | None:
    """The organization a person's own events are filed under: the one that owns their email
    domain (or the one their sign-in matched)."""
    return home_organization(email, matched=user.matched_organization if user else None)
