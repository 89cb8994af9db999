"""The one rule for accepted text (docs/collection.md, "What text is accepted")."""

import pytest

from govcx.core.text import MAX_DEPTH, text_problem, tree_problems


@pytest.mark.parametrize(
    "value", ["plain", "tab\there", "lines\r\nand\nmore", "acentos: ñ á ü", "emoji 🙂", ""]
)
def test_ordinary_text_is_accepted(value: str) -> None:
    assert text_problem(value) is None


@pytest.mark.parametrize(
    ("value", "named"),
    [("a\x00b", "U+0000"), ("\ud800", "U+D800"), ("x\udfffy", "U+DFFF"), ("bell\x07", "U+0007")],
)
def test_refused_text_is_named(value: str, named: str) -> None:
    problem = text_problem(value)
    assert problem is not None
    assert named in problem


def test_tree_problems_give_the_path_of_each_refused_string() -> None:
    value = {"q1": "fine", "q2": ["ok", "bad\x00"], "nested": {"deep": "\ud800"}}
    assert set(tree_problems(value, "answers")) == {"answers.q2[1]", "answers.nested.deep"}


def test_tree_problems_refuse_deep_nesting() -> None:
    value: object = "leaf"
    for _ in range(MAX_DEPTH + 5):
        value = [value]
    assert tree_problems(value) != {}
    shallow: object = "leaf"
    for _ in range(MAX_DEPTH - 1):
        shallow = [shallow]
    assert tree_problems(shallow) == {}
