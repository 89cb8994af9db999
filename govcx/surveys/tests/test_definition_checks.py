"""A definition with problems gets every problem listed, each saying where and what."""

import copy
from typing import Any

from govcx.surveys import a11
from govcx.surveys.definition import definition_problems


def base() -> dict[str, Any]:
    return a11.a11_current(agency="FEMA", service="Disaster assistance")


def test_every_problem_is_listed_with_its_place() -> None:
    broken = base()
    broken["surprise"] = 1
    questions = broken["pages"][0]["questions"]
    questions[0]["type"] = "slider"
    questions[1]["options"][1]["value"] = "effectiveness"
    questions[3]["max_length"] = 0
    questions.append({"key": "comment", "type": "short_text", "text": {"en": "Again"}})
    problems = definition_problems(broken)
    assert "Unexpected field 'surprise'." in problems
    assert any(p.startswith("question trust: 'type' must be one of") for p in problems)
    assert "question went_well, option 2: value 'effectiveness' is used twice." in problems
    assert "question comment: 'max_length' must be a whole number from 1 to 5000." in problems
    assert "page 1, question 5: key 'comment' is used twice." in problems


def test_rules_must_look_back_at_real_answers() -> None:
    definition = base()
    questions = definition["pages"][0]["questions"]
    questions[0]["show_if"] = {"question": "comment", "op": "answered"}
    questions[1]["show_if"] = {"question": "trust", "op": "in", "values": ["7"]}
    questions[2]["show_if"] = {"question": "trust", "op": "sounds_like", "value": "1"}
    problems = definition_problems(definition)
    assert (
        "question trust show_if: refers to 'comment', which is not an earlier question." in problems
    )
    assert "question went_well show_if: 'trust' has no answer 7." in problems
    assert any(p.startswith("question went_poorly show_if: 'op' must be one of") for p in problems)


def test_storage_does_not_limit_the_number_of_questions() -> None:
    definition = base()
    page = definition["pages"][0]
    for number in range(60):
        page["questions"].append(
            {"key": f"extra_{number}", "type": "yes_no", "text": {"en": f"Question {number}?"}}
        )
    assert definition_problems(definition) == []


def test_contact_questions_need_a_complete_privacy_statement() -> None:
    definition = base()
    definition["privacy"] = {"authority": {"en": "5 U.S.C. 301"}, "sorn": ""}
    problems = definition_problems(definition)
    assert "privacy purpose: English text is required." in problems
    assert "privacy sorn: name the system of records notice." in problems


def test_not_an_object_and_wrong_schema() -> None:
    assert definition_problems([]) == ["The definition must be a JSON object."]
    wrong = copy.deepcopy(base())
    wrong["schema"] = "other/9"
    assert "'schema' must be \"govcx-survey/1\"." in definition_problems(wrong)


def test_segment_questions_have_one_answer_and_no_measure() -> None:
    from govcx.surveys.definition import segment_keys
    from govcx.surveys.segment_questions import SEGMENT_QUESTIONS, with_segment_questions

    definition = with_segment_questions(base(), *SEGMENT_QUESTIONS)
    assert definition_problems(definition) == []
    assert segment_keys(definition) == ["age_group", "rurality", "veteran"]
    about = definition["pages"][1]["questions"]
    about[0]["type"] = "multiple_choice"
    about[1]["measure"] = "trust"
    about[2]["segment"] = "yes"
    problems = definition_problems(definition)
    assert (
        "question age_group: only a single-choice, dropdown or yes/no question can be a segment "
        "(one answer per respondent)." in problems
    )
    assert "question rurality: a segment question takes no 'measure' or 'drivers'." in problems
    assert "question veteran: 'segment' must be true or false." in problems
