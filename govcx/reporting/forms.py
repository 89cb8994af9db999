from django import forms
from django.utils.translation import gettext_lazy as _

from govcx.analytics.periods import FiscalQuarter
from govcx.core.forms import UswdsForm, UswdsModelForm
from govcx.reporting.models import CollectionDetail


class DetailForm(UswdsModelForm):
    class Meta:
        model = CollectionDetail
        fields = (
            "volume_of_customers",
            "volume_of_customers_provided_survey_opportunity",
            "operational_metrics",
            "reflection_text",
        )
        widgets = {
            "operational_metrics": forms.Textarea(attrs={"rows": 2}),
            "reflection_text": forms.Textarea(attrs={"rows": 4}),
        }


class NoteForm(UswdsForm):
    note = forms.CharField(
        label=_("Note"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class QuarterForm(UswdsForm):
    quarter = forms.ChoiceField(label=_("Fiscal quarter"), required=False)

    def __init__(self, *args: object, quarters: list[FiscalQuarter], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.quarters = {f"{q.fiscal_year}-{q.quarter}": q for q in quarters}
        self.fields["quarter"].choices = [(k, q.label) for k, q in self.quarters.items()]  # type: ignore[attr-defined]

    def chosen(self) -> FiscalQuarter:
        default = next(iter(self.quarters.values()))
        if not self.is_valid():
            return default
        return self.quarters.get(self.cleaned_data.get("quarter") or "", default)
