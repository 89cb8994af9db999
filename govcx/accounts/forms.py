from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from govcx.accounts.models import Membership, Scope
from govcx.accounts.roles import Role
from govcx.accounts.tokens import NO_SCOPES
from govcx.core.forms import UswdsForm, UswdsFormMixin


class SignInForm(UswdsFormMixin, AuthenticationForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("Email address")
        self.fields["username"].widget.attrs["autocomplete"] = "email"
        self.uswds_prepare()

    def full_clean(self) -> None:
        super().full_clean()
        self.uswds_prepare()


class GrantRoleForm(UswdsForm):
    email = forms.EmailField(
        label=_("Email address"),
        help_text=_("Their work email. They sign in with this address."),
    )
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)


class ChangeRoleForm(UswdsForm):
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)

    @classmethod
    def for_membership(cls, membership: Membership, data: Any = None) -> "ChangeRoleForm":
        return cls(data, initial={"role": membership.role})


class TotpForm(UswdsForm):
    code = forms.CharField(
        label=_("Code from your authenticator app"),
        help_text=_("6 digits. A new code appears every 30 seconds."),
        min_length=6,
        max_length=6,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "pattern": "[0-9]*"}
        ),
    )

    def clean_code(self) -> str:
        code: str = self.cleaned_data["code"].strip()
        if not code.isdigit():
            raise forms.ValidationError(_("Enter digits only."))
        return code


class ApiTokenForm(UswdsForm):
    name = forms.CharField(
        label=_("Token name"),
        max_length=100,
        help_text=_("What uses it, e.g. “Data warehouse nightly load”."),
    )
    scopes = forms.MultipleChoiceField(
        label=_("What it may do"),
        choices=Scope.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("It reaches only the organizations where your roles allow it."),
    )
    expires_on = forms.DateField(
        label=_("Expires on"),
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Required. The token stops working at the start of this day."),
    )

    def __init__(self, *args: Any, allowed: list[Scope], **kwargs: Any) -> None:
        """Offer only ``allowed``: the scopes the person's roles can use."""
        super().__init__(*args, **kwargs)
        field = self.fields["scopes"]
        assert isinstance(field, forms.MultipleChoiceField)  # noqa: S101 - declared above
        field.choices = [(scope.value, scope.label) for scope in allowed]
        field.error_messages["invalid_choice"] = _("Your roles do not allow the %(value)s scope.")
        if not allowed:
            field.help_text = NO_SCOPES
        self.uswds_prepare()
