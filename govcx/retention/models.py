"""Records retention: each organization's retention period, legal holds, and what was purged."""

from typing import ClassVar

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

# A hundred years: long enough for any agency schedule, short enough to catch a typo.
MAX_MONTHS = 1200


class RetentionPeriod(models.Model):
    """An organization's own retention period for responses. Organizations without one inherit
    the nearest ancestor's, and the platform default (GRS 5.8 item 010: one year) above that."""

    tenant_path: ClassVar[str] = "organization"

    organization = models.OneToOneField(
        "catalog.Organization", on_delete=models.CASCADE, related_name="retention_period"
    )
    months = models.PositiveSmallIntegerField(
        _("months to keep responses"),
        validators=[MinValueValidator(1), MaxValueValidator(MAX_MONTHS)],
    )
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.organization}: {self.months} months"


class LegalHold(models.Model):
    """While a survey is on hold the purge leaves its responses alone, and the survey cannot be
    deleted. Clearing the hold removes the row; the audit log keeps both events and reasons."""

    tenant_path: ClassVar[str] = "survey__organization"

    survey = models.OneToOneField(
        "surveys.Survey", on_delete=models.PROTECT, related_name="legal_hold"
    )
    reason = models.TextField(_("reason"), max_length=1000)
    placed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    placed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering: ClassVar = ["-placed_at"]

    def __str__(self) -> str:
        return f"Legal hold on {self.survey}"


class PurgedQuarter(models.Model):
    """The raw responses of one survey, for one service, in one fiscal quarter were purged.

    Rollups keep their counts (aggregates hold no personal data and carry the A-11 history), so
    `govcx rollups check` and `rollups rebuild` read these rows to leave those counts alone.
    Plain ids, not foreign keys: the record outlives a survey deleted after its purge."""

    organization_id = models.BigIntegerField()
    survey_id = models.BigIntegerField()
    service_id = models.BigIntegerField()
    fiscal_year = models.PositiveSmallIntegerField()
    quarter = models.PositiveSmallIntegerField()
    first_day = models.DateField()
    last_day = models.DateField()
    responses = models.PositiveBigIntegerField(default=0)
    purged_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["survey_id", "service_id", "fiscal_year", "quarter"],
                name="one_purge_record_per_slice",
            )
        ]

    def __str__(self) -> str:
        return f"FY{self.fiscal_year} Q{self.quarter} of survey {self.survey_id}: purged"
