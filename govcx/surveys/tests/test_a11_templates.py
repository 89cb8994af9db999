"""The shipped A-11 templates: contents, locked parts and the agency and service names."""

import pytest

from govcx.surveys import a11
from govcx.surveys.definition import definition_problems, questions_by_key, translation_problems
from govcx.surveys.editing import EditError, question_delete, question_save
from govcx.surveys.rules import evaluate


def current(trust_type: a11.TrustType = "thumbs") -> dict[str, object]:
    return a11.a11_current(agency="FEMA", service="Disaster assistance", trust_type=trust_type)


@pytest.mark.parametrize(
    "definition",
    [current("thumbs"), current("agreement5"), a11.a11_legacy(agency="SSA", service="Retirement")],
)
def test_templates_are_valid_and_fully_translated(definition: dict[str, object]) -> None:
    assert definition_problems(definition) == []
    assert translation_problems(definition, ["en", "es"]) == []


def test_current_template_asks_trust_then_drivers_then_a_comment() -> None:
    questions = questions_by_key(current())
    assert list(questions) == ["trust", "went_well", "went_poorly", "comment"]
    trust = questions["trust"]
    assert (trust["type"], trust["measure"], trust["required"], trust["locked"]) == (
        "thumbs",
        "trust",
        True,
        True,
    )
    assert "Disaster assistance" in trust["text"]["en"]
    assert "FEMA" in trust["text"]["en"]
    assert "FEMA" in trust["text"]["es"]
    for key, polarity in (("went_well", "positive"), ("went_poorly", "negative")):
        question = questions[key]
        assert question["drivers"] == polarity
        assert [o["value"] for o in question["options"]] == [
            "effectiveness",
            "ease",
            "efficiency",
            "transparency",
            "humanity",
            "employee",
        ]
        assert question["other"] is True
        assert {o["value"] for o in question["options"] if o.get("locked")} == {
            "effectiveness",
            "ease",
        }
    assert questions["comment"]["required"] is False
    assert questions["comment"]["measure"] == "comment"


@pytest.mark.parametrize(
    ("trust_type", "positive", "negative"),
    [("thumbs", ["1"], ["0"]), ("agreement5", ["4", "5"], ["1", "2", "3"])],
)
def test_what_went_well_follows_a_positive_answer_and_the_other_a_negative_one(
    trust_type: a11.TrustType, positive: list[str], negative: list[str]
) -> None:
    questions = questions_by_key(current(trust_type))
    for answer in positive:
        assert evaluate(questions["went_well"]["show_if"], {"trust": answer})
        assert not evaluate(questions["went_poorly"]["show_if"], {"trust": answer})
    for answer in negative:
        assert evaluate(questions["went_poorly"]["show_if"], {"trust": answer})
        assert not evaluate(questions["went_well"]["show_if"], {"trust": answer})
    assert not evaluate(questions["went_well"]["show_if"], {})


def test_legacy_template_has_the_seven_tagged_items_and_free_text() -> None:
    definition = a11.a11_legacy(agency="SSA", service="Retirement benefits")
    questions = questions_by_key(definition)
    scale = {k: q["measure"] for k, q in questions.items() if q["type"] == "agreement5"}
    assert scale == {
        "satisfaction": "satisfaction",
        "trust": "trust",
        "effectiveness": "effectiveness",
        "ease": "ease",
        "efficiency": "efficiency",
        "transparency": "transparency",
        "employee": "employee",
    }
    assert all(questions[k]["locked"] for k in scale)
    assert questions["comment"]["type"] == "long_text"
    assert "Retirement benefits" in questions["satisfaction"]["text"]["en"]


def test_required_parts_cannot_be_deleted_or_changed() -> None:
    definition = current()
    with pytest.raises(EditError, match="cannot be deleted"):
        question_delete(definition, key="trust")
    with pytest.raises(EditError, match="cannot be deleted"):
        question_delete(definition, key="went_well")
    trust = dict(questions_by_key(definition)["trust"], type="yes_no")
    with pytest.raises(EditError, match="type cannot change"):
        question_save(definition, page_key="feedback", question=trust, original_key="trust")
    untagged = {k: v for k, v in questions_by_key(definition)["trust"].items() if k != "measure"}
    with pytest.raises(EditError, match="measure cannot change"):
        question_save(definition, page_key="feedback", question=untagged, original_key="trust")


def test_effectiveness_and_ease_stay_while_other_drivers_may_go() -> None:
    definition = current()
    went_well = questions_by_key(definition)["went_well"]
    without_ease = dict(
        went_well, options=[o for o in went_well["options"] if o["value"] != "ease"]
    )
    with pytest.raises(EditError, match="ease is required"):
        question_save(
            definition, page_key="feedback", question=without_ease, original_key="went_well"
        )
    slimmer = dict(went_well, options=[o for o in went_well["options"] if o["value"] != "humanity"])
    changed = question_save(
        definition, page_key="feedback", question=slimmer, original_key="went_well"
    )
    assert "humanity" not in [o["value"] for o in questions_by_key(changed)["went_well"]["options"]]


def test_wording_edits_keep_the_tags() -> None:
    definition = current()
    trust = questions_by_key(definition)["trust"]
    reworded = dict(trust, text={**trust["text"], "en": "I trust FEMA to deliver on its mission."})
    changed = question_save(
        definition, page_key="feedback", question=reworded, original_key="trust"
    )
    saved = questions_by_key(changed)["trust"]
    assert saved["text"]["en"] == "I trust FEMA to deliver on its mission."
    assert (saved["measure"], saved["locked"]) == ("trust", True)


def test_the_optional_comment_can_be_deleted() -> None:
    changed = question_delete(current(), key="comment")
    assert "comment" not in questions_by_key(changed)
