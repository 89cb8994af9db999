"""The hosted survey page's logic, apart from HTTP: which page comes next, what is carried.

Without JavaScript a page shows every question, including those whose display rule depends on
another answer on the same page (with a note saying when to answer them). Answers to questions
that the final answers hide are then dropped, not refused: the respondent did nothing wrong. The
API, by contrast, refuses them (see validation.py).
"""

from typing import Any

from django.http import QueryDict

from govcx.core.text import is_acceptable
from govcx.surveys.definition import Definition, iter_questions
from govcx.surveys.rendering import OTHER_SUFFIX
from govcx.surveys.rules import evaluate
from govcx.surveys.vocabulary import QuestionType


def raw_answers(definition: Definition, data: QueryDict) -> dict[str, Any]:
    """Answers as posted by the HTML form: lists for multiple choice, strings otherwise. Blank
    fields are left out, but text the shared rule refuses is never blank (some control
    characters count as white space): check_answers must see it and say so."""
    raw: dict[str, Any] = {}
    for _page, question in iter_questions(definition):
        key = question["key"]
        if question["type"] == QuestionType.STATIC_TEXT:
            continue
        if question["type"] == QuestionType.MULTIPLE_CHOICE:
            values = [v for v in data.getlist(key) if v]
            if values:
                raw[key] = values
        elif _given(data.get(key, "")):
            raw[key] = data[key]
        if question.get("other") and _given(data.get(key + OTHER_SUFFIX, "")):
            raw[key + OTHER_SUFFIX] = data[key + OTHER_SUFFIX]
    return raw


def _given(value: str) -> bool:
    return bool(value.strip()) or not is_acceptable(value)


def prune_hidden(definition: Definition, raw: dict[str, Any]) -> dict[str, Any]:
    """Drop answers to questions (and pages) the other answers hide, in the order asked."""
    kept: dict[str, Any] = {}
    for page in definition["pages"]:
        page_shown = evaluate(page.get("show_if"), kept)
        for question in page["questions"]:
            key = question["key"]
            if page_shown and evaluate(question.get("show_if"), kept):
                for name in (key, key + OTHER_SUFFIX):
                    if name in raw:
                        kept[name] = raw[name]
    return kept


def shown_pages(definition: Definition, answers: dict[str, Any]) -> list[dict[str, Any]]:
    return [page for page in definition["pages"] if evaluate(page.get("show_if"), answers)]


def page_keys(page: dict[str, Any]) -> set[str]:
    keys = set()
    for question in page["questions"]:
        keys.add(question["key"])
        if question.get("other"):
            keys.add(question["key"] + OTHER_SUFFIX)
    return keys
