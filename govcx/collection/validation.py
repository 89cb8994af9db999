"""Check submitted answers against the exact survey version: one validator for every channel.

The hosted page, the widget, the API and file imports all call ``check_answers``. Values arrive as
strings (or lists of strings for multiple choice; JSON numbers are accepted for number questions).
Every string must be acceptable text (govcx.core.text: no NUL, no lone surrogates, no other
control characters but tab and line ends), checked first, before blanks are dropped. A question
hidden by its display rule must not be answered; a visible required one must be. Errors map each
field to one clear message.
"""

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from govcx.core.text import text_problem
from govcx.surveys.definition import Definition, allowed_values
from govcx.surveys.rendering import OTHER_SUFFIX
from govcx.surveys.rules import Answers, evaluate
from govcx.surveys.vocabulary import (
    LONG_TEXT_LIMIT,
    SHORT_TEXT_LIMIT,
    QuestionType,
)

PHONE = re.compile(r"^[0-9+()\-. ]{7,25}$")
OTHER_LIMIT = SHORT_TEXT_LIMIT


@dataclass
class Checked:
    answers: dict[str, Any] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.errors


def check_answers(
    definition: Definition, raw: dict[str, Any], *, through_page: int | None = None
) -> Checked:
    """Validate ``raw`` answers. With ``through_page`` (1-based), check only the questions on the
    visible pages up to that one: how the hosted page checks each step before the last."""
    result = Checked()
    known: set[str] = set()
    answers: Answers = {}
    seen_pages = 0
    for page in definition["pages"]:
        questions = page["questions"]
        for question in questions:
            known.add(question["key"])
            if question.get("other"):
                known.add(question["key"] + OTHER_SUFFIX)
        page_shown = evaluate(page.get("show_if"), answers)
        if page_shown:
            seen_pages += 1
        in_scope = through_page is None or (page_shown and seen_pages <= through_page)
        for question in questions:
            _check_question(question, raw, answers, result, shown=page_shown, in_scope=in_scope)
    for key in sorted(set(raw) - known):
        result.errors[key] = _("Unexpected field: this survey has no question “%(key)s”.") % {
            "key": key
        }
    return result


def _check_question(
    question: dict[str, Any],
    raw: dict[str, Any],
    answers: Answers,
    result: Checked,
    *,
    shown: bool,
    in_scope: bool,
) -> None:
    key = question["key"]
    kind = question["type"]
    other_key = key + OTHER_SUFFIX
    if kind == QuestionType.STATIC_TEXT:
        if key in raw:
            result.errors[key] = _("This is a text block; it takes no answer.")
        return
    refused = {
        name: problem
        for name in (key, other_key)
        if name in raw and (problem := _refused_text(raw[name]))
    }
    if refused:
        result.errors.update(refused)
        return
    visible = shown and evaluate(question.get("show_if"), answers)
    value = _blank_to_none(raw.get(key))
    other = _blank_to_none(raw.get(other_key))
    if not visible:
        if value is not None or other is not None:
            result.errors[key] = _("This question is not asked for the answers given.")
        return
    if value is None:
        if other is not None:
            result.errors[other_key] = _("Choose “Other” to describe another answer.")
        if question.get("required") and in_scope:
            result.errors[key] = _("This question needs an answer.")
        return
    try:
        cleaned = _clean_value(question, value)
    except ValidationError as error:
        result.errors[key] = error.messages[0]
        return
    answers[key] = cleaned
    result.answers[key] = cleaned
    if other is not None:
        if not isinstance(cleaned, list) or "other" not in cleaned:
            result.errors[other_key] = _("Choose “Other” to describe another answer.")
        elif not isinstance(other, str) or len(other) > OTHER_LIMIT:
            result.errors[other_key] = _("Use at most %(n)d characters.") % {"n": OTHER_LIMIT}
        else:
            result.answers[other_key] = other.strip()


def _refused_text(value: Any) -> str | None:
    """Why a string answer, or one of a list's, is not acceptable text (None when it is)."""
    for item in value if isinstance(value, list) else [value]:
        if isinstance(item, str) and (problem := text_problem(item)):
            return problem
    return None


def _blank_to_none(value: Any) -> Any:
    if value is None or value == "" or value == []:
        return None
    if isinstance(value, str) and not value.strip():
        return None
    return value


def _clean_value(question: dict[str, Any], value: Any) -> Any:
    kind = question["type"]
    if kind == QuestionType.MULTIPLE_CHOICE:
        values = value if isinstance(value, list) else [value]
        if not all(isinstance(v, str) for v in values):
            raise ValidationError(_("Send the chosen options as a list of values."))
        allowed = [*allowed_values(question), *(["other"] if question.get("other") else [])]
        unknown = [v for v in values if v not in allowed]
        if unknown:
            raise ValidationError(_("Not an option: %(values)s.") % {"values": ", ".join(unknown)})
        if len(set(values)) != len(values):
            raise ValidationError(_("Each option may be chosen once."))
        return [v for v in allowed if v in values]
    if not isinstance(value, str) and not (
        kind == QuestionType.NUMBER
        and isinstance(value, int | float)
        and not isinstance(value, bool)
    ):
        raise ValidationError(_("Send one value as text."))
    text = str(value).strip()
    if kind in (
        QuestionType.AGREEMENT5,
        QuestionType.THUMBS,
        QuestionType.YES_NO,
        QuestionType.SINGLE_CHOICE,
        QuestionType.DROPDOWN,
    ):
        if text not in allowed_values(question):
            raise ValidationError(
                _("Not an option: choose one of %(values)s.")
                % {"values": ", ".join(allowed_values(question))}
            )
        return text
    if kind in (QuestionType.SHORT_TEXT, QuestionType.LONG_TEXT, QuestionType.HIDDEN):
        default = LONG_TEXT_LIMIT if kind == QuestionType.LONG_TEXT else SHORT_TEXT_LIMIT
        limit = int(question.get("max_length", default))
        if len(text) > limit:
            raise ValidationError(
                _("Use at most %(limit)d characters (this has %(n)d).")
                % {"limit": limit, "n": len(text)}
            )
        return text
    if kind == QuestionType.EMAIL:
        validate_email(text)
        return text
    if kind == QuestionType.PHONE:
        if not PHONE.match(text) or sum(c.isdigit() for c in text) < 7:
            raise ValidationError(_("Enter a phone number, e.g. 202-555-0143."))
        return text
    if kind == QuestionType.NUMBER:
        return _number(question, text)
    if kind == QuestionType.DATE:
        try:
            return date.fromisoformat(text).isoformat()
        except ValueError:
            raise ValidationError(_("Enter a date as YYYY-MM-DD.")) from None
    raise ValidationError(_("Unknown question type."))


def _number(question: dict[str, Any], text: str) -> str:
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise ValidationError(_("Enter a number.")) from None
    if not number.is_finite():
        raise ValidationError(_("Enter a number."))
    if "min" in question and number < Decimal(str(question["min"])):
        raise ValidationError(_("Enter %(min)s or more.") % {"min": question["min"]})
    if "max" in question and number > Decimal(str(question["max"])):
        raise ValidationError(_("Enter %(max)s or less.") % {"max": question["max"]})
    return format(number.normalize(), "f") if number == number.to_integral() else str(number)
