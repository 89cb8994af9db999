from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from govcx.catalog.models import Touchpoint
from govcx.core.forms import UswdsForm


class KeyForm(UswdsForm):
    name = forms.CharField(
        label=_("Key name"),
        max_length=100,
        help_text=_("Which system uses it, e.g. “Call center IVR” or “Kiosk app”."),
    )


class ImportForm(UswdsForm):
    touchpoint = forms.ModelChoiceField(
        label=_("Touchpoint"),
        queryset=Touchpoint.objects.none(),
        help_text=_("Where the answers were given, e.g. a paper form."),
    )
    layout = forms.ChoiceField(
        label=_("File layout"),
        widget=forms.RadioSelect,
        initial="columns",
        choices=[
            (
                "columns",
                _(
                    "A header row of question keys (and optional id, language, "
                    "received_at, location_code columns)"
                ),
            ),
            ("a11", _("The A-11 17-column response format")),
        ],
    )
    file = forms.FileField(label=_("CSV file (UTF-8)"))

    def __init__(self, *args: Any, touchpoints: QuerySet[Touchpoint], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["touchpoint"].queryset = touchpoints  # type: ignore[attr-defined]
