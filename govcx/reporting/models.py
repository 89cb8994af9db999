"""The A-11 quarterly CX data collection: one per HISP service and fiscal quarter, one detail per
survey (at each of its touchpoints) that collected feedback for the service in the quarter.

The fields and their names follow the collection OMB asks for (reference: a11-section-280.md), so
the collection-level export is a straight read of these rows.
"""

from datetime import date
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from govcx.analytics.periods import FiscalQuarter
from govcx.catalog.vocabulary import Channel, TransactionPointType
from govcx.reporting.quarters import due_date


class SurveyType(models.TextChoices):
    THUMBS_UP_DOWN = "thumbs_up_down", _("Thumbs up or down")
    LIKERT_SCALE = "likert_scale", _("5-point agreement scale")


class Collection(models.Model):
    """A service's report for one fiscal quarter.

    ``package`` is the whole report frozen at submission and ``integrity_hash`` its SHA-256: a
    later change to the data behind it (a late import, a purge) shows as a mismatch.
    """

    tenant_path: ClassVar[str] = "service__organization"

    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        PUBLISHED = "published", _("Published")
        CHANGE_REQUESTED = "change_requested", _("Changes requested")
        NOT_REPORTED = "not_reported", _("Not reported")
        ARCHIVED = "archived", _("Archived")

    hisp = models.ForeignKey(
        "catalog.Organization",
        verbose_name=_("High Impact Service Provider"),
        on_delete=models.PROTECT,
        related_name="collections",
    )
    service = models.ForeignKey(
        "catalog.Service", on_delete=models.PROTECT, related_name="collections"
    )
    fiscal_year = models.PositiveSmallIntegerField(_("fiscal year"))
    quarter = models.PositiveSmallIntegerField(_("quarter"))
    state = models.CharField(max_length=20, choices=State.choices, default=State.DRAFT)
    note = models.TextField(
        _("note"), blank=True, help_text=_("Why changes were requested or nothing was reported.")
    )
    package = models.JSONField(null=True, blank=True, editable=False)
    integrity_hash = models.CharField(max_length=64, blank=True, editable=False)
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering: ClassVar = ["-fiscal_year", "-quarter", "service__name"]
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["service", "fiscal_year", "quarter"], name="one_collection_per_quarter"
            ),
            models.CheckConstraint(
                condition=models.Q(quarter__gte=1, quarter__lte=4), name="quarter_1_to_4"
            ),
        ]
        indexes: ClassVar = [models.Index(fields=["fiscal_year", "quarter", "state"])]

    def __str__(self) -> str:
        return f"{self.service} FY{self.fiscal_year % 100:02d} Q{self.quarter}"

    @property
    def is_editable(self) -> bool:
        return self.state in (self.State.DRAFT, self.State.CHANGE_REQUESTED)

    @property
    def is_frozen(self) -> bool:
        """Submitted, published or archived: its files show the responses frozen at submission
        (``FrozenResponse``), whatever is imported into the quarter later."""
        return self.state in (self.State.SUBMITTED, self.State.PUBLISHED, self.State.ARCHIVED)

    @property
    def fiscal_quarter(self) -> FiscalQuarter:
        return FiscalQuarter(self.fiscal_year, self.quarter)

    @property
    def due(self) -> date:
        return due_date(self.fiscal_quarter)


class CollectionDetail(models.Model):
    """One survey at one touchpoint, as reported for the quarter. Everything but the two volumes
    and the reflection is filled in from what govcx knows; respondents are counted."""

    tenant_path: ClassVar[str] = "collection__service__organization"

    collection = models.ForeignKey(Collection, on_delete=models.CASCADE, related_name="details")
    survey = models.ForeignKey("surveys.Survey", on_delete=models.PROTECT, related_name="+")
    touchpoint = models.ForeignKey("catalog.Touchpoint", on_delete=models.PROTECT, related_name="+")
    transaction_point = models.CharField(
        _("transaction point"), max_length=30, choices=TransactionPointType.choices
    )
    channel = models.CharField(_("channel"), max_length=30, choices=Channel.choices)
    service_stage = models.CharField(_("service stage"), max_length=60)
    survey_type = models.CharField(
        _("survey type"), max_length=20, choices=SurveyType.choices, blank=True
    )
    survey_title = models.CharField(_("survey title"), max_length=300)
    omb_control_number = models.CharField(_("OMB control number"), max_length=9, blank=True)
    federal_register_url = models.URLField(_("Federal Register notice"), blank=True)
    trust_question_text = models.TextField(_("trust question"), blank=True)
    volume_of_customers = models.PositiveBigIntegerField(
        _("customers served"),
        null=True,
        blank=True,
        help_text=_("How many people used the service at this touchpoint in the quarter."),
    )
    volume_of_customers_provided_survey_opportunity = models.PositiveBigIntegerField(
        _("customers offered the survey"),
        null=True,
        blank=True,
        help_text=_("How many of them were offered this survey."),
    )
    volume_of_respondents = models.PositiveBigIntegerField(_("respondents"), default=0)
    operational_metrics = models.TextField(
        _("operational metrics"),
        blank=True,
        help_text=_("Optional: e.g. average wait time or processing days this quarter."),
    )
    reflection_text = models.TextField(
        _("reflection"),
        blank=True,
        help_text=_("What the feedback taught you this quarter and what you will change."),
    )
    # What the public trust pages show for the detail, counted at submission from the frozen
    # responses (reporting/figures.py), so a published quarter's figures never move; empty
    # while the report is being edited.
    frozen_trust_n = models.PositiveIntegerField(null=True, blank=True, editable=False)
    frozen_trust_positive = models.PositiveIntegerField(null=True, blank=True, editable=False)

    class Meta:
        ordering: ClassVar = ["survey_title", "touchpoint__name"]
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["collection", "survey", "touchpoint"], name="one_detail_per_survey_point"
            )
        ]

    def __str__(self) -> str:
        return f"{self.survey_title} at {self.touchpoint}"


class FrozenResponse(models.Model):
    """A response behind a detail of a submitted report, recorded at submission, so the report's
    files never change after it (drafts read the live data). Two integers per response, keyed by
    both: no id of its own. The response is not a foreign key: a purge under the records
    schedule still removes it, and the report then simply shows what is left."""

    pk = models.CompositePrimaryKey("detail", "response_id")
    # The primary key starts with the detail, so it serves every lookup: no index of its own.
    detail = models.ForeignKey(
        CollectionDetail, on_delete=models.CASCADE, related_name="+", db_index=False
    )
    response_id = models.BigIntegerField()

    def __str__(self) -> str:
        return f"Response {self.response_id} in detail {self.detail_id}"


# The detail's reported fields in A-11's order: the collection files' columns and the package
# frozen at submission both use it.
REPORTED_FIELDS = (
    "transaction_point",
    "channel",
    "service_stage",
    "survey_type",
    "survey_title",
    "omb_control_number",
    "federal_register_url",
    "trust_question_text",
    "volume_of_customers",
    "volume_of_customers_provided_survey_opportunity",
    "volume_of_respondents",
    "operational_metrics",
    "reflection_text",
)
