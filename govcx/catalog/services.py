"""Changes to the catalog. Each one is saved and audited in one transaction."""

from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import Model
from django.forms import ModelForm
from django.http import HttpRequest

from govcx.audit.models import Action
from govcx.audit.services import audit_record
from govcx.catalog.models import LifeEvent, Organization
from govcx.catalog.ownership import owning_organization

if TYPE_CHECKING:
    from govcx.accounts.models import User


def catalog_save(*, form: "ModelForm[Any]", by: "User", request: HttpRequest | None = None) -> Any:
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
