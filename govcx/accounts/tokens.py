"""Personal API tokens: created by their user (shown once), expiring, revocable, audited.

A token acts as its user: the user's roles decide which organizations' data it reaches, and the
token's scopes decide which operations it may call. Refusals of a token that names a real row
(wrong secret, expired, revoked, scope missing, user deactivated) are audited against its user;
a value that names no token is not, since nothing can be attributed and a flood of junk must not
fill the audit log.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from govcx.accounts.access import has_perm_anywhere
from govcx.accounts.credentials import secret_matches, secret_new, secret_parse
from govcx.accounts.models import ApiToken, Scope, User
from govcx.accounts.roles import Perm
from govcx.audit.models import Action
from govcx.audit.services import audit_record

TOKEN_KIND = "gcxu"  # noqa: S105  # nosec B105 - the label before a token, not a secret
# Writing last_used_at on every call would turn each read into a write; a minute is precise
# enough for "when was this token last used".
LAST_USE_PRECISION = timedelta(minutes=1)


class TokenRefused(Exception):
    """A presented token that may not be used; ``reason`` is one of the REASONS keys."""

    REASONS = ("unknown", "expired", "revoked", "inactive_user", "scope")

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


# The permission a scope's operations need on the data: a scope no role of the user carries could
# only ever be refused, so it is neither offered nor accepted.
SCOPE_PERMS: dict[Scope, Perm] = {
    Scope.READ_METRICS: Perm.VIEW_METRICS,
    Scope.READ_RESPONSES: Perm.VIEW_RESPONSES,
    Scope.WRITE_SUBMISSIONS: Perm.MANAGE_TOUCHPOINTS,
}


def scopes_for(user: User) -> list[Scope]:
    """The scopes the user's roles (in any organization) can use."""
    return [scope for scope, perm in SCOPE_PERMS.items() if has_perm_anywhere(user, perm)]


def scope_refusal(value: str) -> str:
    return _("Your roles do not allow the %(scope)s scope.") % {"scope": value}


NO_SCOPES = gettext_lazy(
    "Your roles allow no API scope yet. An organization admin gives roles on the People screen."
)


def max_expiry(now: datetime) -> datetime:
    return now + timedelta(days=settings.GOVCX_API_TOKEN_MAX_DAYS)


def check_token_request(
    *, user: User, scopes: list[str], expires_at: datetime, now: datetime
) -> None:
    """Raise ValidationError naming each field that is wrong."""
    errors: dict[str, str] = {}
    unknown = sorted(set(scopes) - set(Scope.values))
    allowed = {scope.value for scope in scopes_for(user)}
    not_allowed = sorted(set(scopes) - allowed - set(unknown))
    if not allowed:
        errors["scopes"] = str(NO_SCOPES)
    elif not scopes or unknown:
        errors["scopes"] = _("Choose at least one of the listed scopes.")
    elif not_allowed:
        errors["scopes"] = scope_refusal(not_allowed[0])
    if expires_at <= now:
        errors["expires_on"] = _("Choose an expiry date in the future.")
    elif expires_at > max_expiry(now):
        errors["expires_on"] = _("A token may last at most %(days)d days.") % {
            "days": settings.GOVCX_API_TOKEN_MAX_DAYS
        }
    if errors:
        raise ValidationError(errors)


def api_token_create(
    *,
    user: User,
    name: str,
    scopes: list[str],
    expires_at: datetime,
    request: HttpRequest | None = None,
) -> tuple[ApiToken, str]:
    """Create a token; return it and the full secret, which is never shown again."""
    check_token_request(user=user, scopes=scopes, expires_at=expires_at, now=timezone.now())
    new = secret_new(TOKEN_KIND)
    with transaction.atomic():
        token = ApiToken.objects.create(
            user=user,
            name=name,
            prefix=new.prefix,
            digest=new.digest,
            scopes=sorted(set(scopes)),
            expires_at=expires_at,
        )
        audit_record(
            action=Action.TOKEN_CREATED,
            actor=user,
            request=request,
            obj=token,
            details={
                "prefix": new.prefix,
                "scopes": token.scopes,
                "expires": expires_at.isoformat(),
            },
        )
    return token, new.presented


def api_token_revoke(*, token: ApiToken, by: User, request: HttpRequest | None = None) -> None:
    if token.revoked_at is not None:
        return
    with transaction.atomic():
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit_record(
            action=Action.TOKEN_REVOKED,
            actor=by,
            request=request,
            obj=token,
            details={"prefix": token.prefix, "user": token.user.email},
        )


def api_token_use(
    presented: str, *, scopes: tuple[Scope, ...], request: HttpRequest | None
) -> ApiToken:
    """The token a caller presented, if it holds one of ``scopes``; raise TokenRefused
    otherwise. Records when it was last used."""
    parsed = secret_parse(TOKEN_KIND, presented)
    if parsed is None:
        raise TokenRefused("unknown")
    token = ApiToken.objects.select_related("user").filter(prefix=parsed.prefix).first()
    if token is None:
        raise TokenRefused("unknown")
    now = timezone.now()
    if not secret_matches(token.digest, parsed):
        reason = "unknown"
    elif token.revoked_at is not None:
        reason = "revoked"
    elif now >= token.expires_at:
        reason = "expired"
    elif not token.user.is_active:
        reason = "inactive_user"
    elif not any(token.allows(scope) for scope in scopes):
        reason = "scope"
    else:
        if token.last_used_at is None or now - token.last_used_at >= LAST_USE_PRECISION:
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
            token.last_used_at = now
        return token
    audit_record(
        action=Action.TOKEN_REFUSED,
        actor=token.user,
        request=request,
        obj=token,
        details={
            "prefix": token.prefix,
            "reason": reason,
            "needs": [scope.value for scope in scopes],
            "path": request.path if request else "",
        },
    )
    raise TokenRefused(reason)
