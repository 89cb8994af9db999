"""Changes made in the Django admin are audited like changes made in govcx's own screens."""

from typing import TYPE_CHECKING, Any

from django.contrib import admin
from django.db.models import Model
from django.forms import ModelForm
from django.http import HttpRequest

from govcx.audit.models import Action
from govcx.audit.services import audit_record

if TYPE_CHECKING:
    from govcx.catalog.models import Organization

ORGANIZATION = "catalog.organization"


class AuditedAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    created_action = Action.CREATED
    updated_action = Action.UPDATED
    deleted_action = Action.DELETED

    def organization_of(self, obj: Any) -> "Organization | None":
        """The organization an entry is filed under; override where the path differs. (Known by
        its model label: the audit app sits below the catalog and does not import it.)"""
        if isinstance(obj, Model) and obj._meta.label_lower == ORGANIZATION:
            return obj  # type: ignore[return-value]
        organization = getattr(obj, "organization", None)
        if isinstance(organization, Model) and organization._meta.label_lower == ORGANIZATION:
            return organization  # type: ignore[return-value]
        return None

    def save_model(
        self, request: HttpRequest, obj: Any, form: ModelForm[Any], change: bool
    ) -> None:
        super().save_model(request, obj, form, change)
        audit_record(
            action=self.updated_action if change else self.created_action,
            actor=request.user,
            request=request,
            organization=self.organization_of(obj),
            obj=obj,
            details={"fields": sorted(form.changed_data), "via": "admin"},
        )

    def delete_model(self, request: HttpRequest, obj: Model) -> None:
        audit_record(
            action=self.deleted_action,
            actor=request.user,
            request=request,
            organization=self.organization_of(obj),
            obj=obj,
            details={"via": "admin"},
        )
        super().delete_model(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: Any) -> None:
        for obj in queryset:
            self.delete_model(request, obj)
