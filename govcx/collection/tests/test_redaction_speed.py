"""The redactor's shortcuts (start finders, gates, the lower-cased copy) change nothing it finds.

Each step may say where its matches can start and what every match contains, so that it is tried
at a few places instead of at every position. Both are only worth having if they find exactly
what a full scan finds: here every answer of both labelled sets, in several spellings and cut
into long answers, is redacted with the shortcuts and without them, and the results (text and
spans) must be identical.
"""

import json
import re
import sys
from pathlib import Path

import pytest

from govcx.collection import redaction, redaction_patterns
from govcx.collection.redaction import Redacted, keep_for, redact

TESTS = Path(__file__).parent
SETS = ("redaction_cases.jsonl", "redaction_heldout.jsonl")


def answers() -> list[str]:
    texts = [
        json.loads(line)["text"]
        for name in SETS
        for line in (TESTS / name).read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    joined = " ".join(texts)
    long = [joined[i : i + 1000] for i in range(0, len(joined) - 999, 700)]
    spellings = [t.upper() for t in texts] + [t.lower() for t in texts] + [t.title() for t in texts]
    return texts + spellings + long


def outcome(result: Redacted) -> tuple[str, tuple[tuple[int, int, str], ...]]:
    return result.text, tuple((span.start, span.end, span.kind) for span in result.spans)


def without_shortcuts(monkeypatch: pytest.MonkeyPatch) -> None:
    steps = tuple(step._replace(starts=None, gate=None) for step in redaction_patterns.STEPS)
    monkeypatch.setattr(redaction, "STEPS", steps)


def test_the_shortcuts_find_what_a_full_scan_finds(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = answers()
    keep = keep_for(phones=["(202) 555-0100"], addresses=["500 C St SW, Washington, DC 20472"])
    fast = [outcome(redact(text)) for text in texts]
    fast_kept = [outcome(redact(text, keep=keep)) for text in texts]
    without_shortcuts(monkeypatch)
    assert [outcome(redact(text)) for text in texts] == fast
    assert [outcome(redact(text, keep=keep)) for text in texts] == fast_kept


ODD = [
    # Letters that IGNORECASE matches with "s" or "i" but that lower-case to something else.
    "Sincerely appreciated. \u017fincerely,\nZorba Qzxw",
    "I am glad. \u0131'm Maria Qzxw",
    "\u0130 am Maria Lopez, DOB 01/02/1960",
    # Keywords in every case, values next to placeholders, a dash signature at the very start.
    "MY NAME IS Rosa Diaz and mY SSN is 123-45-6789",
    "-- Ana Ruiz",
    "xxx-xx-4417 A 212-345-678 Calle Luna 123 PO Box 9 born March 3, 1950 Sincerely, Jo Ng",
]


@pytest.mark.parametrize("text", ODD)
def test_odd_letters_and_cases_are_found_as_by_a_full_scan(
    text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    fast = outcome(redact(text))
    without_shortcuts(monkeypatch)
    assert outcome(redact(text)) == fast


def test_the_letters_that_lower_case_oddly_are_all_known() -> None:
    # The keyword finders read the lower-cased answer; an answer holding a letter that
    # IGNORECASE matches with an ASCII letter but str.lower() does not turn into it is scanned
    # in full. This is the complete list of such letters for this Python.
    letter = re.compile("(?i)[a-z]")
    odd = {
        chr(code)
        for code in range(128, sys.maxunicode + 1)
        if letter.fullmatch(chr(code)) and not re.fullmatch("[a-z]", chr(code).lower())
    }
    assert odd == set("\u0130\u0131\u017f")
