import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from govcx.catalog.models import (
    LifeEvent,
    Organization,
    OrganizationDomain,
    Service,
    SignInAssurance,
    Touchpoint,
    domain_validator,
)
from govcx.catalog.vocabulary import Channel
from govcx.core.forms import UswdsModelForm


class OrganizationForm(UswdsModelForm):
    domains = forms.CharField(
        label=_("Web and email domains"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One per line, e.g. fema.gov. Staff are matched to the organization by these."),
    )

    class Meta:
        model = Organization
        fields = (
            "name",
            "abbreviation",
            "slug",
            "kind",
            "parent",
            "is_hisp",
            "description",
            "surveys_need_approval",
            "sign_in_assurance",
            "public_phones",
            "public_addresses",
        )
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "public_phones": forms.Textarea(attrs={"rows": 3}),
            "public_addresses": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, parents: QuerySet[Organization], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = parents  # type: ignore[attr-defined]
        self.fields["slug"].required = False
        # Left out of a form post, the requirement stays as it is (any Login.gov method if new).
        self.fields["sign_in_assurance"].required = False
        self.fields["slug"].help_text = _("Leave blank to make one from the abbreviation.")
        if self.instance.pk:
            self.initial["domains"] = "\n".join(
                self.instance.domains.values_list("domain", flat=True)
            )

    def clean_sign_in_assurance(self) -> str:
        chosen: str = self.cleaned_data.get("sign_in_assurance") or ""
        return chosen or self.instance.sign_in_assurance or SignInAssurance.ANY

    def clean_slug(self) -> str:
        slug: str = self.cleaned_data.get("slug") or slugify(self.data.get("abbreviation", ""))
        if not slug:
            raise ValidationError(_("Give a short name, or an abbreviation to make one from."))
        return slug

    def clean_domains(self) -> list[str]:
        domains = []
        for line in self.cleaned_data["domains"].splitlines():
            domain = (
                line.strip().lower().removeprefix("https://").removeprefix("http://").strip("/")
            )
            if not domain:
                continue
            domain_validator(domain)
            taken = OrganizationDomain.objects.filter(domain=domain)
            if self.instance.pk:
                taken = taken.exclude(organization=self.instance)
            if taken.exists():
                raise ValidationError(
                    _("%(domain)s belongs to another organization."), params={"domain": domain}
                )
            domains.append(domain)
        return sorted(set(domains))

    def save(self, commit: bool = True) -> Organization:
        organization: Organization = super().save(commit=commit)
        if commit:
            wanted = set(self.cleaned_data["domains"])
            organization.domains.exclude(domain__in=wanted).delete()
            existing = set(organization.domains.values_list("domain", flat=True))
            OrganizationDomain.objects.bulk_create(
                OrganizationDomain(organization=organization, domain=domain)
                for domain in sorted(wanted - existing)
            )
        return organization


class StagesField(forms.CharField):
    """Stages typed as a comma-separated list, e.g. "start, middle, end"."""

    def to_python(self, value: Any) -> list[str]:  # type: ignore[override]
        text = super().to_python(value) or ""
        return [part.strip() for part in text.split(",") if part.strip()]

    def prepare_value(self, value: Any) -> Any:
        return ", ".join(value) if isinstance(value, list) else value


class ServiceForm(UswdsModelForm):
    channels = forms.MultipleChoiceField(
        label=_("Channels the service is delivered on"),
        choices=Channel.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    stages = StagesField(
        label=_("Service stages"),
        help_text=_("Separate with commas. The A-11 default is: start, middle, end."),
    )

    class Meta:
        model = Service
        fields = ("organization", "name", "description", "channels", "stages", "life_events")
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "life_events": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args: Any, organizations: QuerySet[Organization], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations  # type: ignore[attr-defined]
        if self.instance.pk:
            self.fields["organization"].disabled = True

    def clean_stages(self) -> list[str]:
        stages: list[str] = self.cleaned_data["stages"]
        if len(set(stages)) != len(stages):
            raise ValidationError(_("Name each stage once."))
        if self.instance.pk:
            in_use = set(self.instance.touchpoints.values_list("stage", flat=True)) - set(stages)
            if in_use:
                raise ValidationError(
                    _("Touchpoints still use these stages: %(stages)s"),
                    params={"stages": ", ".join(sorted(in_use))},
                )
        return stages


ORIGIN = re.compile(r"^https?://[a-z0-9.-]+(:[0-9]{1,5})?$")


class OriginsField(forms.CharField):
    """Web origins typed one per line, e.g. https://www.fema.gov."""

    widget = forms.Textarea(attrs={"rows": 3})

    def to_python(self, value: Any) -> list[str]:  # type: ignore[override]
        text = super().to_python(value) or ""
        origins = [line.strip().rstrip("/").lower() for line in text.splitlines() if line.strip()]
        bad = [origin for origin in origins if not ORIGIN.match(origin)]
        if bad:
            raise ValidationError(
                _(
                    "Not an origin: %(bad)s. Write the scheme and host only, e.g. https://www.fema.gov."
                ),
                params={"bad": ", ".join(bad)},
            )
        return sorted(set(origins))

    def prepare_value(self, value: Any) -> Any:
        return "\n".join(value) if isinstance(value, list) else value


class TouchpointForm(UswdsModelForm):
    allowed_origins = OriginsField(
        label=_("Websites allowed to embed the survey"),
        required=False,
        help_text=_(
            "One origin per line, e.g. https://www.fema.gov. Only these may submit answers "
            "or show the survey page in a frame."
        ),
    )

    class Meta:
        model = Touchpoint
        fields = (
            "name",
            "channel",
            "stage",
            "transaction_point_type",
            "is_active",
            "allowed_origins",
            "shared_address",
        )
        widgets = {
            "transaction_point_type": forms.RadioSelect,
            "stage": forms.Select,
        }

    def __init__(self, *args: Any, service: Service, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.service = service
        self.fields["stage"].widget.choices = [(s, s) for s in service.stages]


class LifeEventForm(UswdsModelForm):
    class Meta:
        model = LifeEvent
        fields = ("name", "slug", "kind", "description")
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}
