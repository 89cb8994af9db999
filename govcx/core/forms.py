"""USWDS form controls: classes and ARIA links added once here, not in every template; and the
shared rule for accepted text (govcx.core.text), applied to every field of every form."""

from datetime import date
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from govcx.core.text import text_problem

_WIDGET_CLASSES: dict[type[forms.Widget], str] = {
    forms.CheckboxSelectMultiple: "usa-checkbox__input",
    forms.RadioSelect: "usa-radio__input",
    forms.CheckboxInput: "usa-checkbox__input",
    forms.Select: "usa-select",
    forms.SelectMultiple: "usa-select",
    forms.Textarea: "usa-textarea",
}


def _widget_class(widget: forms.Widget) -> str:
    for kind in type(widget).__mro__:
        if kind in _WIDGET_CLASSES:
            return _WIDGET_CLASSES[kind]
    return "usa-input"


class UswdsFormMixin:
    """Give each widget its USWDS class, mark invalid fields, and point aria-describedby at the
    hint and the error message that ``core/field.html`` renders."""

    fields: dict[str, forms.Field]
    prefix: str | None

    def refuse_unacceptable_text(self) -> None:
        """A field error for each field whose submitted text the shared rule refuses. Django
        refuses NUL in character fields only; choices, lists and other controls come here.
        A field that already has an error keeps it (one message says what to fix)."""
        form: Any = self
        if not form.is_bound:
            return
        for name, field in self.fields.items():
            if field.disabled or name in form.errors:
                continue
            value = form[name].data
            for item in value if isinstance(value, list | tuple) else [value]:
                if isinstance(item, str) and (problem := text_problem(item)):
                    form.add_error(name, problem)
                    break

    def uswds_prepare(self) -> None:
        for name, field in self.fields.items():
            widget = field.widget
            classes = [_widget_class(widget)]
            bound_id = self.auto_id_for(name)
            described = []
            if field.help_text:
                described.append(f"{bound_id}-hint")
            if self.is_bound_with_errors(name):
                described.append(f"{bound_id}-error")
                if classes[0] in ("usa-input", "usa-select", "usa-textarea"):
                    classes.append(f"{classes[0]}--error")
                widget.attrs["aria-invalid"] = "true"
            widget.attrs["class"] = " ".join(classes)
            if described and not isinstance(
                widget, forms.CheckboxSelectMultiple | forms.RadioSelect
            ):
                widget.attrs["aria-describedby"] = " ".join(described)

    def auto_id_for(self, name: str) -> str:
        return f"id_{self.prefix}-{name}" if self.prefix else f"id_{name}"

    def is_bound_with_errors(self, name: str) -> bool:
        # Read the cached errors only: touching ``self.errors`` here would validate the form
        # before a subclass has finished setting up its fields.
        errors = getattr(self, "_errors", None)
        return bool(errors and name in errors)


class UswdsForm(UswdsFormMixin, forms.Form):
    def full_clean(self) -> None:
        super().full_clean()
        self.refuse_unacceptable_text()
        self.uswds_prepare()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.uswds_prepare()


class UswdsModelForm(UswdsFormMixin, forms.ModelForm):  # type: ignore[type-arg]
    def full_clean(self) -> None:
        super().full_clean()
        self.refuse_unacceptable_text()
        self.uswds_prepare()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.uswds_prepare()


# Dates people type into filters: wide enough for any real question, and far enough from the
# ends of the calendar (years 1 and 9999) that the day after, the period before or the same
# day a year earlier can always be computed.
EARLIEST_DATE = date(1900, 1, 1)
LATEST_DATE = date(2999, 12, 31)


class DateField(forms.DateField):
    """A date picker whose value lies between EARLIEST_DATE and LATEST_DATE."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("widget", forms.DateInput(attrs={"type": "date"}))
        super().__init__(**kwargs)

    def validate(self, value: Any) -> None:
        super().validate(value)
        if value and not EARLIEST_DATE <= value <= LATEST_DATE:
            raise ValidationError(
                _("Give a date between %(earliest)s and %(latest)s."),
                code="out_of_range",
                params={
                    "earliest": EARLIEST_DATE.isoformat(),
                    "latest": LATEST_DATE.isoformat(),
                },
            )
