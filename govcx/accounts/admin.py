"""The Django admin serves platform admins only; agency staff use the govcx screens."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import BaseUserCreationForm, UserChangeForm
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.urls import reverse

from govcx.accounts.models import ApiToken, Membership, User
from govcx.accounts.tokens import api_token_revoke
from govcx.audit.admin_mixins import AuditedAdmin
from govcx.audit.models import Action


def _platform_admin_only(request: HttpRequest) -> bool:
    return (
        isinstance(request.user, User) and request.user.is_platform_admin and request.user.is_staff
    )


def _sign_in_instead(request: HttpRequest, extra_context: object = None) -> HttpResponse:
    """The admin has no password form of its own: govcx's sign-in (Login.gov, or a local password
    with its second factor) is the only way in."""
    if request.user.is_authenticated:
        raise PermissionDenied
    return redirect_to_login(request.GET.get("next") or reverse("admin:index"))


admin.site.has_permission = _platform_admin_only  # type: ignore[method-assign]
admin.site.login = _sign_in_instead  # type: ignore[method-assign]
admin.site.site_header = "govcx platform administration"


class AdminUserCreationForm(BaseUserCreationForm[User]):
    class Meta:
        model = User
        fields = ("email",)


class AdminUserChangeForm(UserChangeForm[User]):
    class Meta:
        model = User
        fields = "__all__"


@admin.register(User)
class UserAdmin(BaseUserAdmin[User]):  # type: ignore[type-var]  # email-keyed user
    add_form = AdminUserCreationForm
    form = AdminUserChangeForm
    ordering = ("email",)
    list_display = ("email", "full_name", "is_active", "is_superuser", "last_login")
    search_fields = ("email", "full_name")
    list_filter = ("is_active", "is_superuser")
    fieldsets = (
        (None, {"fields": ("email", "full_name", "password")}),
        (
            "Status",
            {"fields": ("is_active", "is_staff", "is_superuser", "last_login", "date_joined")},
        ),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)
    filter_horizontal = ()
    readonly_fields = ("last_login", "date_joined")


@admin.register(Membership)
class MembershipAdmin(AuditedAdmin):
    created_action = Action.ROLE_GRANTED
    updated_action = Action.ROLE_CHANGED
    deleted_action = Action.ROLE_REVOKED

    list_display = ("user", "organization", "role", "created_at")
    list_filter = ("role",)
    search_fields = ("user__email", "organization__name", "organization__abbreviation")
    raw_id_fields = ("user", "organization", "granted_by")


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin[ApiToken]):
    """Read-only: tokens are created by their owners; a platform admin may revoke any of them
    (an incident, a departed person), and the revocation is audited."""

    list_display = (
        "name",
        "user",
        "prefix",
        "created_at",
        "expires_at",
        "last_used_at",
        "revoked_at",
    )
    search_fields = ("user__email", "prefix", "name")
    list_filter = ("revoked_at",)
    readonly_fields = (*list_display, "scopes")
    exclude = ("digest",)
    actions = ("revoke",)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: ApiToken | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: ApiToken | None = None) -> bool:
        return False

    @admin.action(description="Revoke the selected tokens")
    def revoke(self, request: HttpRequest, queryset: QuerySet[ApiToken]) -> None:
        assert isinstance(request.user, User)  # noqa: S101 - the admin admits platform admins only
        for token in queryset.select_related("user"):
            api_token_revoke(token=token, by=request.user, request=request)
