from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from govcx.catalog.models import Organization, Touchpoint
from govcx.core.forms import UswdsForm, UswdsModelForm
from govcx.surveys.definition import KEY, OPTION_VALUE, Definition, iter_questions
from govcx.surveys.models import Survey
from govcx.surveys.pra import CONTROL_NUMBER
from govcx.surveys.rules import OPERATORS, VALUELESS
from govcx.surveys.vocabulary import CHOICE_TYPES, SURVEY_LANGUAGES, Measure, QuestionType

TEMPLATE_CHOICES = [
    ("a11_current_thumbs", _("A-11 current standard: trust as thumbs up or down (recommended)")),
    ("a11_current_scale", _("A-11 current standard: trust on a 5-point agreement scale")),
    ("a11_legacy", _("A-11 legacy standard: seven agreement-scale items")),
    ("blank", _("Blank survey")),
]


class TouchpointChoice(forms.ModelMultipleChoiceField[Touchpoint]):
    def label_from_instance(self, obj: Touchpoint) -> str:
        return f"{obj.service.name}: {obj.name} ({obj.get_channel_display()})"


def _touchpoints(organizations: QuerySet[Organization]) -> QuerySet[Touchpoint]:
    return (
        Touchpoint.objects.filter(service__organization__in=organizations)
        .select_related("service")
        .order_by("service__name", "name")
    )


def _check_touchpoints(organization: Organization | None, touchpoints: Any) -> None:
    if organization is None:
        return
    for touchpoint in touchpoints:
        if not touchpoint.service.organization.path.startswith(organization.path):
            raise ValidationError(
                _("%(touchpoint)s belongs to another organization.") % {"touchpoint": touchpoint}
            )


class SurveyCreateForm(UswdsForm):
    organization = forms.ModelChoiceField(
        label=_("Organization"), queryset=Organization.objects.none()
    )
    template = forms.ChoiceField(
        label=_("Start from"),
        choices=TEMPLATE_CHOICES,
        widget=forms.RadioSelect,
        initial="a11_current_thumbs",
    )
    touchpoints = TouchpointChoice(
        label=_("Touchpoints"),
        queryset=Touchpoint.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Where the survey is offered. The first one's service names the survey."),
    )
    name = forms.CharField(
        label=_("Name (for staff)"),
        required=False,
        max_length=200,
        help_text=_("Leave blank to use the service's name."),
    )

    def __init__(self, *args: Any, organizations: QuerySet[Organization], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations  # type: ignore[attr-defined]
        self.fields["touchpoints"].queryset = _touchpoints(organizations)  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        _check_touchpoints(data.get("organization"), data.get("touchpoints", []))
        return data


class SurveyImportForm(SurveyCreateForm):
    file = forms.FileField(label=_("Survey file (JSON)"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["template"]
        del self.fields["name"]


class SurveySettingsForm(UswdsModelForm):
    federal_register_url = forms.URLField(
        label=_("Federal Register notice"), required=False, assume_scheme="https"
    )
    touchpoints = TouchpointChoice(
        label=_("Touchpoints"),
        queryset=Touchpoint.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Survey
        fields = (
            "name",
            "touchpoints",
            "pra_applies",
            "omb_control_number",
            "pra_expiration",
            "burden_minutes",
            "burden_comments_to",
            "federal_register_url",
            "pra_exemption",
            "pra_exemption_note",
        )
        widgets = {
            "pra_expiration": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "burden_comments_to": forms.Textarea(attrs={"rows": 3}),
            "pra_exemption_note": forms.Textarea(attrs={"rows": 3}),
            "pra_exemption": forms.RadioSelect,
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        organization = self.instance.organization
        self.fields["touchpoints"].queryset = _touchpoints(  # type: ignore[attr-defined]
            Organization.objects.filter(path__startswith=organization.path)
        )

    def clean_omb_control_number(self) -> str:
        number: str = self.cleaned_data["omb_control_number"].strip()
        if number and not CONTROL_NUMBER.match(number):
            raise ValidationError(_("Enter the number in the form NNNN-NNNN, e.g. 3090-0325."))
        return number

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("pra_applies") and not data.get("pra_exemption"):
            self.add_error(
                "pra_exemption", _("Say why the Paperwork Reduction Act does not apply.")
            )
        if (
            data.get("pra_exemption") == Survey.PraExemption.OTHER
            and not (data.get("pra_exemption_note") or "").strip()
        ):
            self.add_error("pra_exemption_note", _("Explain the reason."))
        return data


class ConditionFields(UswdsForm):
    """A single "show when" rule: question, comparison and values (richer rules via JSON)."""

    show_if_question = forms.ChoiceField(label=_("Show only when the answer to"), required=False)
    show_if_op = forms.ChoiceField(
        label=_("Comparison"),
        required=False,
        choices=[("", "-")] + [(op, op.replace("_", " ")) for op in sorted(OPERATORS)],
    )
    show_if_values = forms.CharField(
        label=_("Values"),
        required=False,
        max_length=500,
        help_text=_("Answer values, separated by commas (thumbs: 1 up, 0 down; scale: 1 to 5)."),
    )

    def set_condition_choices(self, earlier: list[tuple[str, str]], rule: Any) -> None:
        self.fields["show_if_question"].choices = [("", _("(always show)")), *earlier]  # type: ignore[attr-defined]
        if isinstance(rule, dict) and "question" in rule:
            self.initial.update(
                show_if_question=rule["question"],
                show_if_op=rule["op"],
                show_if_values=", ".join(rule.get("values") or [rule.get("value", "")]).strip(", "),
            )
        elif rule:
            self.fields["show_if_question"].help_text = _(
                "This item has a combined rule; edit it through a survey file import."
            )
            self.fields["show_if_question"].disabled = True

    def condition(self) -> dict[str, Any] | None:
        data = self.cleaned_data
        key, op = data.get("show_if_question"), data.get("show_if_op")
        if not key:
            return None
        if not op:
            raise ValidationError({"show_if_op": _("Choose a comparison.")})
        values = [v.strip() for v in data.get("show_if_values", "").split(",") if v.strip()]
        if op in VALUELESS:
            return {"question": key, "op": op}
        if not values:
            raise ValidationError({"show_if_values": _("Give at least one value.")})
        if op in ("in", "not_in"):
            return {"question": key, "op": op, "values": values}
        return {"question": key, "op": op, "value": values[0]}


def earlier_questions(definition: Definition, before: str | None) -> list[tuple[str, str]]:
    """Questions a rule may look at: those that come before ``before`` (all when None)."""
    choices = []
    for _page, question in iter_questions(definition):
        if question["key"] == before:
            break
        if question["type"] != QuestionType.STATIC_TEXT:
            choices.append(
                (
                    question["key"],
                    f"{question['key']}: {question.get('text', {}).get('en', '')}"[:90],
                )
            )
    return choices


class QuestionForm(ConditionFields):
    key = forms.CharField(
        label=_("Key"),
        max_length=40,
        help_text=_(
            "Lower-case letters, digits and _, e.g. wait_time. Answers are stored under it."
        ),
    )
    type = forms.ChoiceField(label=_("Type"), choices=QuestionType.choices)
    text = forms.CharField(
        label=_("Question (English)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    help = forms.CharField(label=_("Help text (English)"), required=False, max_length=500)
    required = forms.BooleanField(label=_("An answer is required"), required=False)
    measure = forms.ChoiceField(
        label=_("CX measure"),
        required=False,
        choices=[("", _("(none)")), *Measure.choices],
        help_text=_("Analytics and reports key on this tag, not on the wording."),
    )
    segment = forms.BooleanField(
        label=_("Break trust down by the answers to this question (equity segment)"),
        required=False,
        help_text=_(
            "For questions about who the respondent is, such as age group or veteran status: "
            "single choice, dropdown or yes/no, one answer each. Use the same key and option "
            "values in every survey that asks it, so the equity screen can add them up."
        ),
    )
    options = forms.CharField(
        label=_("Options"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("One per line: value | English label, e.g. online | On the website."),
    )
    other = forms.BooleanField(label=_("Offer “Other” with a write-in box"), required=False)
    max_length = forms.IntegerField(label=_("Character limit"), required=False, min_value=1)
    min = forms.DecimalField(label=_("Smallest number allowed"), required=False)
    max = forms.DecimalField(label=_("Largest number allowed"), required=False)

    def __init__(self, *args: Any, locked: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if locked:
            for name in ("key", "type", "measure"):
                self.fields[name].disabled = True

    def clean_key(self) -> str:
        key: str = self.cleaned_data["key"].strip()
        if not KEY.match(key):
            raise ValidationError(
                _("Use lower-case letters, digits and _, starting with a letter.")
            )
        return key

    def parsed_options(self) -> list[dict[str, Any]]:
        options = []
        for number, line in enumerate(self.cleaned_data.get("options", "").splitlines(), start=1):
            if not line.strip():
                continue
            value, _sep, label = (part.strip() for part in line.partition("|"))
            if not OPTION_VALUE.match(value) or not label:
                raise ValidationError(
                    {
                        "options": _("Line %(n)d: write value | label, the value in lower case.")
                        % {"n": number}
                    }
                )
            options.append({"value": value, "label": {"en": label}})
        return options

    def question(self, existing: dict[str, Any] | None) -> dict[str, Any]:
        """The question as stored, keeping translations and option extras of ``existing``."""
        data = self.cleaned_data
        old = existing or {}
        question: dict[str, Any] = {"key": data["key"], "type": data["type"]}
        question["text"] = {**old.get("text", {}), "en": data["text"].strip()}
        if data["help"].strip():
            question["help"] = {**old.get("help", {}), "en": data["help"].strip()}
        question["required"] = data["required"]
        for name in ("measure", "drivers"):
            value = data.get(name) if name in data else old.get(name)
            if value:
                question[name] = value
        if data.get("segment"):
            question["segment"] = True
        if data["type"] in CHOICE_TYPES:
            previous = {o["value"]: o for o in old.get("options", [])}
            question["options"] = [
                {
                    **previous.get(o["value"], {}),
                    **o,
                    "label": {**previous.get(o["value"], {}).get("label", {}), **o["label"]},
                }
                for o in self.parsed_options()
            ]
            if data["other"]:
                question["other"] = True
        if data.get("max_length"):
            question["max_length"] = data["max_length"]
        for bound in ("min", "max"):
            value = data.get(bound)
            if value is not None:
                question[bound] = int(value) if value == value.to_integral_value() else float(value)
        condition = self.condition()
        if condition:
            question["show_if"] = condition
        return question


class PageForm(ConditionFields):
    title = forms.CharField(label=_("Page title (English)"), required=False, max_length=200)


class TextsForm(UswdsForm):
    title = forms.CharField(label=_("Title (English)"), max_length=200)
    intro = forms.CharField(
        label=_("Introduction (English)"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    thank_you = forms.CharField(
        label=_("Thank-you message (English)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    has_privacy = forms.BooleanField(
        label=_("The survey asks for personal information: show a Privacy Act statement"),
        required=False,
        help_text=_("Required when it asks for an email address or phone number."),
    )
    authority = forms.CharField(
        label=_("Authority"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    purpose = forms.CharField(
        label=_("Purpose"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    routine_uses = forms.CharField(
        label=_("Routine uses"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    disclosure = forms.CharField(
        label=_("Disclosure"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Say whether answering is voluntary and what happens if a person does not answer."
        ),
    )
    sorn = forms.CharField(
        label=_("System of records notice (SORN)"), required=False, max_length=200
    )

    @classmethod
    def for_definition(cls, definition: Definition, data: Any = None) -> "TextsForm":
        privacy = definition.get("privacy") or {}
        initial = {
            name: (definition.get(name) or {}).get("en", "")
            for name in ("title", "intro", "thank_you")
        }
        initial.update(
            {
                name: (privacy.get(name) or {}).get("en", "")
                for name in ("authority", "purpose", "routine_uses", "disclosure")
            }
        )
        initial.update(has_privacy=bool(privacy), sorn=privacy.get("sorn", ""))
        return cls(data, initial=initial)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("has_privacy"):
            for name in ("authority", "purpose", "routine_uses", "disclosure", "sorn"):
                if not (data.get(name) or "").strip():
                    self.add_error(name, _("Required for a Privacy Act statement."))
        return data


class LanguagesForm(UswdsForm):
    languages = forms.MultipleChoiceField(
        label=_("Languages offered besides English"),
        required=False,
        choices=SURVEY_LANGUAGES,
        widget=forms.CheckboxSelectMultiple,
    )


class TranslationForm(UswdsForm):
    def __init__(
        self, *args: Any, slots: list[tuple[str, str, dict[str, str]]], language: str, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        for slot, where, text in slots:
            english = text.get("en", "")
            long_text = len(english) > 80
            self.fields[slot] = forms.CharField(
                label=english or where,
                required=False,
                initial=text.get(language, ""),
                help_text=where,
                widget=forms.Textarea(attrs={"rows": 3}) if long_text else forms.TextInput,
            )
        self.uswds_prepare()
