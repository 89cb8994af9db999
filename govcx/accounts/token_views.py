"""The screen where people create, list and revoke their personal API tokens."""

from datetime import datetime, time, timedelta

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from govcx.accounts.forms import ApiTokenForm
from govcx.accounts.models import ApiToken
from govcx.accounts.requests import request_user
from govcx.accounts.rules import SIGNED_IN, access
from govcx.accounts.tokens import api_token_create, api_token_revoke, scopes_for

DEFAULT_DAYS = 90


@access(SIGNED_IN)
def api_tokens(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    today = timezone.localdate()
    initial = {
        "expires_on": today + timedelta(days=min(DEFAULT_DAYS, settings.GOVCX_API_TOKEN_MAX_DAYS))
    }
    allowed = scopes_for(user)
    form = ApiTokenForm(request.POST or None, initial=initial, allowed=allowed)
    secret = None
    if request.method == "POST" and form.is_valid():
        expires_at = timezone.make_aware(datetime.combine(form.cleaned_data["expires_on"], time()))
        try:
            _token, secret = api_token_create(
                user=user,
                name=form.cleaned_data["name"],
                scopes=form.cleaned_data["scopes"],
                expires_at=expires_at,
                request=request,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            form = ApiTokenForm(initial=initial, allowed=allowed)
    return render(
        request,
        "accounts/api_tokens.html",
        {
            "tokens": ApiToken.objects.filter(user=user),
            "form": form,
            "secret": secret,
            "now": timezone.now(),
            "max_days": settings.GOVCX_API_TOKEN_MAX_DAYS,
            "rate": settings.GOVCX_API_RATE_PER_TOKEN,
        },
    )


@access(SIGNED_IN)
@require_POST
def api_token_revoke_view(request: HttpRequest, pk: int) -> HttpResponse:
    """People revoke their own tokens; another person's token answers 404."""
    user = request_user(request)
    token = get_object_or_404(ApiToken, pk=pk, user=user)
    api_token_revoke(token=token, by=user, request=request)
    messages.success(request, _("Token revoked: it no longer works."))
    return redirect("accounts:api-tokens")
