"""The patterns and classifiers of govcx.collection.redaction, one group per kind of value.

Each pattern finds candidates; its classifier names the kind a candidate becomes, or None to
leave it as typed, reading nearby words when the shape alone is ambiguous, checksums where the
kind has one (card: Luhn; bank routing: ABA), and the organization's own public contacts.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

from govcx.collection import redaction_names as names


@dataclass(frozen=True)
class Keep:
    """Contact details to leave in the clear: phone numbers as their last 10 digits, addresses
    as normalised text (see `normalise_address`)."""

    phones: frozenset[str] = frozenset()
    addresses: tuple[str, ...] = ()


# A classifier names the kind a candidate becomes, or None to leave it as typed.
Classifier = Callable[[re.Match[str], Keep], str | None]

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
    rf"|\d?(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH},?\s+\d{{4}}|\d?(?:ro|º|°|er)?\s+de\s+{_MES}(?:\s+del?)?\s+\d{{4}})"
    r"(?!\d)",
    _I,
)
_MONTH_DATE = re.compile(rf"\b{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}(?!\d)", _I)
_BIRTH_NOUN = (
    r"(?:DOB|D\.O\.B|date\s+of\s+birth|birth\s*date|birthday|fecha\s+(?:de\s+)?nac(?:imiento)?"
    r"|f\.\s*nac|nacimiento|cumpleaños)\b\.?"
)
_BIRTH_VERB = r"(?:born(?:\s+on)?|nac[ií]\s+el|naci[oó]\s+el|nacid[oa]\s+el)\b|(?<![\w.])b\."
_BIRTH = rf"\b(?:{_BIRTH_NOUN}|{_BIRTH_VERB})"
# A comma after "born" usually starts the next item: "born 1950, applied 1/2/2024"; after a
# birth noun it may not: "my birthday is wrong, it should be 12/08/1990".
_BIRTH_BEFORE = re.compile(
    rf"(?:(?<!\[)\b{_BIRTH_NOUN}[^\d\n.!?;[\]]{{0,30}}?|\b(?:{_BIRTH_VERB})[^\d\n.!?;[,]{{0,20}}?)\Z",
    _I,
)
_BIRTH_AFTER = re.compile(rf"\s*[(,]?\s*(?:is\s+my\s+|es\s+mi\s+)?{_BIRTH_NOUN}", _I)

# Every 9-digit shape: SSN and ITIN (3-2-4), EIN (2-7); the classifier tells them apart.
_SEP = r"(?:[ \t]*-[ \t]*|[ \t])?"
_TAX_ID = re.compile(rf"\d(?<![\w-]\d)(?:\d\d{_SEP}\d\d{_SEP}\d{{4}}|\d-\d{{7}})(?![\w-])")
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
_SSN_PRINTED = re.compile(
    r"(?!000|666|9)\d{3}(?:([- ])(?!00)\d\d\1|[ \t]*-[ \t]*(?!00)\d\d(?:[ \t]*-[ \t]*|[ \t]))"
    r"(?!0000)\d{4}"
)
_EIN_PRINTED = re.compile(r"\d\d-\d{7}")

_EXT = r"(?:\s*,?\s*(?:ext(?:ension)?\.?|x)\s*:?\s*\d{1,6})?"
_EXT_AT_END = re.compile(r"\s*,?\s*(?:ext(?:ension)?\.?|x)\s*:?\s*\d{1,6}$", re.IGNORECASE)
_TOLL_FREE = frozenset({"800", "833", "844", "855", "866", "877", "888"})
# NANP: area codes and exchanges never start with 0 or 1, which rules out most reference numbers.
_PHONE = re.compile(
    r"(?<![\w+(-])(?P<plus>\+)?(?:1\s?[-. ]?\s?)?"
    r"(?P<area>\(\s*[2-9]\d\d\s*\)\s?[-. ]?\s?|[2-9]\d\d(?:\s?[-./]\s?|\s)?)?"
    rf"[2-9]\d\d(?:\s?[-.]\s?|\s)?\d{{4}}{_EXT}(?![\w-])",
    _I,
)
_PHONE_WORD_BEFORE = re.compile(
    r"\b(?:call|phone|cell|mobile|tel|text|reach|contact|tel[eé]fono|celular|cel|m[oó]vil|llam\w*"
    r"|(?:my|mi|our|nuestro)\s+(?:(?:phone|cell|home|work|contact|mobile|cellphone)\s+)?"
    r"(?:number|n[uú]mero))"
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
    rf"){_ADDRESS_TAIL}",
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


def _card(match: re.Match[str], keep: Keep) -> str | None:
    digits = re.sub(r"\D", "", match.group())
    # Card networks issue numbers starting 2-6; other runs are tracking or account numbers.
    return "CARD" if digits[0] in "23456" and _luhn_ok(digits) else None


def _birth_date(match: re.Match[str], keep: Keep) -> str | None:
    after = _BIRTH_AFTER.match(match.string, match.end())
    return "DOB" if after or _word_before(_BIRTH_BEFORE, match) else None


def _tax_id(match: re.Match[str], keep: Keep) -> str | None:
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


def _phone(match: re.Match[str], keep: Keep) -> str | None:
    digits = re.sub(r"\D", "", re.sub(_EXT_AT_END, "", match.group()))[-10:]
    # Toll-free numbers belong to agencies and businesses, never to a person; an organization's
    # own public numbers are listed on its screen.
    if digits[:3] in _TOLL_FREE or digits in keep.phones:
        return None
    area = match.group("area")
    # "+", "(202)" or a separator after the area code mark a phone; bare digits need a word.
    if match.group("plus") or (area and not area.isdigit()):
        return "PHONE"
    return "PHONE" if _word_before(_PHONE_WORD_BEFORE, match) else None


def _always(kind: str) -> Classifier:
    return lambda _match, _keep: kind


def _kind_after(pattern: re.Pattern[str], kind: str) -> Classifier:
    """The kind when `pattern` (a context word ending at the value) is found before it."""

    def classify(match: re.Match[str], keep: Keep) -> str | None:
        return kind if _word_before(pattern, match) else None

    return classify


_NUM = r"(?:\s+(?:number|num|nbr|no|n[uú]m(?:ero)?|#)\.?)?\s*(?:#|:)?"

# Obfuscated emails: "jane.doe at gmail dot com", "rmartinez[at]yahoo[dot]com", "arroba ... punto".
_AT = r"(?:\s*[\[({]\s*(?:at|arroba)\s*[\])}]\s*|\s+(?:at|arroba)\s+|@)"
_DOT = r"(?:\s*[\[({]\s*(?:dot|punto)\s*[\])}]\s*|\s+(?:dot|punto)\s+|\.)"
_OBFUSCATED_EMAIL = re.compile(
    rf"(?<![\w.+-])[A-Za-z0-9][\w.+-]*(?:{_DOT}[A-Za-z0-9][\w+-]*)*?{_AT}[A-Za-z0-9-]+(?:{_DOT}[A-Za-z0-9-]+)*?"
    rf"{_DOT}(?:com|net|org|gov|edu|mil|us|pr|mx|info|biz|co|es)\b",
    _I,
)
# The end of every obfuscated email: finding none is cheaper than trying each word as its start.
_OBFUSCATED_EMAIL_END = re.compile(
    rf"{_AT}[A-Za-z0-9-]+(?:{_DOT}[A-Za-z0-9-]+)*?"
    rf"{_DOT}(?:com|net|org|gov|edu|mil|us|pr|mx|info|biz|co|es)\b",
    _I,
)
OBFUSCATED_EMAIL_HINTS = ("dot", "punto", ".com", ".net", ".org", ".gov", ".edu", ".mil")

# Medicare Beneficiary Identifier: 11 characters, C A AN N A AN N A A N N, with no S L O I B Z,
# often printed 4-3-4. The layout is specific enough to need no context.
_MBI_A = "[AC-HJKMNP-RT-Y]"
_MBI_AN = "[AC-HJKMNP-RT-Y0-9]"
MBI = re.compile(
    rf"(?<![\w-])[1-9]{_MBI_A}{_MBI_AN}\d-?{_MBI_A}{_MBI_AN}\d-?{_MBI_A}{{2}}\d\d(?![\w-])", _I
)

# Bank routing (ABA) numbers: 9 digits after a routing word, with a Federal Reserve prefix and
# the ABA checksum. Account numbers: 4 to 17 digits after an account word.
_ROUTING_WORD = re.compile(
    rf"\b(?:routing|ABA|RTN|(?:n[uú]mero\s+de\s+)?(?:ruta|tr[aá]nsito)){_NUM}{_GAP}\Z", _I
)
ROUTING = re.compile(r"\d(?<![\w-]\d)\d{8}(?![\w-])")
_ABA_PREFIX = re.compile(r"0[0-9]|1[0-2]|2[1-9]|3[0-2]|6[1-9]|7[0-2]|80")


def aba_ok(digits: str) -> bool:
    d = [int(c) for c in digits]
    total = 3 * (d[0] + d[3] + d[6]) + 7 * (d[1] + d[4] + d[7]) + d[2] + d[5] + d[8]
    return total % 10 == 0 and bool(_ABA_PREFIX.match(digits))


def routing(match: re.Match[str], keep: Keep) -> str | None:
    if not aba_ok(match.group()):
        return None
    return "ROUTING" if _word_before(_ROUTING_WORD, match) else None


_ACCOUNT_WORD = re.compile(
    r"\b(?:(?:bank|checking|savings|deposit)\s+)?(?:account|acct|a/c|cuenta)"
    rf"(?:\s+(?:de\s+(?:banco|cheques|ahorros?)|ending(?:\s+in)?|terminada\s+en)){{0,2}}{_NUM}"
    rf"{_GAP}\Z",
    _I,
)
BANK_ACCOUNT = re.compile(r"\d(?<![\w-]\d)\d{3,16}(?:[ -]\d{2,8}){0,3}(?![\w-])")


def bank_account(match: re.Match[str], keep: Keep) -> str | None:
    context = _word_before(_ACCOUNT_WORD, match)
    if context is None or re.search(r"card|tarjeta", context.group(), _I):
        return None
    return "BANK_ACCOUNT" if len(re.sub(r"\D", "", match.group())) <= 17 else None


BANK_HINTS = ("account", "acct", "a/c", "cuenta", "routing", "aba", "rtn", "ruta", "tránsito")

# Passports: a passport word, then 6 to 9 digits, optionally after one or two letters.
_PASSPORT_WORD = re.compile(rf"\b(?:passport|pasaporte)(?:\s+card)?{_NUM}{_GAP}\Z", _I)
PASSPORT = re.compile(r"(?<![\w-])[A-Za-z]{0,2}\d{6,9}(?![\w-])")
passport = _kind_after(_PASSPORT_WORD, "PASSPORT")

# USCIS A-numbers: "A" and 8 or 9 digits, or the digits after an A-number word.
A_NUMBER_PREFIXED = re.compile(r"(?<![\w-])(?-i:A)[ \t-]?\d{2,3}[ \t-]?\d{3}[ \t-]?\d{3}(?![\w-])")
_A_WORD = re.compile(
    r"(?:\b(?-i:A)[- ]?(?:#|(?:number|no|num|n[uú]mero)\b)"
    r"|\balien\s+(?:registration\s+)?(?:number|no|#)|\bUSCIS\s+(?:number|#|no)|\bn[uú]mero\s+(?:de\s+)?(?-i:A)\b|\bregistro\s+de\s+extranjero)"
    rf"\.?{_GAP}\Z",
    _I,
)
A_NUMBER = re.compile(r"\d(?<![\w-]\d)\d{1,2}[ \t-]?\d{3}[ \t-]?\d{3}(?![\w-])")
a_number = _kind_after(_A_WORD, "A_NUMBER")

# VA file and claim numbers: 8 or 9 digits after a VA file or claim word.
_VA_WORD = re.compile(
    r"\b(?:VA\s+(?:file|claim|c-?file)|c-?file|(?:claim|file)\s+(?:number\s+)?(?:with|for|at)\s+"
    rf"(?:the\s+)?VA|(?:n[uú]mero\s+de\s+)?expediente(?:\s+del?\s+VA)?){_NUM}{_GAP}\Z",
    _I,
)
VA_FILE = re.compile(r"\d(?<![\w-]\d)\d{1,2}[ \t-]?\d{3}[ \t-]?\d{3}(?![\w-])")
va_file = _kind_after(_VA_WORD, "VA_FILE")

# Driver's licences: a licence word, then 6 to 14 digits, optionally after one or two letters.
_LICENSE_WORD = re.compile(
    r"\b(?:driver'?s?\s+licen[cs]e|drivers?\s+lic|DL|licencia(?:\s+de\s+(?:conducir|manejar))?)"
    rf"{_NUM}{_GAP}\Z",
    _I,
)
DRIVERS_LICENSE = re.compile(r"(?<![\w-])(?:[A-Za-z]{1,2}[ \t-]?)?\d(?:[ \t-]?\d){5,13}(?![\w-])")
drivers_license = _kind_after(_LICENSE_WORD, "DRIVERS_LICENSE")

# Partial SSNs: "xxx-xx-4417", or the last four digits after "last 4 of my SSN".
PARTIAL_SSN = re.compile(r"(?<![\w*#])[xX*#]{3}[ \t]*-?[ \t]*[xX*#]{2}[ \t]*-?[ \t]*\d{4}(?!\d)")
LAST_FOUR = re.compile(r"\d(?<![\w-]\d)\d{3}(?![\w-])")
_LAST_WORD = re.compile(r"\b(?:last|ending|ends|[uú]ltimos|terminad[oa]|termina)\b", _I)


def last_four(match: re.Match[str], keep: Keep) -> str | None:
    context = _word_before(_TAX_WORD_BEFORE, match)
    if context is None:
        return None
    start = max(0, context.start() - 30)
    return "SSN" if _LAST_WORD.search(match.string, start, match.start()) else None


LAST_FOUR_HINTS = ("last", "ending", "ends", "últim", "ultim", "termina")

# Puerto Rico and other Spanish-style addresses: "Carr. 2 Km 47.3", "Urb. Villa Carolina,
# Calle 45 Bloque 12 #23", "Calle Sol #23 Apt 4R"; then the usual unit and "City, ST ZIP".
_AREA = r"(?:urb|urbanizaci[oó]n|bo|barrio|res|residencial|cond|condominio|sector|parcelas|ext)"
_ES_STREET = r"(?:calle|c/|avenida|ave|carr|carretera|camino|paseo)"
_ES_PART = (
    r"(?:(?-i:[A-ZÁÉÍÓÚÑ])[\w'-]*\.?|\#?\s?\d+[A-Za-z]?(?:[.-]\d+)?\b|(?:km|bloque|blq|edif|apto?"
    r"|casa|esq|num|no)\b\.?|(?:de|del|la|las|los|el)\b)"
)
SPANISH_ADDRESS = re.compile(
    rf"\b(?:{_AREA}\.?[ \t]+(?:{_ES_PART}[ \t]*){{1,4}},?[ \t]*)?{_ES_STREET}\b\.?"
    rf"(?:[ \t]*{_ES_PART}){{1,8}}{_ADDRESS_TAIL}",
    _I,
)
SPANISH_ADDRESS_HINTS = ("calle", "c/", "ave", "carr", "camino", "paseo")


def normalise_address(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))


def _kept_address(match: re.Match[str], keep: Keep) -> bool:
    found = normalise_address(match.group())
    return any(found in kept or kept in found for kept in keep.addresses if kept)


def address(match: re.Match[str], keep: Keep) -> str | None:
    return None if _kept_address(match, keep) else "ADDRESS"


def spanish_address(match: re.Match[str], keep: Keep) -> str | None:
    # A street name alone ("la calle principal") is not an address: it needs a number.
    if not re.search(r"\d", match.group()) or _kept_address(match, keep):
        return None
    return "ADDRESS"


class Step(NamedTuple):
    pattern: re.Pattern[str]
    classify: Classifier
    # Lower-case fragments, one of which the answer must contain for the step to be worth
    # running (empty: always run). A substring test costs far less than a regex scan.
    needs: tuple[str, ...] = ()
    # Whether the value holds a digit: most answers have none and skip those steps.
    digits: bool = True
    # Where a match can start, as a superset: a cheap pattern whose matches begin at every
    # position where `pattern` can match (None: let `pattern` try every position). `re` tries
    # a keyword alternation or a lookbehind at every position of the answer, which costs far
    # more than finding the few places worth trying.
    starts: re.Pattern[str] | None = None
    # Whether `starts` reads the lower-cased answer (its keywords then need no IGNORECASE).
    lower: bool = False
    # A pattern every match contains: when the text holds none, the step is skipped.
    gate: re.Pattern[str] | None = None


def _name_step(rule: names.NameRule) -> Step:
    classify = names.CLASSIFIERS[rule.kind]
    return Step(
        rule.pattern,
        lambda match, _keep: classify(match),
        rule.needs,
        digits=False,
        starts=rule.starts,
        lower=rule.lower,
    )


def _starts(pattern: str) -> re.Pattern[str]:
    """A case-sensitive start finder (see `Step.starts`)."""
    return re.compile(pattern)


# Start finders. Those read by `lower` name each keyword a match can begin with, in lower case
# and ASCII only; the others repeat the opening of their pattern with its lookbehind moved after
# the first character, so that `re` can skip ahead in C to the characters that can open a value.
_MONTH_STARTS = _starts(r"jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec")
_A_NUMBER_STARTS = _starts(r"A(?<![\w-]A)[ \t-]?\d")
_PARTIAL_SSN_STARTS = _starts(r"[xX*#](?<![\w*#][xX*#])[xX*#]{2}")
_BOX_STARTS = _starts(r"p\.?\s?o|post|apartado|rr|rural|hc|star")
_SPANISH_ADDRESS_STARTS = _starts(
    r"urb|bo|barrio|res|cond|sector|parcelas|ext|calle|c/|ave|carr|camino|paseo"
)


_BIRTH_HINTS = ("dob", "d.o.b", "birth", "born", "nac", "cumplea", "b.")
# In the order they must run: emails first (their digits look like phones), then the kinds
# whose context word decides (so a routing or passport number is not taken for an SSN), cards
# before the shorter shapes they contain, birth dates before phones ("1-2-60"), names last.
STEPS: tuple[Step, ...] = (
    Step(_EMAIL, _always("EMAIL"), ("@",), digits=False),
    Step(
        _OBFUSCATED_EMAIL,
        _always("EMAIL"),
        OBFUSCATED_EMAIL_HINTS,
        digits=False,
        gate=_OBFUSCATED_EMAIL_END,
    ),
    Step(MBI, _always("MEDICARE")),
    Step(ROUTING, routing, BANK_HINTS),
    Step(BANK_ACCOUNT, bank_account, BANK_HINTS),
    Step(_CARD, _card),
    Step(_DATE, _birth_date, _BIRTH_HINTS),
    Step(_MONTH_DATE, _birth_date, _BIRTH_HINTS, starts=_MONTH_STARTS, lower=True),
    Step(PASSPORT, passport, ("passport", "pasaporte")),
    Step(A_NUMBER_PREFIXED, _always("A_NUMBER"), starts=_A_NUMBER_STARTS),
    Step(A_NUMBER, a_number),
    Step(VA_FILE, va_file, ("va", "file", "expediente")),
    Step(
        DRIVERS_LICENSE,
        drivers_license,
        ("licen", "dl", "lic"),
    ),
    Step(PARTIAL_SSN, _always("SSN"), ("xx", "**", "##"), starts=_PARTIAL_SSN_STARTS),
    Step(LAST_FOUR, last_four, LAST_FOUR_HINTS),
    Step(_TAX_ID, _tax_id),
    Step(_PHONE, _phone),
    Step(_HOUSE_ADDRESS, address),
    Step(_BOX_ADDRESS, address, ("box", "apartado"), starts=_BOX_STARTS, lower=True),
    Step(
        SPANISH_ADDRESS,
        spanish_address,
        SPANISH_ADDRESS_HINTS,
        starts=_SPANISH_ADDRESS_STARTS,
        lower=True,
    ),
    *(_name_step(rule) for rule in names.NAME_RULES),
)
