"""The Content-Security-Policy middleware: django-csp's, plus two exceptions made here.

Every page refuses to be framed (``frame-ancestors 'none'``, X-Frame-Options DENY) except a
hosted survey page, which its touchpoint's websites may frame (``allow_framing_by``).

Django 5.2's admin templates put no nonce on their script tags; every one of them is a file
from our own origin, so the admin's pages allow scripts from 'self' instead (inline scripts
stay blocked). The admin serves platform admins only.
"""

from collections.abc import Sequence
from typing import TypeVar

from csp.constants import SELF
from csp.middleware import CSPMiddleware, PolicyParts
from django.http import HttpRequest
from django.http.response import HttpResponseBase

FRAME_ANCESTORS_ATTR = "govcx_frame_ancestors"
R = TypeVar("R", bound=HttpResponseBase)


def allow_framing_by(response: R, origins: Sequence[str]) -> R:
    """Let these origins (and only these) show the response in a frame; none: no framing."""
    if origins:
        setattr(response, FRAME_ANCESTORS_ATTR, list(origins))
        # X-Frame-Options cannot name origins; browsers that know frame-ancestors ignore it.
        response.xframe_options_exempt = True  # type: ignore[attr-defined]
    return response


class PolicyMiddleware(CSPMiddleware):
    def get_policy_parts(
        self, request: HttpRequest, response: HttpResponseBase, report_only: bool = False
    ) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        replace = dict(parts.replace or {})
        origins = getattr(response, FRAME_ANCESTORS_ATTR, None)
        if origins:
            replace["frame-ancestors"] = origins
        match = request.resolver_match
        if match is not None and "admin" in match.namespaces:
            replace["script-src"] = [SELF]
        parts.replace = replace or None
        return parts
