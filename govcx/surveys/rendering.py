"""Turn a survey definition into Django form fields in one language.

The preview screen uses this today; the hosted survey page renders and validates with the same
fields, so what a survey manager previews is what the public answers.
"""

from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.utils import translation
from django.utils.translation import gettext as _

from govcx.core.forms import UswdsForm
from govcx.surveys.definition import Definition
from govcx.surveys.vocabulary import LONG_TEXT_LIMIT, SHORT_TEXT_LIMIT, QuestionType

OTHER_SUFFIX = "__other"


def localized(text: dict[str, str] | None, language: str) -> str:
    if not text:
        return ""
    return text.get(language) or text.get("en", "")


def scale_choices(kind: str) -> list[tuple[str, str]]:
    if kind == QuestionType.AGREEMENT5:
        return [
            ("1", _("Strongly disagree")),
            ("2", _("Disagree")),
            ("3", _("Neither agree nor disagree")),
            ("4", _("Agree")),
            ("5", _("Strongly agree")),
        ]
    if kind == QuestionType.THUMBS:
        return [("1", _("Thumbs up: yes")), ("0", _("Thumbs down: no"))]
    return [("yes", _("Yes")), ("no", _("No"))]


def question_fields(question: dict[str, Any], language: str) -> dict[str, forms.Field]:
    """The form field(s) for one question; a text block has none."""
    kind = question["type"]
    common: dict[str, Any] = {
        "label": localized(question.get("text"), language),
        "help_text": localized(question.get("help"), language),
        "required": bool(question.get("required")),
    }
    options = [(o["value"], localized(o["label"], language)) for o in question.get("options", [])]
    if kind in (QuestionType.AGREEMENT5, QuestionType.THUMBS, QuestionType.YES_NO):
        return {
            question["key"]: forms.ChoiceField(
                choices=scale_choices(kind), widget=forms.RadioSelect, **common
            )
        }
    if kind == QuestionType.SINGLE_CHOICE:
        return {
            question["key"]: forms.ChoiceField(choices=options, widget=forms.RadioSelect, **common)
        }
    if kind == QuestionType.DROPDOWN:
        return {
            question["key"]: forms.ChoiceField(choices=[("", _("- Select -")), *options], **common)
        }
    if kind == QuestionType.MULTIPLE_CHOICE:
        if question.get("other"):
            options.append(("other", _("Other")))
        fields: dict[str, forms.Field] = {
            question["key"]: forms.MultipleChoiceField(
                choices=options, widget=forms.CheckboxSelectMultiple, **common
            )
        }
        if question.get("other"):
            fields[question["key"] + OTHER_SUFFIX] = forms.CharField(
                label=_("Other (please describe)"), required=False, max_length=SHORT_TEXT_LIMIT
            )
        return fields
    if kind in (QuestionType.SHORT_TEXT, QuestionType.LONG_TEXT):
        default = SHORT_TEXT_LIMIT if kind == QuestionType.SHORT_TEXT else LONG_TEXT_LIMIT
        limit = question.get("max_length", default)
        widget = forms.Textarea(attrs={"rows": 5}) if kind == QuestionType.LONG_TEXT else None
        if kind == QuestionType.LONG_TEXT:
            common["help_text"] = " ".join(
                filter(None, [common["help_text"], _("Up to %(n)d characters.") % {"n": limit}])
            )
        return {question["key"]: forms.CharField(max_length=limit, widget=widget, **common)}
    if kind == QuestionType.EMAIL:
        return {question["key"]: forms.EmailField(**common)}
    if kind == QuestionType.PHONE:
        return {
            question["key"]: forms.RegexField(
                regex=r"^[0-9+()\-. ]{7,20}$",
                widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
                **common,
            )
        }
    if kind == QuestionType.NUMBER:
        return {
            question["key"]: forms.DecimalField(
                min_value=question.get("min"), max_value=question.get("max"), **common
            )
        }
    if kind == QuestionType.DATE:
        return {
            question["key"]: forms.DateField(
                widget=forms.DateInput(attrs={"type": "date"}), **common
            )
        }
    if kind == QuestionType.HIDDEN:
        return {
            question["key"]: forms.CharField(
                widget=forms.HiddenInput, required=False, max_length=SHORT_TEXT_LIMIT
            )
        }
    return {}


@dataclass
class Item:
    question: dict[str, Any]
    text: str
    fields: list[forms.BoundField] = field(default_factory=list)


@dataclass
class Page:
    key: str
    title: str
    show_if: dict[str, Any] | None
    items: list[Item]


def preview_pages(definition: Definition, language: str) -> list[Page]:
    """Every page with every question rendered unanswered, for the preview screen."""
    with translation.override(language):
        pages = []
        for page in definition["pages"]:
            form = UswdsForm()
            items = []
            for question in page["questions"]:
                fields = question_fields(question, language)
                form.fields.update(fields)
                items.append((question, list(fields)))
            form.uswds_prepare()
            pages.append(
                Page(
                    key=page["key"],
                    title=localized(page.get("title"), language),
                    show_if=page.get("show_if"),
                    items=[
                        Item(q, localized(q.get("text"), language), [form[name] for name in names])
                        for q, names in items
                    ],
                )
            )
        return pages
