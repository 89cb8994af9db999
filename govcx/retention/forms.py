from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from govcx.core.forms import UswdsForm
from govcx.retention.models import MAX_MONTHS
from govcx.surveys.models import Survey


class RetentionPeriodForm(UswdsForm):
    months = forms.IntegerField(
        label=_("Months to keep responses"),
        required=False,
        min_value=1,
        max_value=MAX_MONTHS,
        help_text=_(
            "Counted from the end of the quarter the responses belong to. Leave empty to use "
            "the period of the organization above, or the platform default."
        ),
    )


class HoldForm(UswdsForm):
    survey = forms.ModelChoiceField(label=_("Survey"), queryset=Survey.objects.none())
    reason = forms.CharField(
        label=_("Reason"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example the litigation, investigation or request that needs the data."),
    )

    def __init__(self, *args: Any, surveys: QuerySet[Survey], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["survey"]
        assert isinstance(field, forms.ModelChoiceField)  # noqa: S101
        field.queryset = surveys


class ClearHoldForm(UswdsForm):
    reason = forms.CharField(
        label=_("Why the hold is no longer needed"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
