"""Responses: one row per accepted submission, and counters of rejected ones."""

from typing import ClassVar

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from govcx.catalog.vocabulary import Channel


class Source(models.TextChoices):
    PAGE = "page", _("Hosted page")
    WIDGET = "widget", _("Embedded widget")
    API = "api", _("API (server to server)")
    IMPORT = "import", _("File import")


class Response(models.Model):
    """What one respondent said, against the exact survey version they saw.

    ``answers`` maps question keys to values ("4", ["ease", "other"], "text"), free text already
    redacted. The organization is copied from the survey so tenancy filters and rollups need no
    join. Nothing else is stored about the respondent: no IP address unless the organization
    turns on ``store_ip_hash`` (then a keyed hash).
    """

    tenant_path: ClassVar[str] = "organization"

    # Every index costs each INSERT; the foreign keys are covered by the composite indexes
    # below (version lookups go through the survey), so they get no index of their own.
    organization = models.ForeignKey(
        "catalog.Organization", on_delete=models.PROTECT, related_name="+", db_index=False
    )
    survey = models.ForeignKey(
        "surveys.Survey", on_delete=models.PROTECT, related_name="responses", db_index=False
    )
    version = models.ForeignKey(
        "surveys.SurveyVersion",
        on_delete=models.PROTECT,
        related_name="responses",
        db_index=False,
    )
    touchpoint = models.ForeignKey(
        "catalog.Touchpoint", on_delete=models.PROTECT, related_name="responses", db_index=False
    )
    channel = models.CharField(max_length=30, choices=Channel.choices)
    language = models.CharField(max_length=12)
    source = models.CharField(max_length=10, choices=Source.choices)
    received_at = models.DateTimeField(default=timezone.now)
    page_url = models.CharField(max_length=2000, blank=True)
    location_code = models.CharField(max_length=100, blank=True)
    answers = models.JSONField()
    ip_hash = models.CharField(max_length=64, blank=True)
    # NULL (not "") when absent, so the unique constraint ignores submissions without a key.
    idempotency_key = models.CharField(max_length=100, null=True, blank=True)  # noqa: DJ001
    # Who sent the key (services.IdempotencyScope): a key is unique per survey only within its
    # sender's scope, so one caller can neither block nor replay another's submission. Empty
    # when there is no key. The database has the default too, for writers in plain SQL.
    idempotency_scope = models.CharField(max_length=40, blank=True, default="", db_default="")

    class Meta:
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["survey", "idempotency_scope", "idempotency_key"],
                condition=models.Q(idempotency_key__isnull=False),
                name="one_response_per_scoped_idempotency_key",
            )
        ]
        indexes: ClassVar = [
            models.Index(fields=["survey", "received_at"]),
            models.Index(fields=["organization", "received_at"]),
            models.Index(fields=["touchpoint", "received_at"]),
        ]

    def __str__(self) -> str:
        return f"Response {self.pk} to {self.survey_id}"


class Rejection(models.TextChoices):
    INVALID = "invalid", _("Answers failed validation")
    UNKNOWN_SURVEY = "unknown_survey", _("No such survey")
    NOT_ACCEPTING = "not_accepting", _("Survey closed, unpublished or PRA expired")
    HONEYPOT = "honeypot", _("Hidden anti-spam field filled in")
    RATE_LIMITED = "rate_limited", _("Too many submissions")
    TOO_LARGE = "too_large", _("Request too large")
    MALFORMED = "malformed", _("Not valid JSON or wrong fields")
    UNAUTHORIZED = "unauthorized", _("Missing or wrong API key")
    ORIGIN = "origin", _("Website not allowed to embed the survey")
    IDEMPOTENCY_CONFLICT = "idempotency_conflict", _("Idempotency key reused for other answers")
    IMPORT_FILE = "import_file", _("Import file refused")


class RejectionCount(models.Model):
    """Submissions refused per day, survey and reason: nothing is dropped without a trace.

    Rows without a survey (unknown survey, malformed body) are not unique in the database (NULLs
    differ), so screens sum counts rather than read one row."""

    day = models.DateField()
    survey = models.ForeignKey(
        "surveys.Survey", null=True, on_delete=models.CASCADE, related_name="+"
    )
    organization = models.ForeignKey(
        "catalog.Organization", null=True, on_delete=models.CASCADE, related_name="+"
    )
    reason = models.CharField(max_length=30, choices=Rejection.choices)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["day", "survey", "reason"], name="one_count_per_day_survey_reason"
            )
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.reason}: {self.count}"


class TouchpointKey(models.Model):
    """A secret a server-to-server channel (call center, IVR, kiosk, app) submits with.

    The secret is shown once; only its SHA-256 digest is kept (the secret is 256 random bits, so
    a fast digest is safe, unlike a password). The prefix identifies the key in lists and logs.
    """

    touchpoint = models.ForeignKey(
        "catalog.Touchpoint", on_delete=models.CASCADE, related_name="keys"
    )
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(max_length=12, unique=True)
    digest = models.CharField(max_length=64)
    scope = models.CharField(max_length=30, default="submit", editable=False)
    created_by = models.ForeignKey(
        "accounts.User", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering: ClassVar = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
