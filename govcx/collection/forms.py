from django import forms
from django.utils.translation import gettext_lazy as _

from govcx.core.forms import UswdsForm


class KeyForm(UswdsForm):
    name = forms.CharField(
        label=_("Key name"),
        max_length=100,
        help_text=_("Which system uses it, e.g. “Call center IVR” or “Kiosk app”."),
    )
