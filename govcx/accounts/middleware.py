import logging
import time
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseForbidden

from govcx.accounts.rules import rule_of
from govcx.accounts.sessions import is_session_neutral, session_end, session_ending, session_touch

logger = logging.getLogger(__name__)

# The Django admin guards itself (AdminSite.has_permission, limited to platform admins in
# govcx.accounts.admin); everything else must declare a rule.
SELF_GUARDED_NAMESPACES = frozenset({"admin"})


class AccessRuleMiddleware:
    """Deny by default: a view without an ``@access`` rule is refused with 403."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self,
        request: HttpRequest,
        view_func: Callable[..., Any],
        view_args: tuple[Any, ...],
        view_kwargs: dict[str, Any],
    ) -> HttpResponse | None:
        match = request.resolver_match
        if match is not None and SELF_GUARDED_NAMESPACES.intersection(match.namespaces):
            return None
        rule = rule_of(view_func)
        if rule is None:
            logger.error("View %s declares no access rule; refused.", match and match.view_name)
            return HttpResponseForbidden("This page declares no access rule.")
        return rule.check(request)


class SessionTimeoutMiddleware:
    """End a signed-in session that has been idle or open too long; otherwise count the request
    as activity. Views marked ``@session_neutral`` are left alone (they never read the session)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self,
        request: HttpRequest,
        view_func: Callable[..., Any],
        view_args: tuple[Any, ...],
        view_kwargs: dict[str, Any],
    ) -> HttpResponse | None:
        if is_session_neutral(view_func) or not request.user.is_authenticated:
            return None
        ending = session_ending(request.session, time.time())
        if ending is None:
            session_touch(request)
        else:
            session_end(request, ending)  # the view's access rule now sees an anonymous user
        return None
