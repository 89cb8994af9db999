"""Redact personal identifiers from free-text survey answers before they are stored.

Why: members of the public type identifiers into feedback boxes ("my SSN is ...", "call me back
at ...", "the house at 123 Oak St flooded") even when asked not to. Those values must never
reach the database, exports or analysts, so every answer passes through `redact()` first. Each
value becomes a typed placeholder ([SSN], [PHONE], ...): the answer stays readable, and
`Redacted.found` tells how much was removed without keeping any of it.

How: ordered regular expressions from the standard library, compiled once. Each step finds
candidates and a classifier decides, reading the nearby words when the shape is ambiguous. The
order matters: emails first (their digits look like phones), cards before the shorter shapes
they contain, birth dates before phones ("1-2-60"). Placeholders hold no digit and no "@", so
no pattern matches one again, which makes `redact()` idempotent.

Known limits (bench/redaction_quality.py measures precision and recall on a labelled set):
- Bare 9-digit tax ids and bare 10- or 7-digit phones need a context word before them ("SSN",
  "social", "ITIN", "EIN", "call", "teléfono"...): alone they are as likely claim or case
  numbers, which analysts need. So are SSN-shaped values the SSA never issues (area 000, 666,
  9xx; group 00; serial 0000). Any NN-NNNNNNN is taken for an EIN, even a policy number.
- Dates are redacted only within 20 characters of a birth word ("DOB", "born", "nací el"...);
  other dates are events analysts need. "birthday party on 5/5/2024" is over-redacted.
- An address needs a house number and a street suffix (or a PO/rural box, or a Spanish "Calle"
  form): "our house 456 Elm" is missed and "2 Main St addresses" over-redacted. Three groups
  of digits spaced like a phone ("250 300 4000") are taken for one.
- Names, ages, Medicare and account numbers, and non-US phones are not detected; obfuscated
  values ("john dot doe at example dot com", "123 - 45 - 6789") get through.
"""

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

PLACEHOLDERS: tuple[str, ...] = ("SSN", "ITIN", "EIN", "PHONE", "EMAIL", "CARD", "DOB", "ADDRESS")


@dataclass(frozen=True)
class Redacted:
    """The redacted text, and how many values of each kind were replaced (zeros omitted)."""

    text: str
    found: dict[str, int]


# A classifier names the kind a candidate becomes, or None to leave it as typed.
Classifier = Callable[[re.Match[str]], str | None]

_I = re.IGNORECASE
# Candidates open with their digit and check the character before it afterwards ("\d(?<!\w\d)"):
# a pattern that starts with a digit lets `re` skip ahead in C instead of trying every position.
_REACH = 48  # how far before a value to look for its context word: the longest word plus a gap
# What may separate a context word from its value: a few words, never a digit (that would be
# another value), a sentence end, or a placeholder (a redacted value already took the word).
_GAP = r"[^\d\n.!?;[]{0,20}?"

_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b")

# Bare runs, or the groupings printed on cards (4-4-4-4[-3], Amex 4-6-5); the Luhn check decides.
_CARD = re.compile(
    r"\d(?<![\d.-]\d)(?<!\d \d)"
    r"(?:\d{12,18}|\d{3}([ .-])\d{4}\1\d{4}\1\d{1,4}(?:\1\d{1,3})?|\d{3}([ .-])\d{6}\2\d{4,5})"
    r"(?!\d|[ .-]\d)"
)

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_MES = (
    r"(?:enero|febrero|marzo|abril|mayo|junio|julio|agosto|sep?tiembre|octubre|noviembre|diciembre)"
)
# 1/2/1960, 1-2-60, 1960-01-02, 2 January 1960, 2 de enero de 1960; then January 2, 1960.
_DATE = re.compile(
    r"\d(?<!\d\d)(?:\d?[/.-]\d{1,2}[/.-](?:\d{4}|\d\d)|\d{3}-\d{1,2}-\d{1,2}"
    rf"|\d?(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH},?\s+\d{{4}}|\d?\s+de\s+{_MES}(?:\s+del?)?\s+\d{{4}})"
    r"(?!\d)",
    _I,
)
_MONTH_DATE = re.compile(rf"\b{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}(?!\d)", _I)
_BIRTH_NOUN = (
    r"(?:DOB|D\.O\.B|date\s+of\s+birth|birth\s*date|birthday|fecha\s+de\s+nac(?:imiento)?"
    r"|cumpleaños)\b\.?"
)
_BIRTH = rf"\b(?:{_BIRTH_NOUN}|(?:born(?:\s+on)?|nac[ií]\s+el|naci[oó]\s+el|nacid[oa]\s+el)\b)"
# A comma after a birth word usually starts the next item: "born 1950, applied 1/2/2024".
_BIRTH_BEFORE = re.compile(rf"{_BIRTH}[^\d\n.!?;[,]{{0,20}}?\Z", _I)
_BIRTH_AFTER = re.compile(rf"\s*[(,]?\s*(?:is\s+my\s+|es\s+mi\s+)?{_BIRTH_NOUN}", _I)

# Every 9-digit shape: SSN and ITIN (3-2-4), EIN (2-7); the classifier tells them apart.
_TAX_ID = re.compile(r"\d(?<![\w-]\d)(?:\d\d[- ]?\d\d[- ]?\d{4}|\d-\d{7})(?![\w-])")
_TAX_WORD_BEFORE = re.compile(
    r"\b(?P<w>SS\s?#|SS\s+number|S\.S\.N\.?|(?:SSN|social(?:\s+security)?|seguro\s+social|ITIN|EIN"
    rf"|employer\s+id|(?:business\s+)?tax\s*(?:payer\s+)?id)\b(?:\s+(?:no|num|nbr)\.)?){_GAP}\Z",
    _I,
)
# IRS ITINs: area 9xx and a group in 50-65, 70-88, 90-92 or 94-99.
_ITIN_GROUP = r"(?:5\d|6[0-5]|7\d|8[0-8]|9[0-24-9])"
_ITIN_SHAPE = re.compile(rf"9\d\d[- ]?{_ITIN_GROUP}")
_ITIN_PRINTED = re.compile(rf"9\d\d([- ]){_ITIN_GROUP}\1\d{{4}}")
# Without context only numbers the SSA could have issued count, in the two printed layouts.
_SSN_PRINTED = re.compile(r"(?!000|666|9)\d{3}([- ])(?!00)\d\d\1(?!0000)\d{4}")
_EIN_PRINTED = re.compile(r"\d\d-\d{7}")

_EXT = r"(?:\s*,?\s*(?:ext(?:ension)?\.?|x)\s*:?\s*\d{1,6})?"
# NANP: area codes and exchanges never start with 0 or 1, which rules out most reference numbers.
_PHONE = re.compile(
    r"(?<![\w+(-])(?P<plus>\+)?(?:1\s?[-. ]?\s?)?"
    r"(?P<area>\(\s*[2-9]\d\d\s*\)\s?[-. ]?\s?|[2-9]\d\d(?:\s?[-./]\s?|\s)?)?"
    rf"[2-9]\d\d(?:\s?[-.]\s?|\s)?\d{{4}}{_EXT}(?![\w-])",
    _I,
)
_PHONE_WORD_BEFORE = re.compile(
    r"\b(?:call|phone|cell|mobile|tel|text|reach|contact|tel[eé]fono|celular|cel|m[oó]vil|llam\w*)"
    rf"\b\.?{_GAP}\Z",
    _I,
)

# Words that never start a street name: they are what follows "45" in "45 minutes on the road".
_NOT_STREET = (
    r"(?:the|a|an|to|of|in|on|at|for|and|or|but|by|near|off|from|with|past|into|via|after|before"
    r"|about|around|over|under|my|our|your|their|his|her|its|this|that|was|were|is|are|i|we|you"
    r"|they|times?|days?|hours?|hrs?|minutes?|mins?|weeks?|months?|years?|yrs?|people|visits?"
    r"|calls?|dollars?|miles?|different|other|more|kids?|children)\b"
)
_WORD = rf"(?!{_NOT_STREET})[^\W_][\w'-]*\.?"
_SUFFIX = (
    r"(?:street|st|avenue|ave|av|road|rd|boulevard|blvd|drive|dr|lane|ln|court|ct|way|place|pl"
    r"|highway|hwy|parkway|pkwy|terrace|ter|circle|cir|trail|trl|square|sq|loop|plaza|plz|pike"
    r"|alley|aly|expressway|expy|freeway|fwy|turnpike|tpke|crescent|cres)\b(?!-)"
)
_DIRECTION = r"(?:north|south|east|west|[NSEW]|NE|NW|SE|SW)\b"
_CALLE = r"(?:calle|avenida|camino|paseo)"
_ES_WORD = r"(?:(?:de|del|la|las|los|el)\s+)*(?-i:[A-ZÁÉÍÓÚÑ0-9])[\w'-]*"
_STATE = (
    r"(?-i:AL|AK|AZ|AR|CA|CO|CT|DE|DC|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV"
    r"|NH|NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|PR|VI|GU|AS|MP)\b"
)
# Unit, then "City, ST 12345": both optional, both kept inside the placeholder.
_ADDRESS_TAIL = (
    r"(?:\.?,?\s*(?:(?:apt|apartment|unit|suite|ste|lot|bldg|room|rm|trailer|apto|depto)\.?\s*#?"
    r"|#)\s*(?:\d[\w-]{0,5}|[A-Za-z]\d{0,4})\b)?"
    r"(?:\.?,?\s+(?-i:(?:[A-Z][a-zá-ú]+\s+){0,2}[A-Z][a-zá-ú]+),?\s+"
    rf"{_STATE}(?:\s+\d{{5}}(?:-\d{{4}})?)?)?"
)
_HOUSE_ADDRESS = re.compile(
    r"\d(?<![\w$.,/:-]\d)\d{0,5}[A-Za-z]?(?:-\d{1,5})?\s+(?:"
    r"(?:(?:us|state|county)\s+(?:highway|hwy|route|rte|road|rd)|highway|hwy|route|rte)"
    r"\s+\d{1,4}[A-Za-z]?\b"
    rf"|(?:{_DIRECTION}\.?\s+)?(?:{_WORD}\s+){{1,4}}?{_SUFFIX}(?:\.?\s+{_DIRECTION})?"
    # "St." mid-sentence is an abbreviation, so its point goes; at the end it closes the sentence.
    r"(?:\.(?=,|\s+(?-i:[a-z])))?"
    rf"|{_CALLE}(?:\s+{_ES_WORD}){{1,3}}){_ADDRESS_TAIL}",
    _I,
)
_BOX_ADDRESS = re.compile(
    r"(?:\b(?:(?:p\.?\s?o\.?\s?|post\s+office\s+)box|apartado(?:\s+postal)?"
    r"|(?:rr|rural\s+route|hc|star\s+route)\s*\d{1,3}\s*,?\s*box)\s*#?\s*\d{1,6}\b"
    rf"|\b{_CALLE}\s+(?:{_ES_WORD}\s+){{1,3}}#?\s*\d{{1,5}}[A-Za-z]?\b){_ADDRESS_TAIL}",
    _I,
)


def _word_before(pattern: re.Pattern[str], match: re.Match[str]) -> re.Match[str] | None:
    # pos/endpos instead of a slice: no copy, and "\Z" anchors at the value's start.
    return pattern.search(match.string, max(0, match.start() - _REACH), match.start())


def _luhn_ok(digits: str) -> bool:
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char) * (2 if position % 2 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


def _card(match: re.Match[str]) -> str | None:
    digits = re.sub(r"\D", "", match.group())
    # Card networks issue numbers starting 2-6; other runs are tracking or account numbers.
    return "CARD" if digits[0] in "23456" and _luhn_ok(digits) else None


def _birth_date(match: re.Match[str]) -> str | None:
    after = _BIRTH_AFTER.match(match.string, match.end())
    return "DOB" if after or _word_before(_BIRTH_BEFORE, match) else None


def _tax_id(match: re.Match[str]) -> str | None:
    value = match.group()
    context = _word_before(_TAX_WORD_BEFORE, match)
    if context is None:  # the printed layout alone must be convincing
        if _ITIN_PRINTED.fullmatch(value):  # before SSN: an ITIN is SSN-shaped
            return "ITIN"
        if _SSN_PRINTED.fullmatch(value):
            return "SSN"
        return "EIN" if _EIN_PRINTED.fullmatch(value) else None
    word = context.group("w").upper()
    if _EIN_PRINTED.fullmatch(value) or word.startswith(("EIN", "EMPLOYER", "BUSINESS")):
        return "EIN"
    return "ITIN" if word == "ITIN" or _ITIN_SHAPE.match(value) else "SSN"


def _phone(match: re.Match[str]) -> str | None:
    area = match.group("area")
    # "+", "(202)" or a separator after the area code mark a phone; bare digits need a word.
    if match.group("plus") or (area and not area.isdigit()):
        return "PHONE"
    return "PHONE" if _word_before(_PHONE_WORD_BEFORE, match) else None


def _always(kind: str) -> Classifier:
    return lambda _match: kind


class _Step(NamedTuple):
    pattern: re.Pattern[str]
    classify: Classifier
    # Lower-case fragments, one of which the answer must contain for the step to be worth
    # running (empty: always run). A substring test costs far less than a regex scan.
    needs: tuple[str, ...] = ()


_BIRTH_HINTS = ("dob", "d.o.b", "birth", "born", "nac", "cumplea")
_BOX_HINTS = ("box", "apartado", "calle", "avenida", "camino", "paseo")
# In the order they must run; see the module docstring for why.
_STEPS: tuple[_Step, ...] = (
    _Step(_EMAIL, _always("EMAIL"), ("@",)),
    _Step(_CARD, _card),
    _Step(_DATE, _birth_date, _BIRTH_HINTS),
    _Step(_MONTH_DATE, _birth_date, _BIRTH_HINTS),
    _Step(_TAX_ID, _tax_id),
    _Step(_PHONE, _phone),
    _Step(_HOUSE_ADDRESS, _always("ADDRESS")),
    _Step(_BOX_ADDRESS, _always("ADDRESS"), _BOX_HINTS),
)
_MAY_HOLD_VALUE = re.compile(r"[\d@]")


def _replace(step: _Step, text: str, found: Counter[str]) -> str:
    def substitute(match: re.Match[str]) -> str:
        kind = step.classify(match)
        if kind is None:
            return match.group()
        found[kind] += 1
        return f"[{kind}]"

    return step.pattern.sub(substitute, text)


def redact(text: str) -> Redacted:
    """Replace SSNs, ITINs, EINs, phones, emails, cards, birth dates and addresses in `text`."""
    found: Counter[str] = Counter()
    # Every kind needs a digit or an "@": most answers have neither and skip all the patterns.
    if _MAY_HOLD_VALUE.search(text):
        # Redaction never adds a hint word, so hints found in the original stay valid.
        lowered = text.lower()
        for step in _STEPS:
            if not step.needs or any(hint in lowered for hint in step.needs):
                text = _replace(step, text, found)
    return Redacted(text=text, found=dict(found))
