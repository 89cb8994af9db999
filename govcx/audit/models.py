"""The audit log: an append-only record of who did what to which object, when and from where."""

from typing import Any, ClassVar, NoReturn

from django.db import models
from django.utils.translation import gettext_lazy as _


class Action(models.TextChoices):
    SIGN_IN = "auth.sign_in", _("Signed in")
    SIGN_IN_FAILED = "auth.sign_in_failed", _("Failed sign-in")
    SIGN_OUT = "auth.sign_out", _("Signed out")
    LOCKED_OUT = "auth.locked_out", _("Locked out after repeated failed sign-ins")
    MFA_ENROLLED = "auth.mfa_enrolled", _("Authenticator app set up")
    MFA_FAILED = "auth.mfa_failed", _("Wrong authenticator code")
    MFA_LINK_SENT = "auth.mfa_link_sent", _("Authenticator set-up link emailed")
    MFA_LINK_USED = "auth.mfa_link_used", _("Authenticator set-up link used")
    MFA_LINK_REFUSED = "auth.mfa_link_refused", _("Expired or used authenticator set-up link")
    ACCOUNT_CREATED = "accounts.created", _("Account created at first sign-in")
    ACCOUNT_LINKED = "accounts.linked", _("Account linked to Login.gov")
    INACTIVITY_WARNED = "accounts.inactivity_warned", _("Warned of deactivation for inactivity")
    ACCOUNT_DEACTIVATED = "accounts.deactivated", _("Account deactivated for inactivity")
    ACCOUNT_REACTIVATED = "accounts.reactivated", _("Account reactivated")
    ROLE_GRANTED = "accounts.role_granted", _("Role granted")
    ROLE_CHANGED = "accounts.role_changed", _("Role changed")
    ROLE_REVOKED = "accounts.role_revoked", _("Role revoked")
    CREATED = "catalog.created", _("Created")
    UPDATED = "catalog.updated", _("Updated")
    DELETED = "catalog.deleted", _("Deleted")
    SURVEY_CREATED = "surveys.created", _("Survey created")
    SURVEY_EDITED = "surveys.edited", _("Survey draft edited")
    SURVEY_SETTINGS = "surveys.settings", _("Survey settings changed")
    PRA_EXEMPTED = "surveys.pra_exempted", _("Survey marked not subject to PRA")
    SURVEY_SUBMITTED = "surveys.submitted", _("Survey submitted for approval")
    SURVEY_RETURNED = "surveys.returned", _("Survey returned to draft")
    SURVEY_PUBLISHED = "surveys.published", _("Survey published")
    SURVEY_CLOSED = "surveys.closed", _("Survey closed")
    SURVEY_REOPENED = "surveys.reopened", _("Survey reopened")
    SURVEY_ARCHIVED = "surveys.archived", _("Survey archived")
    SURVEY_NEW_VERSION = "surveys.new_version", _("New survey version started")
    KEY_ISSUED = "collection.key_issued", _("API key issued")
    KEY_REVOKED = "collection.key_revoked", _("API key revoked")
    RESPONSES_IMPORTED = "collection.imported", _("Responses imported")
    REPORT_OPENED = "reporting.opened", _("Quarterly report started")
    REPORT_UPDATED = "reporting.updated", _("Quarterly report edited")
    REPORT_SUBMITTED = "reporting.submitted", _("Quarterly report submitted")
    REPORT_PUBLISHED = "reporting.published", _("Quarterly report published")
    REPORT_CHANGES_REQUESTED = "reporting.changes_requested", _("Changes requested to a report")
    REPORT_NOT_REPORTED = "reporting.not_reported", _("Quarter marked not reported")
    REPORT_REOPENED = "reporting.reopened", _("Quarterly report reopened")
    REPORT_ARCHIVED = "reporting.archived", _("Quarterly report archived")
    REPORT_EXPORTED = "reporting.exported", _("Quarterly report data exported")
    SURVEY_DELETED = "surveys.deleted", _("Survey deleted")
    RETENTION_CHANGED = "retention.period_changed", _("Retention period changed")
    LEGAL_HOLD_PLACED = "retention.hold_placed", _("Legal hold placed")
    LEGAL_HOLD_CLEARED = "retention.hold_cleared", _("Legal hold cleared")
    RESPONSES_PURGED = "retention.purged", _("Responses purged")
    RESPONSES_REDACTED = "collection.redacted", _("Stored answers redacted again")
    TOKEN_CREATED = "accounts.token_created", _("API token created")
    TOKEN_REVOKED = "accounts.token_revoked", _("API token revoked")
    TOKEN_REFUSED = "accounts.token_refused", _("API token refused")
    EXPORT_STARTED = "collection.export_started", _("Response export started")
    EXPORT_FINISHED = "collection.export_finished", _("Response export finished")


SIGN_IN_ACTIONS = (Action.SIGN_IN, Action.SIGN_IN_FAILED, Action.SIGN_OUT)
# Events about a person rather than an organization's objects (sign-ins, authenticator, account,
# API tokens): recorded for the person's own organization, the one their email domain names
# (govcx.catalog.domains.home_organization), not for every organization where they hold a role.
PERSON_ACTIONS = (
    *SIGN_IN_ACTIONS,
    Action.LOCKED_OUT,
    Action.MFA_ENROLLED,
    Action.MFA_FAILED,
    Action.MFA_LINK_SENT,
    Action.MFA_LINK_USED,
    Action.MFA_LINK_REFUSED,
    Action.ACCOUNT_LINKED,
    Action.INACTIVITY_WARNED,
    Action.ACCOUNT_DEACTIVATED,
    Action.ACCOUNT_REACTIVATED,
    Action.TOKEN_CREATED,
    Action.TOKEN_REVOKED,
    Action.TOKEN_REFUSED,
)


class AppendOnlyError(Exception):
    """Raised on any attempt to change or remove an audit entry."""


class AuditEntryQuerySet(models.QuerySet["AuditEntry"]):
    def update(self, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError("Audit entries cannot be changed.")

    def delete(self) -> NoReturn:
        raise AppendOnlyError("Audit entries cannot be deleted.")


class AuditEntry(models.Model):
    """One event. Actor and organization are kept as plain ids (no database constraint) so that an
    entry outlives the user or organization it names and is never rewritten; the actor's email is
    copied for the same reason. On PostgreSQL a trigger also refuses UPDATE and DELETE."""

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        "accounts.User",
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    actor_email = models.CharField(max_length=254, blank=True)
    action = models.CharField(max_length=60, choices=Action.choices, db_index=True)
    organization = models.ForeignKey(
        "catalog.Organization",
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    object_type = models.CharField(max_length=60, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    object_repr = models.CharField(max_length=300, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    details = models.JSONField(default=dict, blank=True)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        ordering: ClassVar = ["-at", "-id"]
        indexes: ClassVar = [models.Index(fields=["organization", "-at"])]
        verbose_name_plural = "audit entries"

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_email or '-'} {self.action}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AppendOnlyError("Audit entries cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError("Audit entries cannot be deleted.")

    def details_text(self) -> str:
        """The details as one readable line, e.g. "fields: name, stages; role: viewer"."""
        parts = []
        for key, value in self.details.items():
            shown = ", ".join(map(str, value)) if isinstance(value, list) else str(value)
            parts.append(f"{key}: {shown}")
        return "; ".join(parts)
