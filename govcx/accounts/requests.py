"""The signed-in person of a request, typed, for the views behind a rule that requires one."""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from govcx.accounts.models import User


def request_user(request: HttpRequest) -> User:
    """The person signed in. Every view that calls this is behind an access rule that refuses
    anonymous requests first (accounts.rules), so the refusal below is never reached; it keeps
    the type honest without an assert."""
    user = request.user
    if not isinstance(user, User):
        raise PermissionDenied
    return user
