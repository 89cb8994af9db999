"""The transition helper both lifecycles (surveys, quarterly reports) are built on."""

from dataclasses import dataclass

import pytest

from govcx.core.states import TransitionError, Transitions


@dataclass(frozen=True)
class Step:
    name: str
    sources: frozenset[str]


STEPS = Transitions(
    Step("publish", frozenset({"draft", "closed"})),
    Step("close", frozenset({"published"})),
)


def test_transitions_that_may_start_from_a_state_in_their_order() -> None:
    assert [t.name for t in STEPS.from_state("draft")] == ["publish"]
    assert [t.name for t in STEPS.from_state("published")] == ["close"]
    assert STEPS.from_state("archived") == []
    assert "close" in STEPS
    assert "delete" not in STEPS


def test_an_unknown_transition_is_a_transition_error_in_words() -> None:
    with pytest.raises(TransitionError, match="Unknown action"):
        STEPS.get("delete")
