"""Every way of signing in (password, a sign-in provider, tests' force_login) goes through
django.contrib.auth.login, which sends user_logged_in after rotating the session key."""

from typing import Any

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpRequest

from govcx.accounts.sessions import session_begin


@receiver(user_logged_in)
def start_session_clocks(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    session_begin(request)
