from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from govcx.audit.models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin[AuditEntry]):
    """Read-only: nobody edits or deletes audit entries through the application."""

    list_display = ("at", "actor_email", "action", "organization_id", "object_repr", "ip_address")
    list_filter = ("action",)
    search_fields = ("actor_email", "object_repr")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
