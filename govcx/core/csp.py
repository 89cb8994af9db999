"""The Content-Security-Policy middleware: django-csp's, plus two exceptions and a fast path.

Every page refuses to be framed (``frame-ancestors 'none'``, X-Frame-Options DENY) except a
hosted survey page, which its touchpoint's websites may frame (``allow_framing_by``).

Django 5.2's admin templates put no nonce on their script tags; every one of them is a file
from our own origin, so the admin's pages allow scripts from 'self' instead (inline scripts
stay blocked). The admin serves platform admins only.

Responses that used no nonce and have no policy of their own (the API, CSV, JSON: most of the
traffic, the submission path above all) all get the same header; it is built once instead of
on every response, which costs about 60 µs of CPU per response in django-csp.
"""

from collections.abc import Sequence
from functools import cache
from typing import Any, TypeVar

from csp.constants import HEADER, SELF
from csp.middleware import CheckableLazyObject, CSPMiddleware, PolicyParts
from csp.utils import build_policy
from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import HttpRequest
from django.http.response import HttpResponseBase

FRAME_ANCESTORS_ATTR = "govcx_frame_ancestors"
# Set on a response by django-csp's decorators or by allow_framing_by: a policy of its own.
OWN_POLICY_ATTRS = (
    "_csp_config",
    "_csp_update",
    "_csp_replace",
    "_csp_exempt",
    FRAME_ANCESTORS_ATTR,
)
R = TypeVar("R", bound=HttpResponseBase)


def allow_framing_by(response: R, origins: Sequence[str]) -> R:
    """Let these origins (and only these) show the response in a frame; none: no framing."""
    if origins:
        setattr(response, FRAME_ANCESTORS_ATTR, list(origins))
        # X-Frame-Options cannot name origins; browsers that know frame-ancestors ignore it.
        response.xframe_options_exempt = True  # type: ignore[attr-defined]
    return response


@cache
def policy_without_nonce() -> str:
    return build_policy()


@receiver(setting_changed)
def _forget_policy(*, setting: str, **kwargs: Any) -> None:
    if setting.startswith("CONTENT_SECURITY_POLICY"):
        policy_without_nonce.cache_clear()


def _is_admin(request: HttpRequest) -> bool:
    match = request.resolver_match
    return match is not None and "admin" in match.namespaces


class PolicyMiddleware(CSPMiddleware):
    def process_response(
        self, request: HttpRequest, response: HttpResponseBase
    ) -> HttpResponseBase:
        common = (
            getattr(request, "_csp_nonce", None) is None
            and not any(hasattr(response, attr) for attr in OWN_POLICY_ATTRS)
            and not _is_admin(request)
            and HEADER not in response
            and not settings.DEBUG
            and not getattr(settings, "CONTENT_SECURITY_POLICY_REPORT_ONLY", None)
            and not settings.CONTENT_SECURITY_POLICY.get("EXCLUDE_URL_PREFIXES")
        )
        if not common:
            return super().process_response(request, response)
        response[HEADER] = policy_without_nonce()
        # As django-csp does: a nonce asked for after the header is written is an error.
        request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)  # type: ignore[attr-defined]
        return response

    def get_policy_parts(
        self, request: HttpRequest, response: HttpResponseBase, report_only: bool = False
    ) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        replace = dict(parts.replace or {})
        origins = getattr(response, FRAME_ANCESTORS_ATTR, None)
        if origins:
            replace["frame-ancestors"] = origins
        if _is_admin(request):
            replace["script-src"] = [SELF]
        parts.replace = replace or None
        return parts
