"""check_answers: the one validator every channel uses."""

from typing import Any

import pytest

from govcx.collection.validation import check_answers
from govcx.surveys import a11
from govcx.surveys.definition import SCHEMA


def current() -> dict[str, Any]:
    return a11.a11_current(agency="FEMA", service="Disaster assistance")


def every_type() -> dict[str, Any]:
    def q(key: str, kind: str, **extra: Any) -> dict[str, Any]:
        return {"key": key, "type": kind, "text": {"en": key}, **extra}

    options = [{"value": "a", "label": {"en": "A"}}, {"value": "b", "label": {"en": "B"}}]
    return {
        "schema": SCHEMA,
        "languages": ["en"],
        "title": {"en": "All types"},
        "pages": [
            {
                "key": "one",
                "questions": [
                    q("scale", "agreement5", required=True),
                    q("yesno", "yes_no"),
                    q("single", "single_choice", options=options),
                    q("multi", "multiple_choice", options=options, other=True),
                    q("drop", "dropdown", options=options),
                    q("short", "short_text", max_length=5),
                    q("long", "long_text"),
                    q("mail", "email"),
                    q("tel", "phone"),
                    q("num", "number", min=1, max=10),
                    q("day", "date"),
                    q("loc", "hidden"),
                    q("note", "static_text"),
                ],
            },
            {
                "key": "two",
                "show_if": {"question": "yesno", "op": "equals", "value": "yes"},
                "questions": [q("why", "short_text", required=True)],
            },
        ],
    }


def test_a_complete_valid_submission() -> None:
    checked = check_answers(
        current(),
        {
            "trust": "0",
            "went_poorly": ["ease", "other"],
            "went_poorly__other": "Long wait",
            "comment": "Slow",
        },
    )
    assert checked.ok
    assert checked.answers["went_poorly"] == ["ease", "other"]
    assert checked.answers["went_poorly__other"] == "Long wait"


@pytest.mark.parametrize(
    ("answers", "field", "message"),
    [
        ({}, "trust", "needs an answer"),
        ({"trust": "2"}, "trust", "Not an option"),
        ({"trust": ["1"]}, "trust", "Send one value as text"),
        ({"trust": "1", "went_poorly": ["ease"]}, "went_poorly", "not asked"),
        ({"trust": "1", "went_well": ["speed"]}, "went_well", "Not an option: speed"),
        ({"trust": "1", "went_well": ["ease", "ease"]}, "went_well", "chosen once"),
        (
            {"trust": "1", "went_well": ["ease"], "went_well__other": "x"},
            "went_well__other",
            "Choose “Other”",
        ),
        ({"trust": "1", "comment": "x" * 1001}, "comment", "at most 1000 characters"),
        ({"trust": "1", "surprise": "x"}, "surprise", "Unexpected field"),
    ],
)
def test_each_problem_is_named_on_its_field(
    answers: dict[str, Any], field: str, message: str
) -> None:
    checked = check_answers(current(), answers)
    assert message in checked.errors[field]


@pytest.mark.parametrize(
    ("key", "value", "problem"),
    [
        ("short", "toolong", "at most 5"),
        ("mail", "not-an-email", "valid email"),
        ("tel", "call me", "phone number"),
        ("num", "11", "10 or less"),
        ("num", "0", "1 or more"),
        ("num", "ten", "Enter a number"),
        ("num", "NaN", "Enter a number"),
        ("day", "12/01/2025", "YYYY-MM-DD"),
        ("single", "c", "Not an option"),
        ("drop", "", None),
        ("note", "x", "takes no answer"),
    ],
)
def test_types_are_checked(key: str, value: str, problem: str | None) -> None:
    checked = check_answers(every_type(), {"scale": "3", key: value})
    if problem is None:
        assert checked.ok
    else:
        assert problem in checked.errors[key]


def test_normalized_values() -> None:
    checked = check_answers(
        every_type(),
        {"scale": "5", "num": 7, "day": "2025-12-01", "multi": ["b", "a"], "loc": "FO-12"},
    )
    assert checked.ok
    assert checked.answers == {
        "scale": "5",
        "num": "7",
        "day": "2025-12-01",
        "multi": ["a", "b"],
        "loc": "FO-12",
    }


def test_a_page_shown_by_a_rule_brings_its_required_questions() -> None:
    assert check_answers(every_type(), {"scale": "1", "yesno": "no"}).ok
    shown = check_answers(every_type(), {"scale": "1", "yesno": "yes"})
    assert "needs an answer" in shown.errors["why"]
    hidden = check_answers(every_type(), {"scale": "1", "yesno": "no", "why": "x"})
    assert "not asked" in hidden.errors["why"]


def test_checking_a_step_ignores_later_required_questions() -> None:
    partial = check_answers(every_type(), {"scale": "1", "yesno": "yes"}, through_page=1)
    assert partial.ok
