"""The API's gate for personal tokens: which token, which scope, how often, which user.

An operation declares ``auth=TokenAuth(Scope.X)``; the handler then reads the data it returns
through ``token_scope`` / ``token_object``, the same access helpers the screens use, with the
token's user. So adding a read endpoint is: declare the scope, narrow the queryset, return it.
"""

import logging
import time
from typing import Any, TypeVar

from django.conf import settings
from django.db.models import Model, QuerySet
from django.http import HttpRequest
from ninja.security import HttpBearer

from govcx.accounts.access import access_object, access_organization, scope
from govcx.accounts.models import ApiToken, Scope, User
from govcx.accounts.roles import Perm
from govcx.accounts.tokens import TOKEN_KIND, TokenRefused, api_token_use
from govcx.catalog.models import Organization
from govcx.core.api_schemas import ApiProblem
from govcx.core.ratelimit import over_limits, parse_rate

logger = logging.getLogger(__name__)
M = TypeVar("M", bound=Model)

# What a refused token hears: enough for its owner to act on, nothing for a guesser (a value
# that matches no token always hears "unauthorized").
REFUSALS = {
    "unknown": "Send a valid key or token: Authorization: Bearer <value>.",
    "expired": "This token has expired; create a new one.",
    "revoked": "This token has been revoked.",
    "inactive_user": "This token's user is deactivated.",
}


class TokenAuth(HttpBearer):
    """``Authorization: Bearer gcxu_...``: a personal token holding one of ``scopes``."""

    def __init__(self, *scopes: Scope) -> None:
        super().__init__()
        self.scopes = scopes

    def authenticate(self, request: HttpRequest, token: str) -> ApiToken | None:
        if not token.startswith(f"{TOKEN_KIND}_"):
            return None  # another kind of credential (a touchpoint key): not ours to judge
        try:
            api_token = api_token_use(token, scopes=self.scopes, request=request)
        except TokenRefused as refused:
            if refused.reason == "scope":
                needs = " or ".join(scope.value for scope in self.scopes)
                raise ApiProblem(403, "forbidden", f"This token lacks the {needs} scope.") from None
            raise ApiProblem(401, "unauthorized", REFUSALS[refused.reason]) from None
        _count_call(api_token)
        return api_token


def _count_call(token: ApiToken) -> None:
    """Rate limit per token, in the shared store; fails open like the submission limits."""
    limit, period = parse_rate(settings.GOVCX_API_RATE_PER_TOKEN)
    try:
        limited = over_limits([(f"token:{token.prefix}", settings.GOVCX_API_RATE_PER_TOKEN)])
    except Exception:
        logger.warning("Rate-limit store unreachable; API call allowed", exc_info=True)
        return
    if limited:
        retry_after = period - int(time.time()) % period
        raise ApiProblem(
            429,
            "rate_limited",
            f"More than {limit} calls in {period} seconds with this token; retry later.",
            {"Retry-After": str(retry_after)},
        )


# Reading the catalog and survey definitions comes with either read scope; a token that may
# only submit cannot browse.
READ = (Scope.READ_METRICS, Scope.READ_RESPONSES)


def token_user(request: HttpRequest) -> User:
    auth: Any = getattr(request, "auth", None)
    if not isinstance(auth, ApiToken):
        raise TypeError("The operation must declare auth=TokenAuth(...)")
    return auth.user


def token_scope(request: HttpRequest, queryset: QuerySet[M], perm: Perm) -> QuerySet[M]:
    """The queryset narrowed to the organizations where the token's user holds ``perm``."""
    return scope(queryset, token_user(request), perm)


def token_object(request: HttpRequest, perm: Perm, queryset: QuerySet[M], **lookup: Any) -> M:
    """One object the token's user may see with ``perm``, or 404 (or 403 for a weaker role)."""
    return access_object(token_user(request), perm, queryset, **lookup)


def token_organization(request: HttpRequest, perm: Perm, slug: str) -> Organization:
    """An organization by slug the token's user may see with ``perm``, or 404 (or 403)."""
    return access_organization(token_user(request), perm, slug=slug)
