"""Per-touchpoint API keys: issued once, stored as digests, revocable, audited."""

import hashlib
import hmac
import secrets

from django.http import HttpRequest
from django.utils import timezone

from govcx.accounts.models import User
from govcx.audit.models import Action
from govcx.audit.services import audit_record
from govcx.catalog.models import Touchpoint
from govcx.collection.models import TouchpointKey

KEY_PREFIX = "gcx"


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def touchpoint_key_issue(
    *, touchpoint: Touchpoint, name: str, by: User, request: HttpRequest | None = None
) -> tuple[TouchpointKey, str]:
    """Create a key; return it and the full secret, which is never shown again."""
    prefix = secrets.token_hex(4)
    secret = secrets.token_urlsafe(32)
    key = TouchpointKey.objects.create(
        touchpoint=touchpoint, name=name, prefix=prefix, digest=_digest(secret), created_by=by
    )
    audit_record(
        action=Action.KEY_ISSUED,
        actor=by,
        request=request,
        organization=touchpoint.service.organization,
        obj=key,
        details={"touchpoint": touchpoint.pk, "prefix": prefix},
    )
    return key, f"{KEY_PREFIX}_{prefix}_{secret}"


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
    parts = presented.split("_", 2)
    if len(parts) != 3 or parts[0] != KEY_PREFIX:
        return None
    key = (
        TouchpointKey.objects.select_related("touchpoint")
        .filter(prefix=parts[1], revoked_at__isnull=True)
        .first()
    )
    if key is None or not hmac.compare_digest(key.digest, _digest(parts[2])):
        return None
    return key
