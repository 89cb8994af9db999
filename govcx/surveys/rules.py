"""Conditional display: rules that show a question or a page when earlier answers match.

A rule is data, so the server (here) and the browser (static/surveys/rules.js) evaluate the same
definition the same way; tests run both on one set of cases (tests/rule_cases.json).

    {"question": "trust", "op": "in", "values": ["1"]}
    {"all": [rule, ...]}   {"any": [rule, ...]}   {"not": rule}

Operators: equals, not_equals, in, not_in (any selected value for multiple choice), includes
(a multiple-choice answer contains the value), answered, not_answered, gte, lte (numbers).
An unanswered question matches only ``not_answered``, ``not_equals`` and ``not_in``.
"""

import re
from decimal import Decimal
from typing import Any

Answer = str | list[str] | None
Answers = dict[str, Answer]

OPERATORS = frozenset(
    {"equals", "not_equals", "in", "not_in", "includes", "answered", "not_answered", "gte", "lte"}
)
VALUELESS = frozenset({"answered", "not_answered"})
LIST_VALUED = frozenset({"in", "not_in"})
# Plain decimal numbers only (no "Infinity", no hexadecimal), the same in rules.js.
NUMBER = re.compile(r"^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$")


def evaluate(rule: dict[str, Any] | None, answers: Answers) -> bool:
    """True when the rule holds for the answers (no rule always holds)."""
    if rule is None:
        return True
    if "all" in rule:
        return all(evaluate(part, answers) for part in rule["all"])
    if "any" in rule:
        return any(evaluate(part, answers) for part in rule["any"])
    if "not" in rule:
        return not evaluate(rule["not"], answers)
    return _leaf(rule, answers.get(rule["question"]))


def _leaf(rule: dict[str, Any], answer: Answer) -> bool:
    op = rule["op"]
    given = [answer] if isinstance(answer, str) else list(answer or [])
    given = [value for value in given if value != ""]
    if op == "answered":
        return bool(given)
    if op == "not_answered":
        return not given
    if op == "equals":
        return given == [rule["value"]]
    if op == "not_equals":
        return given != [rule["value"]]
    if op == "in":
        return any(value in rule["values"] for value in given)
    if op == "not_in":
        return not any(value in rule["values"] for value in given)
    if op == "includes":
        return rule["value"] in given
    if op in ("gte", "lte"):
        number, bound = _number(given[0] if len(given) == 1 else None), _number(rule["value"])
        if number is None or bound is None:
            return False
        return number >= bound if op == "gte" else number <= bound
    raise ValueError(f"unknown operator {op!r}")


def _number(text: str | None) -> Decimal | None:
    if text is None or not NUMBER.match(text):
        return None
    return Decimal(text.strip())


def referenced_questions(rule: dict[str, Any] | None) -> list[str]:
    """Keys of every question a rule looks at."""
    if rule is None:
        return []
    for combinator in ("all", "any"):
        if combinator in rule:
            return [key for part in rule[combinator] for key in referenced_questions(part)]
    if "not" in rule:
        return referenced_questions(rule["not"])
    return [rule["question"]]


def rule_shape_problems(rule: Any, where: str) -> list[str]:
    """Structural problems of a rule (operators, value fields), each naming where it is."""
    if not isinstance(rule, dict):
        return [f"{where}: a rule must be an object."]
    for combinator in ("all", "any"):
        if combinator in rule:
            parts = rule[combinator]
            if not isinstance(parts, list) or not parts:
                return [f"{where}: '{combinator}' needs a non-empty list of rules."]
            return [
                p
                for i, part in enumerate(parts)
                for p in rule_shape_problems(part, f"{where}.{combinator}[{i}]")
            ]
    if "not" in rule:
        return rule_shape_problems(rule["not"], f"{where}.not")
    problems = []
    if not isinstance(rule.get("question"), str):
        problems.append(f"{where}: 'question' must name an earlier question.")
    op = rule.get("op")
    if op not in OPERATORS:
        problems.append(f"{where}: 'op' must be one of {', '.join(sorted(OPERATORS))}.")
    elif op in LIST_VALUED:
        values = rule.get("values")
        if (
            not isinstance(values, list)
            or not values
            or not all(isinstance(v, str) for v in values)
        ):
            problems.append(f"{where}: '{op}' needs 'values', a non-empty list of strings.")
    elif op not in VALUELESS and not isinstance(rule.get("value"), str):
        problems.append(f"{where}: '{op}' needs 'value', a string.")
    return problems
