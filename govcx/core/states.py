"""Named transitions between states: the small machine every lifecycle shares (surveys,
quarterly reports, and the cases to come). A lifecycle lists its transitions, each with the
states it may start from; its own module adds the guards (roles, content) and the effects."""

from collections.abc import Iterator
from typing import Generic, Protocol, TypeVar

from django.utils.translation import gettext as _


class TransitionError(Exception):
    """A transition the object's state, the person's role or the object's content does not
    allow; ``problems`` lists every reason when there are several."""

    def __init__(self, message: str, problems: list[str] | None = None) -> None:
        super().__init__(message)
        self.problems = problems or []


class Named(Protocol):
    @property
    def name(self) -> str: ...

    @property
    def sources(self) -> frozenset[str]: ...


T = TypeVar("T", bound=Named)


class Transitions(Generic[T]):
    """The transitions of one lifecycle, by name, in the order they were listed."""

    def __init__(self, *transitions: T) -> None:
        self._by_name = {transition.name: transition for transition in transitions}

    def __iter__(self) -> Iterator[T]:
        return iter(self._by_name.values())

    def __contains__(self, name: object) -> bool:
        return name in self._by_name

    def get(self, name: str) -> T:
        """The transition, or TransitionError for a name this lifecycle does not have."""
        if name not in self._by_name:
            raise TransitionError(_("Unknown action."))
        return self._by_name[name]

    def from_state(self, state: str) -> list[T]:
        """The transitions that may start from ``state``, before any other guard."""
        return [transition for transition in self if state in transition.sources]
