"""Per-touchpoint API keys: issued once, stored as digests, revocable, audited."""

from django.http import HttpRequest
from django.utils import timezone

from govcx.accounts.credentials import secret_matches, secret_new, secret_parse
from govcx.accounts.models import User
from govcx.audit.models import Action
from govcx.audit.services import audit_record
from govcx.catalog.models import Touchpoint
from govcx.collection.models import TouchpointKey

KEY_PREFIX = "gcx"


def touchpoint_key_issue(
    *, touchpoint: Touchpoint, name: str, by: User, request: HttpRequest | None = None
) -> tuple[TouchpointKey, str]:
    """Create a key; return it and the full secret, which is never shown again."""
    new = secret_new(KEY_PREFIX)
    key = TouchpointKey.objects.create(
        touchpoint=touchpoint, name=name, prefix=new.prefix, digest=new.digest, created_by=by
    )
    audit_record(
        action=Action.KEY_ISSUED,
        actor=by,
        request=request,
        organization=touchpoint.service.organization,
        obj=key,
        details={"touchpoint": touchpoint.pk, "prefix": new.prefix},
    )
    return key, new.presented


def touchpoint_key_revoke(*, key: TouchpointKey, by: User, request: HttpRequest | None) -> None:
    if key.revoked_at is not None:
        return
    key.revoked_at = timezone.now()
    key.save(update_fields=["revoked_at"])
    audit_record(
        action=Action.KEY_REVOKED,
        actor=by,
        request=request,
        organization=key.touchpoint.service.organization,
        obj=key,
        details={"touchpoint": key.touchpoint_id, "prefix": key.prefix},
    )


def touchpoint_key_check(presented: str) -> TouchpointKey | None:
    """The active key matching a presented secret, or None (compared in constant time)."""
    parsed = secret_parse(KEY_PREFIX, presented)
    if parsed is None:
        return None
    key = (
        TouchpointKey.objects.select_related("touchpoint")
        .filter(prefix=parsed.prefix, revoked_at__isnull=True)
        .first()
    )
    if key is None or not secret_matches(key.digest, parsed):
        return None
    return key
