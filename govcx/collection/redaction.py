"""Redact personal identifiers from free-text survey answers before they are stored.

Why: members of the public type identifiers into feedback boxes ("my SSN is ...", "call me back
at ...", "Thanks, Jane Q. Public") even when asked not to. Those values must never reach the
database, exports or analysts, so every answer passes through `redact()` first. Each value
becomes a typed placeholder ([SSN], [NAME], ...): the answer stays readable, `Redacted.found`
tells how much was removed without keeping any of it, and `Redacted.spans` where it was.

How: ordered regular expressions from the standard library, compiled once, and two word lists
for names (govcx/collection/redaction_patterns.py, redaction_names.py). Each step finds
candidates and a classifier decides, reading the nearby words when the shape is ambiguous and
checking checksums where the kind has one. Placeholders hold no digit, "@" or lower-case
letter, so no pattern matches one again, which makes `redact()` idempotent.

What is and is not detected, with measured precision and recall: docs/collection.md.
"""

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from govcx.collection.redaction_patterns import STEPS, Keep, Step, normalise_address

PLACEHOLDERS: tuple[str, ...] = (
    "SSN",
    "ITIN",
    "EIN",
    "PHONE",
    "EMAIL",
    "CARD",
    "DOB",
    "ADDRESS",
    "NAME",
    "MEDICARE",
    "BANK_ACCOUNT",
    "ROUTING",
    "A_NUMBER",
    "PASSPORT",
    "VA_FILE",
    "DRIVERS_LICENSE",
)


@dataclass(frozen=True)
class Span:
    """Where a value was in the text as typed, and what kind it was."""

    start: int
    end: int
    kind: str


@dataclass(frozen=True)
class Redacted:
    """The redacted text, and how many values of each kind were replaced (zeros omitted)."""

    text: str
    found: dict[str, int]
    spans: tuple[Span, ...] = field(default=(), compare=False)


def keep_for(*, phones: Iterable[str] = (), addresses: Iterable[str] = ()) -> Keep:
    """What an organization lists as its own public contacts, ready for `redact(keep=...)`."""
    digits = (re.sub(r"\D", "", phone)[-10:] for phone in phones)
    return Keep(
        phones=frozenset(d for d in digits if len(d) == 10),
        addresses=tuple(filter(None, map(normalise_address, addresses))),
    )


def _to_original(position: int, spans: list[Span], *, end: bool) -> int:
    """A position in the partly redacted text, as a position in the text as typed."""
    shift = 0
    for span in spans:
        current_start = span.start - shift
        current_end = current_start + len(span.kind) + 2
        if position <= current_start:
            break
        if position < current_end:  # inside a placeholder: take all of its value
            return span.end if end else span.start
        shift += (span.end - span.start) - (len(span.kind) + 2)
    return position + shift


def _matches(step: Step, text: str, lowered: str | None) -> Iterator[re.Match[str]]:
    """What `step.pattern.finditer(text)` yields, trying only where a match can start."""
    if step.gate is not None and step.gate.search(text) is None:
        return
    haystack = (lowered if step.lower else text) if step.starts is not None else None
    if step.starts is None or haystack is None:
        yield from step.pattern.finditer(text)
        return
    resume = 0  # like finditer, the next match starts where the last one ended
    hit = step.starts.search(haystack)
    while hit is not None:
        start = hit.start()
        # `match` at a position sees the text before it (lookbehinds, "\b") as `finditer` does.
        match = step.pattern.match(text, start) if start >= resume else None
        if match is not None:
            yield match
            resume = match.end()  # no pattern matches the empty string, so this moves on
        hit = step.starts.search(haystack, max(start + 1, resume))


def _apply(step: Step, text: str, spans: list[Span], keep: Keep, lowered: str | None) -> str:
    found: list[tuple[int, int, str]] = []
    group = "v" if "v" in step.pattern.groupindex else 0
    for match in _matches(step, text, lowered):
        kind = step.classify(match, keep)
        if kind is not None:
            found.append((match.start(group), match.end(group), kind))
    if not found:
        return text
    pieces: list[str] = []
    last = 0
    new: list[Span] = []
    for start, end, kind in found:
        pieces += [text[last:start], f"[{kind}]"]
        last = end
        first = _to_original(start, spans, end=False)
        new.append(Span(first, _to_original(end, spans, end=True), kind))
    pieces.append(text[last:])
    kept = [s for s in spans if not any(n.start <= s.start and s.end <= n.end for n in new)]
    spans[:] = sorted(kept + new, key=lambda span: span.start)
    return "".join(pieces)


_MAY_HOLD_DIGITS = re.compile(r"\d")
# Characters IGNORECASE matches with an ASCII letter while str.lower() turns them into something
# else (dotted and dotless i, long s): an answer holding one is scanned everywhere.
_FOLDS_ODDLY = re.compile("[\u0130\u0131\u017f]")


def _lower(text: str) -> str | None:
    """The text in lower case, position for position, for the keyword start finders; None when
    lower-casing would move a position or hide a keyword IGNORECASE would see."""
    lowered = text.lower()
    if len(lowered) != len(text) or _FOLDS_ODDLY.search(text):
        return None
    return lowered


def redact(text: str, *, keep: Keep | None = None) -> Redacted:
    """Replace the personal identifiers in `text` with placeholders; leave `keep`'s contacts."""
    keep = keep or Keep()
    spans: list[Span] = []
    # Redaction never adds a hint word or a digit, so what the original holds decides.
    hints = text.lower()
    has_digits = _MAY_HOLD_DIGITS.search(text) is not None
    # Placeholders are ASCII, so what `_lower` checks on the original holds for every later text.
    lowered = _lower(text)
    for step in STEPS:
        if step.digits and not has_digits:
            continue
        if not step.needs or any(hint in hints for hint in step.needs):
            changed = _apply(step, text, spans, keep, lowered)
            if changed is not text:
                text = changed
                lowered = None if lowered is None else text.lower()
    return Redacted(text=text, found=dict(Counter(span.kind for span in spans)), spans=tuple(spans))
