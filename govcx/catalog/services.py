"""Changes to the catalog. Each one is saved and audited in one transaction."""

from typing import Any

from django.db import transaction
from django.db.models import Model
from django.forms import ModelForm
from django.http import HttpRequest

from govcx.accounts.access import owning_organization
from govcx.accounts.models import User
from govcx.audit.models import Action
from govcx.audit.services import audit_record
from govcx.catalog.models import LifeEvent, Organization, OrganizationDomain


def catalog_save(*, form: "ModelForm[Any]", by: User, request: HttpRequest | None = None) -> Any:
    """Save a validated organization, service, touchpoint or life event form, and audit it.

    The audit entry names the changed fields, never their values.
    """
    creating = form.instance.pk is None
    with transaction.atomic():
        obj = form.save()
        audit_record(
            action=Action.CREATED if creating else Action.UPDATED,
            actor=by,
            request=request,
            organization=_organization_of(obj),
            obj=obj,
            details={"fields": sorted(form.changed_data)},
        )
    return obj


def _organization_of(obj: Model) -> Organization | None:
    if isinstance(obj, Organization):
        return obj
    if isinstance(obj, LifeEvent):
        return None
    return owning_organization(obj)


def organization_for_email(email: str) -> Organization | None:
    """The organization whose domain most specifically matches the email address's domain.

    Matching is by whole labels: staff@ia.fema.dhs.gov matches fema.dhs.gov before dhs.gov, and
    evilfema.dhs.gov never matches fema.dhs.gov (only dhs.gov, if that is registered).
    """
    domain = email.rpartition("@")[2].strip().lower().rstrip(".")
    labels = domain.split(".")
    candidates = [".".join(labels[i:]) for i in range(len(labels) - 1)]
    if not domain or not candidates:
        return None
    found = {
        entry.domain: entry.organization
        for entry in OrganizationDomain.objects.filter(domain__in=candidates).select_related(
            "organization"
        )
    }
    return next((found[c] for c in candidates if c in found), None)
