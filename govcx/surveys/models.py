"""Surveys and their versions. A version's definition is one JSON document (definition.py);
published versions never change, so every answer can name exactly what its respondent saw."""

import secrets
from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImmutableVersionError(Exception):
    """Raised on any attempt to change a version that has left the draft state."""


def new_public_id() -> str:
    """An unguessable id for the respondent-facing address /s/<public id>/."""
    return secrets.token_urlsafe(9)


class Survey(models.Model):
    tenant_path: ClassVar[str] = "organization"

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        CLOSED = "closed", _("Closed")
        ARCHIVED = "archived", _("Archived")

    class Origin(models.TextChoices):
        A11_CURRENT = "a11_current", _("A-11 current standard")
        A11_LEGACY = "a11_legacy", _("A-11 legacy standard")
        CUSTOM = "custom", _("Custom")

    class PraExemption(models.TextChoices):
        FEDERAL_EMPLOYEES = "federal_employees", _("Only federal employees answer, in their job")
        FEWER_THAN_TEN = "fewer_than_ten", _("Fewer than 10 people will answer")
        OTHER = "other", _("Another reason (explain below)")

    organization = models.ForeignKey(
        "catalog.Organization", on_delete=models.PROTECT, related_name="surveys"
    )
    name = models.CharField(_("name (for staff)"), max_length=200)
    public_id = models.CharField(max_length=20, unique=True, default=new_public_id, editable=False)
    origin = models.CharField(max_length=20, choices=Origin.choices, default=Origin.CUSTOM)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    touchpoints = models.ManyToManyField(
        "catalog.Touchpoint", verbose_name=_("touchpoints"), related_name="surveys", blank=True
    )
    pra_applies = models.BooleanField(
        _("subject to the Paperwork Reduction Act"),
        default=True,
        help_text=_(
            "Identical questions asked of 10 or more members of the public need OMB approval."
        ),
    )
    omb_control_number = models.CharField(
        _("OMB control number"), max_length=9, blank=True, help_text=_("Format: NNNN-NNNN.")
    )
    pra_expiration = models.DateField(_("OMB approval expires on"), null=True, blank=True)
    burden_minutes = models.PositiveSmallIntegerField(
        _("burden estimate (minutes per response)"), null=True, blank=True
    )
    burden_comments_to = models.TextField(
        _("send burden comments to"),
        blank=True,
        help_text=_("The office and address named in the burden statement."),
    )
    federal_register_url = models.URLField(_("Federal Register notice"), blank=True)
    pra_exemption = models.CharField(
        _("why PRA does not apply"), max_length=30, choices=PraExemption.choices, blank=True
    )
    pra_exemption_note = models.TextField(_("explanation"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering: ClassVar = ["name"]

    def __str__(self) -> str:
        return self.name

    def published_version(self) -> "SurveyVersion | None":
        return self.versions.filter(state=SurveyVersion.State.PUBLISHED).first()

    def working_version(self) -> "SurveyVersion | None":
        """The version being prepared (draft or awaiting approval), if any."""
        return self.versions.filter(
            state__in=[SurveyVersion.State.DRAFT, SurveyVersion.State.PENDING_APPROVAL]
        ).first()

    def latest_version(self) -> "SurveyVersion":
        return self.versions.order_by("-number").first() or SurveyVersion(survey=self, number=0)


class SurveyVersion(models.Model):
    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PENDING_APPROVAL = "pending_approval", _("Awaiting approval")
        PUBLISHED = "published", _("Published")
        SUPERSEDED = "superseded", _("Superseded")

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    state = models.CharField(max_length=20, choices=State.choices, default=State.DRAFT)
    definition = models.JSONField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering: ClassVar = ["-number"]
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["survey", "number"], name="one_number_per_version"),
            models.UniqueConstraint(
                fields=["survey"],
                condition=models.Q(state__in=["draft", "pending_approval"]),
                name="one_working_version",
            ),
            models.UniqueConstraint(
                fields=["survey"],
                condition=models.Q(state="published"),
                name="one_published_version",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.survey} v{self.number}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        """A version that has left the draft state keeps its definition forever."""
        if self.pk is not None:
            stored = SurveyVersion.objects.filter(pk=self.pk).values("state", "definition").first()
            if (
                stored is not None
                and stored["state"] != self.State.DRAFT
                and stored["definition"] != self.definition
            ):
                raise ImmutableVersionError(
                    f"{self} is {stored['state']}; its definition is fixed."
                )
        super().save(*args, **kwargs)

    @property
    def is_editable(self) -> bool:
        return self.state == self.State.DRAFT

    @property
    def languages(self) -> list[str]:
        languages: list[str] = self.definition.get("languages", ["en"])
        return languages

    def text(self, field: str, language: str) -> str:
        """A top-level string (title, intro, thank_you) in ``language``, falling back to English."""
        value: dict[str, str] = self.definition.get(field) or {}
        return value.get(language) or value.get("en", "")


class PraReminder(models.Model):
    """One email warning sent for one approval (survey + expiration date) at one threshold, so a
    daily run never sends the same warning twice and a renewed approval is warned afresh."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="pra_reminders")
    expiration = models.DateField()
    days_before = models.PositiveSmallIntegerField()
    sent_at = models.DateTimeField(auto_now_add=True)
    recipients = models.PositiveIntegerField()

    class Meta:
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["survey", "expiration", "days_before"], name="one_reminder_per_threshold"
            )
        ]

    def __str__(self) -> str:
        return f"{self.survey}: {self.days_before} days before {self.expiration}"
