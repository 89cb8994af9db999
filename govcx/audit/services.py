"""Writing and reading the audit log. Other apps call ``audit_record``; nothing else writes."""

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import Model, QuerySet
from django.http import HttpRequest

from govcx.audit.models import PERSON_ACTIONS, Action, AuditEntry
from govcx.operations.metrics import AUDIT_EVENTS

if TYPE_CHECKING:
    from govcx.accounts.models import User
    from govcx.catalog.models import Organization

# How a person's own organization is found (by their email domain). The audit log sits below
# catalog and accounts in the layers, so accounts tells it at start-up (AccountsConfig.ready).
_person_home: "Callable[[User | None, str], Organization | None] | None" = None


def person_home_set(resolver: "Callable[[User | None, str], Organization | None]") -> None:
    global _person_home
    _person_home = resolver


def client_ip(request: HttpRequest | None) -> str | None:
    """REMOTE_ADDR as the server saw it; a proxy in front must set it (see docs/operations.md)."""
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None


def audit_record(
    *,
    action: Action,
    actor: "User | AnonymousUser | None",
    request: HttpRequest | None = None,
    organization: "Organization | None" = None,
    obj: Model | None = None,
    details: dict[str, Any] | None = None,
    actor_email: str = "",
) -> AuditEntry:
    """Write one entry. An event about a person (PERSON_ACTIONS) given no organization is
    recorded for the person's own organization, found by their email domain."""
    user = actor if actor is not None and actor.is_authenticated else None
    email = user.email if user else actor_email
    if organization is None and action in PERSON_ACTIONS and email and _person_home:
        organization = _person_home(user, email)
    AUDIT_EVENTS.labels(str(action)).inc()
    return AuditEntry.objects.create(
        action=action,
        actor=user,
        actor_email=email,
        organization=organization,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        object_repr=str(obj)[:300] if obj is not None else "",
        ip_address=client_ip(request),
        details=details or {},
    )


def audit_entries_for(organization: "Organization") -> QuerySet[AuditEntry]:
    """Entries recorded for the organization and those beneath it: what was done to their
    objects, and their own people's events. Never what a person with a role here did elsewhere."""
    return AuditEntry.objects.filter(organization__path__startswith=organization.path)
