"""Edits to a draft definition. Each function returns a new definition or raises EditError;
none touches the database. The parts an A-11 template requires (``locked``) survive every edit."""

import copy
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from govcx.surveys.definition import (
    Definition,
    definition_problems,
    iter_questions,
    questions_by_key,
    texts,
)
from govcx.surveys.rules import referenced_questions

LOCKED_FIELDS = {
    "key": gettext_lazy("key"),
    "type": gettext_lazy("type"),
    "measure": gettext_lazy("measure"),
    "drivers": gettext_lazy("drivers"),
}


class EditError(Exception):
    def __init__(self, message: str, problems: list[str] | None = None) -> None:
        super().__init__(message)
        self.problems = problems or []


def _checked(definition: Definition) -> Definition:
    problems = definition_problems(definition)
    if problems:
        raise EditError(_("That change would leave the survey invalid."), problems)
    return definition


def _page(definition: Definition, page_key: str) -> dict[str, Any]:
    for page in definition["pages"]:
        if page["key"] == page_key:
            return page  # type: ignore[no-any-return]
    raise EditError(_("No such page."))


def _rules_using(definition: Definition, key: str) -> list[str]:
    users = [
        _("page %(key)s") % {"key": page["key"]}
        for page in definition["pages"]
        if key in referenced_questions(page.get("show_if"))
    ]
    users += [
        _("question %(key)s") % {"key": q["key"]}
        for _page, q in iter_questions(definition)
        if key in referenced_questions(q.get("show_if"))
    ]
    return users


def question_save(
    definition: Definition, *, page_key: str, question: dict[str, Any], original_key: str | None
) -> Definition:
    """Add a question to a page, or replace ``original_key`` in place."""
    result = copy.deepcopy(definition)
    if original_key is None:
        if question["key"] in questions_by_key(result):
            raise EditError(_("Another question already uses the key %(key)s.") % question)
        _page(result, page_key)["questions"].append(question)
        return _checked(result)
    for page in result["pages"]:
        for index, existing in enumerate(page["questions"]):
            if existing["key"] != original_key:
                continue
            if existing.get("locked"):
                _keep_locked_parts(existing, question)
            elif question["key"] != original_key and _rules_using(result, original_key):
                raise EditError(_("Rules refer to this key; change them before renaming it."))
            page["questions"][index] = question
            return _checked(result)
    raise EditError(_("No such question."))


def _keep_locked_parts(existing: dict[str, Any], question: dict[str, Any]) -> None:
    for field, label in LOCKED_FIELDS.items():
        if existing.get(field) != question.get(field):
            raise EditError(
                _("The standard requires this question: its %(field)s cannot change.")
                % {"field": label}
            )
    question["locked"] = True
    if existing.get("required") and not question.get("required"):
        raise EditError(_("The standard requires an answer to this question."))
    kept = {o["value"] for o in question.get("options", [])}
    for option in existing.get("options", []):
        if option.get("locked") and option["value"] not in kept:
            raise EditError(
                _("The option %(value)s is required by the standard and cannot be removed.")
                % {"value": option["value"]}
            )


def question_delete(definition: Definition, *, key: str) -> Definition:
    result = copy.deepcopy(definition)
    for page in result["pages"]:
        for question in page["questions"]:
            if question["key"] != key:
                continue
            if question.get("locked"):
                raise EditError(_("The standard requires this question; it cannot be deleted."))
            users = _rules_using(result, key)
            if users:
                raise EditError(
                    _("Rules refer to this question: %(users)s.") % {"users": ", ".join(users)}
                )
            page["questions"].remove(question)
            if not page["questions"]:
                result["pages"].remove(page)
            return _checked(result)
    raise EditError(_("No such question."))


def question_move(definition: Definition, *, key: str, offset: int) -> Definition:
    """Move a question up (-1) or down (+1) within its page."""
    result = copy.deepcopy(definition)
    for page in result["pages"]:
        keys = [q["key"] for q in page["questions"]]
        if key in keys:
            index = keys.index(key)
            target = index + offset
            if not 0 <= target < len(keys):
                return result
            questions = page["questions"]
            questions[index], questions[target] = questions[target], questions[index]
            return _checked(result)
    raise EditError(_("No such question."))


def page_add(definition: Definition, *, key: str, title: dict[str, str] | None) -> Definition:
    """A new page needs a first question, so the page starts with a text block to replace."""
    result = copy.deepcopy(definition)
    result["pages"].append(
        {
            "key": key,
            **({"title": title} if title else {}),
            "questions": [
                {"key": f"{key}_intro", "type": "static_text", "text": {"en": "New page"}}
            ],
        }
    )
    return _checked(result)


def page_save(
    definition: Definition, *, key: str, title: dict[str, str] | None, show_if: Any
) -> Definition:
    result = copy.deepcopy(definition)
    page = _page(result, key)
    page.pop("title", None)
    page.pop("show_if", None)
    if title:
        page["title"] = title
    if show_if:
        page["show_if"] = show_if
    return _checked(result)


def page_delete(definition: Definition, *, key: str) -> Definition:
    result = copy.deepcopy(definition)
    page = _page(result, key)
    if any(q.get("locked") for q in page["questions"]):
        raise EditError(_("This page holds questions the standard requires."))
    for question in page["questions"]:
        if _rules_using(result, question["key"]):
            raise EditError(_("Rules on other pages refer to this page's questions."))
    if len(result["pages"]) == 1:
        raise EditError(_("A survey keeps at least one page."))
    result["pages"].remove(page)
    return _checked(result)


def translations_save(
    definition: Definition, *, language: str, values: dict[str, str]
) -> Definition:
    """Set the ``language`` text of each slot (see definition.texts) given in ``values``."""
    result = copy.deepcopy(definition)
    for slot, _where, text in texts(result):
        if slot in values:
            if values[slot].strip():
                text[language] = values[slot].strip()
            else:
                text.pop(language, None)
    if language not in result["languages"]:
        result["languages"].append(language)
    return _checked(result)


def languages_save(definition: Definition, *, languages: list[str]) -> Definition:
    result = copy.deepcopy(definition)
    result["languages"] = ["en", *[code for code in languages if code != "en"]]
    return _checked(result)


PRIVACY_TEXTS = ("authority", "purpose", "routine_uses", "disclosure")


def texts_save(
    definition: Definition, *, english: dict[str, str], privacy: dict[str, str] | None
) -> Definition:
    """Set the English title, intro and thank-you text, and the Privacy Act statement (or none).

    Translations of a text are kept when its English is unchanged and dropped when it changes, so
    a stale translation can never be published (publishing requires every language).
    """
    result = copy.deepcopy(definition)
    for field in ("title", "intro", "thank_you"):
        result[field] = _english(result.get(field), english.get(field, ""))
        if result[field] is None:
            result.pop(field)
    if privacy is None:
        result["privacy"] = None
    else:
        old = result.get("privacy") or {}
        result["privacy"] = {
            **{name: _english(old.get(name), privacy.get(name, "")) for name in PRIVACY_TEXTS},
            "sorn": privacy.get("sorn", "").strip(),
        }
    return _checked(result)


def _english(existing: dict[str, str] | None, text: str) -> dict[str, str] | None:
    text = text.strip()
    if not text:
        return None
    if existing and existing.get("en") == text:
        return existing
    return {"en": text}
