"""Who may call a view: every view declares one rule with ``@access(...)``.

The rule is the coarse gate (signed in? holds this permission somewhere?). The fine gate, which
organization's object, is ``govcx.accounts.access``. AccessRuleMiddleware refuses any view that
declares no rule, so a forgotten declaration fails closed.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from govcx.accounts.access import has_perm_anywhere, is_platform_admin
from govcx.accounts.roles import Perm

RULE_ATTR = "govcx_access_rule"
V = TypeVar("V", bound=Callable[..., Any])


class Rule(Protocol):
    def check(self, request: HttpRequest) -> HttpResponse | None:
        """None lets the request through; a response (or an exception) stops it."""

    def describe(self) -> str: ...


@dataclass(frozen=True)
class Public:
    """Anyone, signed in or not (public pages, health checks, sign-in)."""

    def check(self, request: HttpRequest) -> HttpResponse | None:
        return None

    def describe(self) -> str:
        return "public"


@dataclass(frozen=True)
class SignedIn:
    """Any active, signed-in user; data is still narrowed by ``access``."""

    def check(self, request: HttpRequest) -> HttpResponse | None:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return None

    def describe(self) -> str:
        return "signed in"


@dataclass(frozen=True)
class HasPerm:
    """A signed-in user who holds ``perm`` in at least one organization (or a platform admin)."""

    perm: Perm

    def check(self, request: HttpRequest) -> HttpResponse | None:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not has_perm_anywhere(request.user, self.perm):
            raise PermissionDenied
        return None

    def describe(self) -> str:
        return f"permission {self.perm.value}"


@dataclass(frozen=True)
class PlatformAdmin:
    def check(self, request: HttpRequest) -> HttpResponse | None:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not is_platform_admin(request.user):
            raise PermissionDenied
        return None

    def describe(self) -> str:
        return "platform admin"


PUBLIC = Public()
SIGNED_IN = SignedIn()
PLATFORM_ADMIN = PlatformAdmin()


def access(rule: Rule) -> Callable[[V], V]:
    """Declare who may call a view (function, or class: put it on the class)."""

    def mark(view: V) -> V:
        setattr(view, RULE_ATTR, rule)
        return view

    return mark


def rule_of(view: Callable[..., Any]) -> Rule | None:
    """The rule a resolved view declared, looking through ``as_view()`` to its class."""
    rule: Rule | None = getattr(view, RULE_ATTR, None)
    if rule is None:
        rule = getattr(getattr(view, "view_class", None), RULE_ATTR, None)
    return rule
