"""Agencies may show the hosted survey page inside their own site (an iframe). Only the origins
in GOVCX_SURVEY_FRAME_ANCESTORS may; every other page, and these without the setting, refuse to
be framed (Content-Security-Policy frame-ancestors 'none' and X-Frame-Options DENY)."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from csp.decorators import csp_replace
from django.conf import settings
from django.http import HttpRequest
from django.http.response import HttpResponseBase
from django.views.decorators.clickjacking import xframe_options_exempt

View = Callable[..., HttpResponseBase]


def framable_by_agencies(view: View) -> View:
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        origins = list(settings.GOVCX_SURVEY_FRAME_ANCESTORS)
        if not origins:
            return view(request, *args, **kwargs)
        # frame-ancestors names the allowed origins; X-Frame-Options cannot, so it is dropped
        # (browsers that know frame-ancestors ignore it anyway).
        framed = xframe_options_exempt(csp_replace({"frame-ancestors": origins})(view))
        return framed(request, *args, **kwargs)

    return wrapped
