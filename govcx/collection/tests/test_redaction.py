"""Redaction of public answers: quality on the labelled set, critical cases, counts, idempotence.

The labelled set (redaction_cases.jsonl) is scored by bench/redaction_quality.py, loaded here by
path so the test and the bench report the same numbers under the same definition.
"""

import dataclasses
import importlib.util
import json
import re
from pathlib import Path
from types import ModuleType

import pytest

from govcx.collection.redaction import PLACEHOLDERS, Redacted, keep_for, redact

CASES = Path(__file__).with_name("redaction_cases.jsonl")
BENCH = Path(__file__).resolve().parents[3] / "bench" / "redaction_quality.py"


def load_bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("redaction_quality", BENCH)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


bench = load_bench()


def labelled() -> list[tuple[str, str]]:
    cases: list[tuple[str, str]] = bench.load(CASES)
    return cases


def test_the_labelled_set_is_large_and_uses_only_known_placeholders() -> None:
    lines = CASES.read_text(encoding="utf-8").splitlines()
    assert len(lines) >= 150
    for line in lines:
        case = json.loads(line)
        assert set(case) == {"text", "expected", "lang"}
        assert case["lang"] in {"en", "es"}
        assert not re.search(r"\[[A-Z]+\]", case["text"]), "inputs must hold no placeholder"
        assert set(re.findall(r"\[([A-Z]+)\]", case["expected"])) <= set(PLACEHOLDERS), line


def test_precision_and_recall_on_the_labelled_set_are_at_least_95_percent() -> None:
    score = bench.evaluate(labelled())
    assert score.precision() >= 0.95, score.misses
    assert score.recall() >= 0.95, score.misses


CRITICAL = [
    # Identifiers, in the layouts people type.
    ("My SSN is 123-45-6789, please fix it.", "My SSN is [SSN], please fix it."),
    ("my social is 123456789", "my social is [SSN]"),
    ("SSN 123 45 6789", "SSN [SSN]"),
    ("My ITIN is 912-70-1234.", "My ITIN is [ITIN]."),
    ("Our EIN is 12-3456789.", "Our EIN is [EIN]."),
    ("card 4111 1111 1111 1111 charged twice", "card [CARD] charged twice"),
    ("Mastercard 5555555555554444", "Mastercard [CARD]"),
    ("Email me at jane.doe@example.com.", "Email me at [EMAIL]."),
    ("Call me back at (202) 555-0143 ext. 12 please", "Call me back at [PHONE] please"),
    ("+1 202 555 0143 or 202.555.0199", "[PHONE] or [PHONE]"),
    ("Phone: 2025550143", "Phone: [PHONE]"),
    ("Mi teléfono es 787-555-0134.", "Mi teléfono es [PHONE]."),
    # A birth date goes; the date of an event stays.
    ("DOB 01/02/1960", "DOB [DOB]"),
    ("My date of birth is January 2, 1960.", "My date of birth is [DOB]."),
    ("Nací el 15 de marzo de 1948.", "Nací el [DOB]."),
    ("I applied on 03/15/2024.", "I applied on 03/15/2024."),
    (
        "I applied on 03/15/2024. My date of birth is 04/16/1950.",
        "I applied on 03/15/2024. My date of birth is [DOB].",
    ),
    # Addresses, and the numbers-and-words that only look like them.
    ("Our house at 123 Main St was flooded.", "Our house at [ADDRESS] was flooded."),
    ("Send it to 4567 Oak Avenue, Apt 4B, Houston, TX 77002.", "Send it to [ADDRESS]."),
    ("mail it to PO Box 123, Paradise, CA 95969", "mail it to [ADDRESS]"),
    ("Calle Luna 123, San Juan, PR 00901", "[ADDRESS]"),
    ("I waited 45 minutes on the road and 3 days for a call.", None),
    ("Highway 101 was closed.", None),
    # Numbers analysts need.
    ("My claim number is 12-3456.", None),
    ("claim 123456789 was denied", None),
    ("Ticket 2025550143 is still open", None),
    ("I was charged $1,234.56 for Form 1040.", None),
    ("They asked for my I-9, W-2 and SSA-1099.", None),
    ("Appointment at 10:30, only 20% paid, ZIP 20500.", None),
    ("tracking number 4111 1111 1111 1112", None),
    # The kinds added for what people actually write.
    ("ssn 584-11 3902 please", "ssn [SSN] please"),
    ("last 4 of my SSN is 6620", "last 4 of my SSN is [SSN]"),
    ("the letter shows xxx-xx-4417", "the letter shows [SSN]"),
    ("fecha nac. 1958-05-21", "fecha nac. [DOB]"),
    ("nacido el 1ro de mayo de 1966", "nacido el [DOB]"),
    ("write to jane.doe at gmail dot com", "write to [EMAIL]"),
    ("Medicare number 1EG4-TE5-MK73", "Medicare number [MEDICARE]"),
    ("routing 021000021 account 123456789012", "routing [ROUTING] account [BANK_ACCOUNT]"),
    ("routing 021000022 is what I typed", None),  # fails the ABA checksum
    ("A# 212-345-678 is my number", "A# [A_NUMBER] is my number"),
    ("passport number 123456789 lost", "passport number [PASSPORT] lost"),
    ("VA file number 12 345 678", "VA file number [VA_FILE]"),
    ("driver's license D123-4567-8901", "driver's license [DRIVERS_LICENSE]"),
    ("Thanks, Jane Q. Public", "Thanks, [NAME]"),
    ("me llamo Rosa Ortiz Rivera y", "me llamo [NAME] y"),
    ("Dr. Jane Roe was kind", "Dr. [NAME] was kind"),
    ("NAME JOHN Q PUBLIC", "NAME [NAME]"),
    (
        "I called 1-800-772-1213 twice, call me at 202-555-0143",
        "I called 1-800-772-1213 twice, call me at [PHONE]",
    ),
    ("Receipt IOE0912345678 for Form I-130, tax year 2023", None),
    ("Thanks, great job", None),
    ("I'm Very tired of waiting", None),
]


@pytest.mark.parametrize(("text", "expected"), CRITICAL)
def test_critical_cases_are_redacted_exactly(text: str, expected: str | None) -> None:
    assert redact(text).text == (text if expected is None else expected)


def test_found_counts_each_kind_and_omits_the_rest() -> None:
    result = redact("SSN 123-45-6789; call 202-555-0143 or 202-555-0144, jo@example.com")
    assert result == Redacted(
        text="SSN [SSN]; call [PHONE] or [PHONE], [EMAIL]",
        found={"SSN": 1, "PHONE": 2, "EMAIL": 1},
    )
    assert redact("The office was closed for 3 days.").found == {}
    assert set(redact("DOB 1/2/1960, 9 Elm St, 4111111111111111").found) <= set(PLACEHOLDERS)


def test_spans_point_into_the_text_as_typed() -> None:
    text = "Thanks for nothing. SSN 123-45-6789, call 202-555-0143.\nThanks, Ana Ruiz"
    result = redact(text)
    assert result.text == "Thanks for nothing. SSN [SSN], call [PHONE].\nThanks, [NAME]"
    assert [(text[s.start : s.end], s.kind) for s in result.spans] == [
        ("123-45-6789", "SSN"),
        ("202-555-0143", "PHONE"),
        ("Ana Ruiz", "NAME"),
    ]


def test_an_organizations_own_contacts_are_kept_but_not_the_respondents() -> None:
    keep = keep_for(phones=["(202) 555-0100"], addresses=["500 C St SW, Washington, DC 20472"])
    text = "I called 202-555-0100 and went to 500 C St SW; call me at 202-555-0143, 9 Elm St."
    assert redact(text, keep=keep).text == (
        "I called 202-555-0100 and went to 500 C St SW; call me at [PHONE], [ADDRESS]."
    )
    assert (
        redact(text).text
        == "I called [PHONE] and went to [ADDRESS]; call me at [PHONE], [ADDRESS]."
    )


def test_redacting_twice_changes_nothing_more() -> None:
    for text, _ in labelled():
        once = redact(text)
        twice = redact(once.text)
        assert twice.text == once.text, text
        assert twice.found == {}, text


def test_a_number_that_fails_the_luhn_check_is_kept() -> None:
    assert redact("order 4111111111111112 shipped").text == "order 4111111111111112 shipped"
    assert redact("order 4111111111111111 shipped").text == "order [CARD] shipped"


def test_text_without_digits_or_at_signs_comes_back_unchanged() -> None:
    text = "The staff were kind, but the website kept timing out. Muy lento."
    assert redact(text) == Redacted(text=text, found={})


def test_the_result_is_frozen() -> None:
    result = redact("SSN 123-45-6789")
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.text = "changed"  # type: ignore[misc]
