"""Ready-made segment questions, in English and Spanish, that agencies commonly add to learn
whether every group of the public is served equally well (EO 14058: "no one left behind").

Answering them is voluntary; each offers "Prefer not to say". A survey that asks one marks it
``"segment": true`` and the equity screen breaks trust down by its answers.
"""

import copy
from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext_lazy as _

from govcx.surveys.definition import SOURCE_LANGUAGE, Definition, iter_questions
from govcx.surveys.vocabulary import QuestionType

YES_NO = (("yes", _("Yes")), ("no", _("No")))

PREFER_NOT = {
    "value": "prefer_not",
    "label": {"en": "Prefer not to say", "es": "Prefiero no decir"},
}

AGE_GROUP: dict[str, Any] = {
    "key": "age_group",
    "type": "single_choice",
    "segment": True,
    "required": False,
    "text": {"en": "What is your age?", "es": "¿Cuál es su edad?"},
    "options": [
        {"value": "under_25", "label": {"en": "Under 25", "es": "Menos de 25"}},
        {"value": "25_44", "label": {"en": "25 to 44", "es": "De 25 a 44"}},
        {"value": "45_64", "label": {"en": "45 to 64", "es": "De 45 a 64"}},
        {"value": "65_plus", "label": {"en": "65 or older", "es": "65 o más"}},
        PREFER_NOT,
    ],
}

RURALITY: dict[str, Any] = {
    "key": "rurality",
    "type": "single_choice",
    "segment": True,
    "required": False,
    "text": {"en": "Where do you live?", "es": "¿Dónde vive?"},
    "options": [
        {"value": "urban", "label": {"en": "In a city", "es": "En una ciudad"}},
        {"value": "suburban", "label": {"en": "In a suburb", "es": "En un suburbio"}},
        {"value": "rural", "label": {"en": "In a rural area", "es": "En una zona rural"}},
        PREFER_NOT,
    ],
}

VETERAN: dict[str, Any] = {
    "key": "veteran",
    "type": "yes_no",
    "segment": True,
    "required": False,
    "text": {
        "en": "Have you served in the U.S. Armed Forces?",
        "es": "¿Ha servido en las Fuerzas Armadas de EE. UU.?",
    },
}

SEGMENT_QUESTIONS = (AGE_GROUP, RURALITY, VETERAN)


def with_segment_questions(definition: Definition, *questions: dict[str, Any]) -> Definition:
    """A copy of ``definition`` with ``questions`` asked on a last page of their own."""
    updated = copy.deepcopy(definition)
    updated["pages"].append(
        {
            "key": "about_you",
            "title": {"en": "About you (optional)", "es": "Sobre usted (opcional)"},
            "questions": [copy.deepcopy(q) for q in questions],
        }
    )
    return updated


def segment_labels(
    definitions: Iterable[Definition], language: str
) -> dict[str, tuple[str, dict[str, str]]]:
    """Segment question key -> (its text, {answer value: label}) in ``language`` (English when
    a string has no translation). Later definitions win, so pass them oldest first."""
    found: dict[str, tuple[str, dict[str, str]]] = {}
    for definition in definitions:
        for _page, question in iter_questions(definition):
            if question.get("segment") is not True:
                continue
            labels = {
                value: str(label)
                for value, label in (YES_NO if question.get("type") == QuestionType.YES_NO else ())
            }
            for option in question.get("options", []):
                labels[option["value"]] = _in(option["label"], language)
            found[question["key"]] = (_in(question.get("text", {}), language), labels)
    return found


def _in(text: dict[str, str], language: str) -> str:
    return text.get(language) or text.get(SOURCE_LANGUAGE, "")
