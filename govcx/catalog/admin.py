from django.contrib import admin

from govcx.audit.admin_mixins import AuditedAdmin
from govcx.catalog.models import LifeEvent, Organization, OrganizationDomain, Service, Touchpoint


class DomainInline(admin.TabularInline[OrganizationDomain, Organization]):
    model = OrganizationDomain
    extra = 0


@admin.register(Organization)
class OrganizationAdmin(AuditedAdmin):
    list_display = ("name", "abbreviation", "kind", "parent", "is_hisp")
    list_filter = ("kind", "is_hisp")
    search_fields = ("name", "abbreviation", "slug")
    inlines = (DomainInline,)


@admin.register(LifeEvent)
class LifeEventAdmin(AuditedAdmin):
    list_display = ("name", "kind")
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Service)
class ServiceAdmin(AuditedAdmin):
    list_display = ("name", "organization")
    search_fields = ("name", "organization__name")
    filter_horizontal = ("life_events",)


@admin.register(Touchpoint)
class TouchpointAdmin(AuditedAdmin):
    def organization_of(self, obj: Touchpoint) -> Organization:
        return obj.service.organization

    list_display = ("name", "service", "channel", "stage", "transaction_point_type", "is_active")
    list_filter = ("channel", "transaction_point_type", "is_active")
