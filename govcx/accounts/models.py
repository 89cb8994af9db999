"""People and what they may do: users and their memberships in organizations."""

from datetime import datetime
from typing import Any, ClassVar

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from govcx.accounts.roles import Role


class UserManager(BaseUserManager["User"]):
    def create_user(self, email: str, password: str | None = None, **fields: Any) -> "User":
        user = self.model(email=normalize_email(email), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def get_by_natural_key(self, username: str | None) -> "User":
        """Sign-in matches the email address whatever its case."""
        return self.get(email=normalize_email(username or ""))

    def create_superuser(self, email: str, password: str | None = None, **fields: Any) -> "User":
        fields.update(is_staff=True, is_superuser=True)
        return self.create_user(email, password, **fields)


def normalize_email(email: str) -> str:
    """Email addresses are compared case-insensitively, so they are stored in lower case."""
    return email.strip().lower()


class User(AbstractBaseUser, PermissionsMixin):
    """A person who signs in. Platform admins are superusers; everyone else acts through roles."""

    email = models.EmailField(_("email address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=200, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(
        _("may use the Django admin"), default=False, help_text=_("Platform admins only.")
    )
    date_joined = models.DateTimeField(default=timezone.now)
    reactivated_at = models.DateTimeField(null=True, blank=True, editable=False)
    # Login.gov's stable identifier for the person ("sub"), with the issuer that gave it; the email
    # address can change at Login.gov, the subject cannot.
    oidc_issuer = models.CharField(max_length=200, blank=True, editable=False)
    oidc_subject = models.CharField(max_length=200, blank=True, editable=False)
    matched_organization = models.ForeignKey(
        "catalog.Organization",
        verbose_name=_("organization matched by email domain"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="matched_users",
        help_text=_("Found from the verified email address at first sign-in; gives no role."),
    )

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    class Meta:
        ordering: ClassVar = ["email"]
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["oidc_issuer", "oidc_subject"],
                condition=~models.Q(oidc_subject=""),
                name="one_user_per_oidc_subject",
            )
        ]

    def __str__(self) -> str:
        return self.full_name or self.email

    @property
    def last_used(self) -> "datetime":
        """When the account was last used: its last sign-in, its creation, or its reactivation,
        whichever is latest."""
        return max(t for t in (self.last_login, self.date_joined, self.reactivated_at) if t)

    @property
    def is_platform_admin(self) -> bool:
        return self.is_active and self.is_superuser


class Membership(models.Model):
    """A role a user holds in an organization; it applies to the organization's children too."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    organization = models.ForeignKey(
        "catalog.Organization", on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    granted_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering: ClassVar = ["organization__name", "user__email"]
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["user", "organization"], name="one_role_per_org")
        ]

    def __str__(self) -> str:
        return f"{self.user} - {self.get_role_display()} - {self.organization}"


class InactivityNotice(models.Model):
    """A warning sent before an unused account is deactivated; one per threshold and period of
    inactivity, so the daily job never sends the same warning twice."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="inactivity_notices")
    last_used = models.DateTimeField()
    days_before = models.PositiveSmallIntegerField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["user", "last_used", "days_before"], name="one_notice_per_threshold"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} - {self.days_before} days"


class Scope(models.TextChoices):
    """What an API token may be used for; the user's roles still decide on which data."""

    READ_METRICS = "metrics:read", _("Read the catalog, surveys and metrics")
    READ_RESPONSES = "responses:read", _("Read and export responses (and the catalog)")
    WRITE_SUBMISSIONS = "submissions:write", _("Submit responses to my touchpoints")


class ApiToken(models.Model):
    """A personal API token: acts as its user, narrowed to its scopes, until it expires or is
    revoked. Only a digest of the secret is kept (govcx.accounts.credentials)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("token name"), max_length=100)
    prefix = models.CharField(max_length=12, unique=True)
    digest = models.CharField(max_length=64)
    scopes = models.JSONField(default=list)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"))
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering: ClassVar = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    def allows(self, scope: Scope) -> bool:
        return scope.value in self.scopes

    def is_active_at(self, moment: datetime) -> bool:
        return self.revoked_at is None and moment < self.expires_at

    def scope_labels(self) -> list[str]:
        return [str(Scope(value).label) for value in self.scopes if value in Scope.values]
