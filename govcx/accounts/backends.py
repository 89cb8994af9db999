"""Which credentials govcx accepts itself: passwords, only where local accounts are enabled."""

from typing import Any

from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.http import HttpRequest

from govcx.accounts.models import User, normalize_email


class AccountBackend(ModelBackend):
    """Loads the signed-in user on every request, however they signed in (Login.gov or a local
    password). Checks a password only when GOVCX_LOCAL_ACCOUNTS is on, so a disabled local sign-in
    stays disabled on every form that calls ``authenticate`` (the Django admin's included)."""

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> User | None:
        if not settings.GOVCX_LOCAL_ACCOUNTS:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def lockout_username(request: HttpRequest | None, credentials: dict[str, Any] | None) -> str:
    """django-axes counts failures per account: the email address as sign-in compares it."""
    raw = (credentials or {}).get("username")
    if raw is None and request is not None:
        raw = request.POST.get("username")
    return normalize_email(str(raw or ""))
