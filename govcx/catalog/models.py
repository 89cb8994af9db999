"""The service catalog: organizations, life events, services and touchpoints."""

from typing import Any, ClassVar

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

from govcx.catalog.vocabulary import DEFAULT_STAGES, Channel, TransactionPointType


class SignInAssurance(models.TextChoices):
    """How strongly people must authenticate at Login.gov; stronger levels include weaker ones."""

    ANY = "any", _("Login.gov multi-factor authentication (any method)")
    PHISHING_RESISTANT = (
        "phishing_resistant",
        _("Phishing-resistant: security key, face or touch unlock, or PIV/CAC"),
    )
    PIV_CAC = "piv_cac", _("PIV/CAC card")


class Organization(models.Model):
    """A department, agency, bureau or office; ``path`` holds the ids from the root down.

    The materialized path ("/3/7/") answers "this organization and everything under it" with one
    indexed prefix query, which role inheritance and roll-ups need on every request.
    """

    class Kind(models.TextChoices):
        DEPARTMENT = "department", _("Department")
        AGENCY = "agency", _("Agency")
        BUREAU = "bureau", _("Bureau")
        OFFICE = "office", _("Office")

    name = models.CharField(_("name"), max_length=200)
    abbreviation = models.CharField(_("abbreviation"), max_length=20)
    slug = models.SlugField(_("short name used in web addresses"), max_length=60, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent organization"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    path = models.CharField(max_length=255, db_index=True, editable=False, default="")
    is_hisp = models.BooleanField(
        _("High Impact Service Provider"),
        default=False,
        help_text=_("Designated under OMB Circular A-11 Section 280."),
    )
    description = models.TextField(_("description"), blank=True)
    surveys_need_approval = models.BooleanField(
        _("surveys need an organization admin's approval before publishing"), default=False
    )
    store_ip_hash = models.BooleanField(
        _("keep a keyed hash of respondents' IP addresses"),
        default=False,
        help_text=_("Off by default: addresses are used for rate limits and not stored."),
    )
    sign_in_assurance = models.CharField(
        _("sign-in strength required of its people"),
        max_length=30,
        choices=SignInAssurance.choices,
        default=SignInAssurance.ANY,
        help_text=_(
            "Checked at each Login.gov sign-in of anyone with a role here or beneath; "
            "a requirement set higher up applies too."
        ),
    )
    # The organization's own public contacts, which the redactor keeps in comments ("I called
    # 1-800-... nine times"); a respondent's own number or address is still removed.
    public_phones = models.TextField(
        _("public phone numbers"),
        blank=True,
        db_default="",
        help_text=_(
            "One per line: the numbers the public calls you at. Comments that mention them keep "
            "them, so analysts can tell which office people tried to reach. Toll-free numbers "
            "are always kept. A respondent's own number is still removed."
        ),
    )
    public_addresses = models.TextField(
        _("public office addresses"),
        blank=True,
        db_default="",
        help_text=_(
            "One per line, e.g. 1 Main St, Springfield. Comments that mention them keep them; "
            "any other street address is removed."
        ),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering: ClassVar = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.abbreviation})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        """Keep ``path`` (and the paths of everything beneath) in step with ``parent``."""
        with transaction.atomic():
            if self.pk is None:
                super().save(*args, **kwargs)
            old_path = self.path
            prefix = self.parent.path if self.parent_id and self.parent else "/"
            self.path = f"{prefix}{self.pk}/"
            kwargs.pop("force_insert", None)
            super().save(*args, **kwargs)
            if old_path and old_path != self.path:
                descendants = list(
                    Organization.objects.filter(path__startswith=old_path).exclude(pk=self.pk)
                )
                for child in descendants:
                    child.path = self.path + child.path[len(old_path) :]
                Organization.objects.bulk_update(descendants, ["path"])

    def ancestor_ids(self) -> list[int]:
        """Ids from the root down to and including this organization."""
        return [int(part) for part in self.path.strip("/").split("/") if part]

    @property
    def depth(self) -> int:
        return len(self.ancestor_ids()) - 1

    def clean(self) -> None:
        if self.pk and self.parent is not None and self.pk in self.parent.ancestor_ids():
            raise ValidationError({"parent": _("An organization cannot sit beneath itself.")})


domain_validator = RegexValidator(
    r"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$",
    _("Enter a domain name such as fema.dhs.gov, in lower case, without https://."),
)


class OrganizationDomain(models.Model):
    """A web and email domain an organization owns; sign-in matches staff to it by email."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="domains")
    domain = models.CharField(max_length=253, unique=True, validators=[domain_validator])

    class Meta:
        ordering: ClassVar = ["domain"]

    def __str__(self) -> str:
        return self.domain


class LifeEvent(models.Model):
    """A moment in people's lives that spans services of several organizations."""

    class Kind(models.TextChoices):
        LIFE_EVENT = "life_event", _("Life event")
        LIFE_EXPERIENCE = "life_experience", _("Cross-agency life experience")

    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("short name used in web addresses"), max_length=80, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    description = models.TextField(_("description"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering: ClassVar = ["kind", "name"]

    def __str__(self) -> str:
        return self.name


def default_stages() -> list[str]:
    return list(DEFAULT_STAGES)


class Service(models.Model):
    """What an organization provides to the public, e.g. "Apply for retirement benefits"."""

    tenant_path: ClassVar[str] = "organization"

    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="services"
    )
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    channels = models.JSONField(_("channels"), default=list, blank=True)
    stages = models.JSONField(_("stages"), default=default_stages)
    life_events = models.ManyToManyField(
        LifeEvent, verbose_name=_("life events"), related_name="services", blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering: ClassVar = ["name"]
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["organization", "name"], name="service_name_per_org")
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        unknown = sorted(set(self.channels) - set(Channel.values))
        if unknown:
            raise ValidationError({"channels": _("Unknown channels: %s") % ", ".join(unknown)})
        if not self.stages or len(set(self.stages)) != len(self.stages):
            raise ValidationError({"stages": _("Give at least one stage, each named once.")})

    def channel_labels(self) -> list[str]:
        return [str(Channel(value).label) for value in self.channels if value in Channel.values]


class Touchpoint(models.Model):
    """Where feedback is asked for: a service, on a channel, at a stage, after a kind of moment."""

    tenant_path: ClassVar[str] = "service__organization"

    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="touchpoints")
    name = models.CharField(_("name"), max_length=200)
    channel = models.CharField(_("channel"), max_length=30, choices=Channel.choices)
    stage = models.CharField(_("service stage"), max_length=60)
    transaction_point_type = models.CharField(
        _("transaction point type"),
        max_length=30,
        choices=TransactionPointType.choices,
        default=TransactionPointType.POST_INTERACTION,
    )
    is_active = models.BooleanField(_("active"), default=True)
    allowed_origins = models.JSONField(
        _("websites allowed to embed the survey"),
        default=list,
        blank=True,
        help_text=_("Origins such as https://www.fema.gov, one per line."),
    )
    shared_address = models.BooleanField(
        _("many respondents share one address"),
        default=False,
        help_text=_("A kiosk or an office network: allow more submissions per address."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering: ClassVar = ["name"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.service_id and self.stage not in self.service.stages:
            raise ValidationError(
                {
                    "stage": _("Choose one of the service's stages: %s")
                    % ", ".join(self.service.stages)
                }
            )
