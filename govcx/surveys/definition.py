"""Survey definitions: the versioned JSON document a survey version stores.

One document holds pages, questions, options, rules and every respondent-facing string in each
language, so a published version is a single immutable value and answers can be checked against
exactly what the respondent saw. ``definition_problems`` lists everything wrong with a document,
each problem naming where it is; the JSON schema is described in docs/survey-definition.md.
"""

import re
from collections.abc import Iterator
from typing import Any

from govcx.core.text import tree_problems
from govcx.surveys.rules import referenced_questions, rule_shape_problems
from govcx.surveys.vocabulary import (
    CHOICE_TYPES,
    CONTACT_TYPES,
    DRIVERS,
    LONG_TEXT_LIMIT,
    NO_ANSWER_TYPES,
    SCALE_VALUES,
    SEGMENT_TYPES,
    SHORT_TEXT_LIMIT,
    TEXT_TYPES,
    Measure,
    QuestionType,
)

SCHEMA = "govcx-survey/1"
SOURCE_LANGUAGE = "en"
KEY = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
OPTION_VALUE = re.compile(r"^[a-z0-9_]{1,40}$")
LANGUAGE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$")

TOP_FIELDS = {"schema", "languages", "title", "intro", "thank_you", "privacy", "pages"}
PAGE_FIELDS = {"key", "title", "show_if", "questions"}
QUESTION_FIELDS = {
    "key",
    "type",
    "text",
    "help",
    "required",
    "measure",
    "drivers",
    "segment",
    "locked",
    "options",
    "other",
    "max_length",
    "min",
    "max",
    "show_if",
}
OPTION_FIELDS = {"value", "label", "measure", "locked"}
PRIVACY_FIELDS = {"authority", "purpose", "routine_uses", "disclosure", "sorn"}

Definition = dict[str, Any]


def iter_questions(definition: Definition) -> Iterator[tuple[dict[str, Any], dict[str, Any]]]:
    """(page, question) pairs in the order a respondent meets them."""
    for page in definition.get("pages", []):
        for question in page.get("questions", []):
            yield page, question


def questions_by_key(definition: Definition) -> dict[str, dict[str, Any]]:
    return {q["key"]: q for _, q in iter_questions(definition) if isinstance(q.get("key"), str)}


def answerable_questions(definition: Definition) -> list[dict[str, Any]]:
    return [q for _, q in iter_questions(definition) if q.get("type") not in NO_ANSWER_TYPES]


def uses_contact_details(definition: Definition) -> bool:
    return any(q.get("type") in CONTACT_TYPES for _, q in iter_questions(definition))


def allowed_values(question: dict[str, Any]) -> list[str]:
    """The answer values a scale or choice question accepts ("other" aside)."""
    kind = question.get("type")
    if kind in SCALE_VALUES:
        return list(SCALE_VALUES[kind])
    return [o["value"] for o in question.get("options", []) if isinstance(o, dict) and "value" in o]


def texts(definition: Definition) -> Iterator[tuple[str, str, dict[str, str]]]:
    """Every respondent-facing string: (slot id, where, {language: text}).

    Slot ids ("title", "q.trust.text", "q.went_well.opt.ease", ...) address a string for editing.
    """
    for field in ("title", "intro", "thank_you"):
        if isinstance(definition.get(field), dict):
            yield field, field.replace("_", "-"), definition[field]
    privacy = definition.get("privacy") or {}
    for field in ("authority", "purpose", "routine_uses", "disclosure"):
        if isinstance(privacy.get(field), dict):
            yield f"privacy.{field}", f"privacy {field.replace('_', ' ')}", privacy[field]
    for page in definition.get("pages", []):
        if isinstance(page.get("title"), dict):
            yield f"page.{page.get('key')}.title", f"page {page.get('key')}: title", page["title"]
        for question in page.get("questions", []):
            key = question.get("key")
            for field in ("text", "help"):
                if isinstance(question.get(field), dict):
                    yield f"q.{key}.{field}", f"question {key}: {field}", question[field]
            for option in question.get("options", []):
                if isinstance(option, dict) and isinstance(option.get("label"), dict):
                    value = option.get("value")
                    yield f"q.{key}.opt.{value}", f"question {key}: option {value}", option["label"]


def translation_problems(definition: Definition, languages: list[str]) -> list[str]:
    """Strings with English text but none in one of ``languages``."""
    problems = []
    for _slot, where, text in texts(definition):
        if not text.get(SOURCE_LANGUAGE, "").strip():
            continue
        for language in languages:
            if not str(text.get(language, "")).strip():
                problems.append(f"{where}: no {language} translation.")
    return problems


def definition_problems(data: Any) -> list[str]:
    """Every structural and semantic problem of a definition document (empty when sound)."""
    if not isinstance(data, dict):
        return ["The definition must be a JSON object."]
    # The shared text rule, and a bound on nesting before anything below recurses into rules.
    refused = tree_problems(data)
    if refused:
        return [f"{where}: {problem}" for where, problem in refused.items()]
    problems = [f"Unexpected field '{name}'." for name in sorted(set(data) - TOP_FIELDS)]
    if data.get("schema") != SCHEMA:
        problems.append(f"'schema' must be \"{SCHEMA}\".")
    languages = data.get("languages")
    if (
        not isinstance(languages, list)
        or SOURCE_LANGUAGE not in languages
        or not all(isinstance(x, str) and LANGUAGE.match(x) for x in languages)
    ):
        problems.append("'languages' must list language codes and include \"en\".")
    problems += _text_problems(data.get("title"), "title", required=True)
    for field in ("intro", "thank_you"):
        problems += _text_problems(data.get(field), field, required=False)
    problems += _privacy_problems(data.get("privacy"))
    pages = data.get("pages")
    if not isinstance(pages, list) or not pages:
        return [*problems, "'pages' must be a non-empty list."]
    seen: dict[str, dict[str, Any]] = {}
    page_keys: set[str] = set()
    for number, page in enumerate(pages, start=1):
        problems += _page_problems(page, number, seen, page_keys)
    if not any(q.get("type") not in NO_ANSWER_TYPES for q in seen.values()):
        problems.append("The survey asks no question.")
    return problems


def _page_problems(
    page: Any, number: int, seen: dict[str, dict[str, Any]], page_keys: set[str]
) -> list[str]:
    where = f"page {number}"
    if not isinstance(page, dict):
        return [f"{where}: must be an object."]
    problems = [f"{where}: unexpected field '{name}'." for name in sorted(set(page) - PAGE_FIELDS)]
    key = page.get("key")
    if not isinstance(key, str) or not KEY.match(key):
        problems.append(
            f"{where}: 'key' must be lower-case letters, digits or _, starting with a letter."
        )
    elif key in page_keys:
        problems.append(f"{where}: key '{key}' is used twice.")
    else:
        page_keys.add(key)
    problems += _text_problems(page.get("title"), f"{where} title", required=False)
    problems += _condition_problems(page.get("show_if"), f"{where} show_if", seen)
    questions = page.get("questions")
    if not isinstance(questions, list) or not questions:
        return [*problems, f"{where}: 'questions' must be a non-empty list."]
    for index, question in enumerate(questions, start=1):
        problems += _question_problems(question, f"{where}, question {index}", seen)
    return problems


def _question_problems(question: Any, where: str, seen: dict[str, dict[str, Any]]) -> list[str]:
    if not isinstance(question, dict):
        return [f"{where}: must be an object."]
    problems = [
        f"{where}: unexpected field '{name}'." for name in sorted(set(question) - QUESTION_FIELDS)
    ]
    key = question.get("key")
    if not isinstance(key, str) or not KEY.match(key):
        problems.append(
            f"{where}: 'key' must be lower-case letters, digits or _, starting with a letter."
        )
    elif key in seen:
        problems.append(f"{where}: key '{key}' is used twice.")
    else:
        where = f"question {key}"
    kind = question.get("type")
    if kind not in QuestionType.values:
        problems.append(f"{where}: 'type' must be one of {', '.join(QuestionType.values)}.")
    problems += _text_problems(question.get("text"), f"{where} text", required=kind != "hidden")
    problems += _text_problems(question.get("help"), f"{where} help", required=False)
    for flag in ("required", "locked", "other"):
        if flag in question and not isinstance(question[flag], bool):
            problems.append(f"{where}: '{flag}' must be true or false.")
    measure = question.get("measure")
    if measure is not None and measure not in Measure.values:
        problems.append(f"{where}: 'measure' must be one of {', '.join(Measure.values)}.")
    if question.get("drivers") not in (None, "positive", "negative"):
        problems.append(f'{where}: \'drivers\' must be "positive" or "negative".')
    problems += _segment_problems(question, kind, where)
    problems += _options_problems(question, kind, where)
    problems += _limit_problems(question, kind, where)
    problems += _condition_problems(question.get("show_if"), f"{where} show_if", seen)
    if isinstance(key, str) and key not in seen:
        seen[key] = question
    return problems


def _segment_problems(question: dict[str, Any], kind: Any, where: str) -> list[str]:
    """A segment question says who the respondent is (age group, rurality, veteran status...):
    one answer each, so its groups split the respondents, and no CX measure of its own."""
    if "segment" not in question:
        return []
    if not isinstance(question["segment"], bool):
        return [f"{where}: 'segment' must be true or false."]
    if not question["segment"]:
        return []
    if kind not in SEGMENT_TYPES:
        return [
            f"{where}: only a single-choice, dropdown or yes/no question can be a segment "
            "(one answer per respondent)."
        ]
    if question.get("measure") or question.get("drivers"):
        return [f"{where}: a segment question takes no 'measure' or 'drivers'."]
    return []


def segment_questions(definition: Definition) -> list[dict[str, Any]]:
    """The questions whose answers split respondents into equity segments."""
    return [q for _p, q in iter_questions(definition) if q.get("segment") is True]


def segment_keys(definition: Definition) -> list[str]:
    return [q["key"] for q in segment_questions(definition)]


def _options_problems(question: dict[str, Any], kind: Any, where: str) -> list[str]:
    options = question.get("options")
    if kind not in CHOICE_TYPES:
        if options is not None:
            return [f"{where}: a {kind} question takes no 'options'."]
        if question.get("other"):
            return [f"{where}: only a multiple-choice question offers 'other'."]
        return []
    if not isinstance(options, list) or len(options) < 2:
        return [f"{where}: needs at least two options."]
    problems = []
    values: set[str] = set()
    for index, option in enumerate(options, start=1):
        at = f"{where}, option {index}"
        if not isinstance(option, dict):
            problems.append(f"{at}: must be an object.")
            continue
        problems += [f"{at}: unexpected field '{n}'." for n in sorted(set(option) - OPTION_FIELDS)]
        value = option.get("value")
        if not isinstance(value, str) or not OPTION_VALUE.match(value):
            problems.append(f"{at}: 'value' must be lower-case letters, digits or _.")
        elif value in values:
            problems.append(f"{at}: value '{value}' is used twice.")
        else:
            values.add(value)
        problems += _text_problems(option.get("label"), f"{at} label", required=True)
        if option.get("measure") not in (None, *Measure.values):
            problems.append(f"{at}: 'measure' must be one of {', '.join(Measure.values)}.")
    if question.get("other") and kind != QuestionType.MULTIPLE_CHOICE:
        problems.append(f"{where}: only a multiple-choice question offers 'other'.")
    if question.get("drivers") and not values <= set(DRIVERS):
        problems.append(f"{where}: driver options must be among {', '.join(DRIVERS)}.")
    return problems


def _limit_problems(question: dict[str, Any], kind: Any, where: str) -> list[str]:
    problems = []
    if "max_length" in question:
        limit = question["max_length"]
        ceiling = LONG_TEXT_LIMIT if kind == QuestionType.LONG_TEXT else SHORT_TEXT_LIMIT
        if kind not in TEXT_TYPES:
            problems.append(f"{where}: only text questions take 'max_length'.")
        elif not isinstance(limit, int) or isinstance(limit, bool) or not 1 <= limit <= ceiling:
            problems.append(f"{where}: 'max_length' must be a whole number from 1 to {ceiling}.")
    for bound in ("min", "max"):
        if bound in question:
            if kind != QuestionType.NUMBER:
                problems.append(f"{where}: only number questions take '{bound}'.")
            elif not isinstance(question[bound], int | float) or isinstance(question[bound], bool):
                problems.append(f"{where}: '{bound}' must be a number.")
    return problems


def _condition_problems(rule: Any, where: str, seen: dict[str, dict[str, Any]]) -> list[str]:
    if rule is None:
        return []
    problems = rule_shape_problems(rule, where)
    if problems:
        return problems
    for key in referenced_questions(rule):
        if key not in seen:
            problems.append(f"{where}: refers to '{key}', which is not an earlier question.")
        elif seen[key].get("type") in NO_ANSWER_TYPES:
            problems.append(f"{where}: refers to '{key}', which takes no answer.")
    problems += _rule_value_problems(rule, where, seen)
    return problems


def _rule_value_problems(
    rule: dict[str, Any], where: str, seen: dict[str, dict[str, Any]]
) -> list[str]:
    for combinator in ("all", "any"):
        if combinator in rule:
            return [p for part in rule[combinator] for p in _rule_value_problems(part, where, seen)]
    if "not" in rule:
        return _rule_value_problems(rule["not"], where, seen)
    question = seen.get(rule["question"])
    if question is None or question.get("type") not in {*SCALE_VALUES, *CHOICE_TYPES}:
        return []
    allowed = set(allowed_values(question))
    given = rule.get("values") or ([rule["value"]] if "value" in rule else [])
    unknown = sorted(set(given) - allowed)
    if unknown:
        return [f"{where}: '{rule['question']}' has no answer {', '.join(unknown)}."]
    return []


def _text_problems(text: Any, where: str, *, required: bool) -> list[str]:
    if text is None:
        return [f"{where}: English text is required."] if required else []
    if not isinstance(text, dict) or not all(isinstance(v, str) for v in text.values()):
        return [f'{where}: must map language codes to text, e.g. {{"en": "..."}}.']
    if required and not text.get(SOURCE_LANGUAGE, "").strip():
        return [f"{where}: English text is required."]
    return []


def _privacy_problems(privacy: Any) -> list[str]:
    if privacy is None:
        return []
    if not isinstance(privacy, dict):
        return ["privacy: must be an object or null."]
    problems = [f"privacy: unexpected field '{n}'." for n in sorted(set(privacy) - PRIVACY_FIELDS)]
    for field in ("authority", "purpose", "routine_uses", "disclosure"):
        problems += _text_problems(privacy.get(field), f"privacy {field}", required=True)
    if not isinstance(privacy.get("sorn"), str) or not privacy["sorn"].strip():
        problems.append("privacy sorn: name the system of records notice.")
    return problems
