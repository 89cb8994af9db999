"""What text govcx accepts, decided once for every entry point.

Accepted: Unicode scalar values (no lone surrogates, which cannot be encoded as UTF-8 and break
every file written after them), except NUL and the other C0 control characters; tab, line feed
and carriage return are allowed because people type them. PostgreSQL refuses NUL in text and
JSON, SQLite stores it and then breaks exports, so NUL is refused everywhere.

Every channel (hosted page, widget, submission API, CSV import, survey JSON import, staff forms)
calls ``text_problem`` or ``tree_problems`` and answers 400 naming the field, before anything is
stored.
"""

import re
from collections.abc import Iterator
from typing import Any

from django.utils.translation import gettext as _

# C0 controls other than tab (09), line feed (0A) and carriage return (0D); surrogates D800-DFFF.
_REFUSED = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff]")

# Deeper nesting than this is never a real survey or submission, only an attempt to exhaust
# the parser or the validator's recursion.
MAX_DEPTH = 20


def text_problem(value: str) -> str | None:
    """Why ``value`` is not acceptable text, in the product's words, or None when it is."""
    found = _REFUSED.search(value)
    if found is None:
        return None
    char = found.group()
    if char == "\x00":
        return _("Remove the NUL character (U+0000): it is not allowed in text.")
    if "\ud800" <= char <= "\udfff":
        return _("Remove the invalid character (an unpaired surrogate, U+%(code)04X).") % {
            "code": ord(char)
        }
    return _("Remove the control character U+%(code)04X: it is not allowed in text.") % {
        "code": ord(char)
    }


def is_acceptable(value: str) -> bool:
    return _REFUSED.search(value) is None


def tree_problems(value: Any, path: str = "") -> dict[str, str]:
    """Every refused string (keys included) in a JSON-like value, by dotted path; also refuses
    nesting deeper than ``MAX_DEPTH``."""
    problems: dict[str, str] = {}
    for where, problem in _walk(value, path, 0):
        problems.setdefault(where or "-", problem)
    return problems


def _walk(value: Any, path: str, depth: int) -> Iterator[tuple[str, str]]:
    if depth > MAX_DEPTH:
        yield path, _("Nested too deeply (at most %(n)d levels).") % {"n": MAX_DEPTH}
        return
    if isinstance(value, str):
        problem = text_problem(value)
        if problem:
            yield path, problem
    elif isinstance(value, dict):
        for key, item in value.items():
            where = f"{path}.{key}" if path else str(key)
            if isinstance(key, str) and (problem := text_problem(key)):
                yield path or "-", problem
                continue
            yield from _walk(item, where, depth + 1)
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            yield from _walk(item, f"{path}[{index}]", depth + 1)
