"""People's names in free text: context rules, confirmed by public-domain name lists.

Why rules and lists rather than a statistical model: see docs/adr/0018-redaction-of-names.md.
A name is taken only where the text says a name follows ("my name is", "me llamo", "Name:",
"Dr.", a closing such as "Thanks," at the end of the comment) or where a known first name is
followed by a known surname. The weaker contexts ("I'm", "this is", "soy", "my mother,") need the
first word to be a known first name, so "I'm Very tired" stays.

The lists (govcx/collection/data/) are the 1990 US Census first names and the 30,000 most common
surnames, public domain, with common Spanish given names added. They load once, on first use.
"""

import re
import unicodedata
from functools import cache
from pathlib import Path
from typing import NamedTuple

_DATA = Path(__file__).with_name("data")

# Capitalised words that are common English or Spanish words or places as often as names: a
# pair of them is not taken for a name without a context that says a name follows.
_COMMON = frozenset((_DATA / "common_words.txt").read_text(encoding="utf-8").split())


def _fold(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@cache
def _first_names() -> frozenset[str]:
    return frozenset((_DATA / "first_names.txt").read_text(encoding="utf-8").split())


@cache
def _surnames() -> frozenset[str]:
    return frozenset((_DATA / "surnames.txt").read_text(encoding="utf-8").split())


def is_first_name(word: str) -> bool:
    folded = _fold(word)
    return folded in _first_names() and folded not in _COMMON


def is_surname(word: str) -> bool:
    folded = _fold(word.replace("'", ""))
    return folded in _surnames() and folded not in _COMMON


_UP = "A-ZÁÉÍÓÚÑÜ"
_LOW = "a-záéíóúñü"
# One capitalised word of a name (O'Neil, McDonald, Ortiz-Rivera) or a middle initial ("Q.").
_CAP = rf"(?<![\[\w])[{_UP}](?:[{_LOW}]+(?:['-][{_UP}]?[{_LOW}]+)*|[{_LOW}]*[{_UP}][{_LOW}]+)"
_INITIAL = rf"[{_UP}]\.?"
_CAP_NAME = rf"{_CAP}(?:[ \t]+(?:{_INITIAL}[ \t]+)?(?:(?:de|del|la|y)[ \t]+)?{_CAP}){{0,3}}"
# All capitals, as on forms: "JOHN Q PUBLIC".
_CAPS_WORD = rf"(?<![\[\w])[{_UP}]{{2,}}(?:['-][{_UP}]+)?(?![\]\w])"
_CAPS_NAME = rf"{_CAPS_WORD}(?:[ \t]+(?:[{_UP}]\.?[ \t]+)?{_CAPS_WORD}){{1,3}}"

_I = re.IGNORECASE
# Contexts that say a name follows. The name is the group "v"; the rest stays.
_STRONG = re.compile(
    r"\b(?:my\s+(?:full\s+)?name\s+is|my\s+name's|me\s+llamo|mi\s+nombre\s+(?:completo\s+)?es"
    r"|(?:full\s+|applicant\s+|veteran'?s?\s+|patient\s+|claimant\s+|beneficiary\s+)?name\s*[:\-]"
    r"|nombre\s*(?:completo\s*)?[:\-]"
    r"|(?:veteran|applicant|claimant|beneficiary|patient|signed|solicitante|beneficiari[oa]"
    r"|firmado|paciente)\s*:)"
    rf"[ \t]*(?P<v>(?-i:{_CAP_NAME}|{_CAPS_NAME}))",
    _I,
)
# "NAME JOHN Q PUBLIC", "Applicant name WILLIAM R HOLLOWAY": a name label, then capitals.
_LABEL_CAPS = re.compile(rf"\bname\s+(?P<v>(?-i:{_CAPS_NAME}))", _I)
_TITLE = re.compile(
    r"(?<![\w.])(?-i:Dr|Dra|Mr|Mrs|Ms|Miss|Sr|Sra|Srta|Lic|Sgt|Capt|Col|Lt|Prof)\.?[ \t]+"
    rf"(?P<v>(?-i:{_CAP_NAME}))"
)
# A closing, then the name ending the comment (or its line).
_SIGNATURE = re.compile(
    r"\b(?:thanks|thank\s+you|many\s+thanks|sincerely|regards|best\s+regards|best|respectfully"
    r"|cordially|god\s+bless|gracias|muchas\s+gracias|atentamente|saludos|cordialmente"
    r"|respetuosamente|bendiciones)\s*[,.!]?[ \t]*\n?[ \t]*"
    rf"(?P<v>(?-i:{_CAP_NAME}|{_CAPS_NAME}))[ \t]*[.!]?[ \t]*(?=\n|\Z)",
    _I,
)
_DASH_SIGNATURE = re.compile(
    rf"(?:^|\n)[ \t]*(?:--?|\u2014|\u2013)[ \t]*(?P<v>(?-i:{_CAP_NAME}))[ \t]*(?=\n|\Z)"
)
# Weak contexts: only when the first word is a known first name.
_WEAK = re.compile(
    r"\b(?:i\s+am|i'm|this\s+is|soy|my\s+(?:late\s+)?(?:mother|father|mom|dad|husband|wife"
    r"|son|daughter|brother|sister|spouse|grandmother|grandfather)|mi\s+(?:madre|padre|mam[aá]"
    r"|pap[aá]|esposo|esposa|hijo|hija|hermano|hermana|abuela|abuelo))\s*,?[ \t]+"
    rf"(?P<v>(?-i:{_CAP}(?:[ \t]+(?:{_INITIAL}[ \t]+)?{_CAP}){{1,3}}))",
    _I,
)
# Anywhere: a known first name, an optional initial, a known surname.
_PAIR = re.compile(rf"(?P<v>(?P<first>{_CAP})[ \t]+(?:{_INITIAL}[ \t]+)?(?P<last>{_CAP}))")


def _strong(match: re.Match[str]) -> str | None:
    return "NAME"


def _weak(match: re.Match[str]) -> str | None:
    return "NAME" if is_first_name(match.group("v").split()[0]) else None


def _pair(match: re.Match[str]) -> str | None:
    if not (is_first_name(match.group("first")) and is_surname(match.group("last"))):
        return None
    # A pair opening a sentence may be two ordinary words ("Will Grant call?"): the lists
    # exclude the commonest of those; the rest are rare enough to accept.
    return "NAME"


class NameRule(NamedTuple):
    pattern: re.Pattern[str]
    kind: str  # "strong", "weak" or "pair": which classifier decides
    # Lower-case fragments an answer must hold for the rule to be worth running.
    needs: tuple[str, ...]
    # Where a match can start, as a superset (see redaction_patterns.Step.starts).
    starts: re.Pattern[str] | None = None
    lower: bool = False


NAME_RULES: tuple[NameRule, ...] = (
    NameRule(
        _STRONG,
        "strong",
        (
            "name",
            "llamo",
            "nombre",
            "veteran",
            "applicant",
            "claimant",
            "beneficiar",
            "patient",
            "signed",
            "solicitante",
            "firmado",
            "paciente",
        ),
        re.compile(
            r"m[eiy]|full|applicant|veteran|patient|claimant|beneficiar|name|nombre|solicitante"
            r"|signed|firmado|paciente"
        ),
        lower=True,
    ),
    NameRule(_LABEL_CAPS, "strong", ("name",), re.compile("name"), lower=True),
    NameRule(
        _TITLE,
        "strong",
        ("dr", "mr", "ms", "sr", "lic", "sgt", "capt", "col", "lt", "prof", "miss"),
        re.compile(r"Dr|Mr|Ms|Miss|Sr|Lic|Sgt|Capt|Col|Lt|Prof"),
    ),
    NameRule(
        _SIGNATURE,
        "strong",
        (
            "thank",
            "sincerely",
            "regards",
            "best",
            "respectfully",
            "cordially",
            "bless",
            "gracias",
            "atentamente",
            "saludos",
            "cordialmente",
            "respetuosamente",
            "bendiciones",
        ),
        re.compile(
            r"thank|many|sincerely|regards|best|respectfully|cordial|god|gracias|muchas"
            r"|atentamente|saludos|respetuosamente|bendiciones"
        ),
        lower=True,
    ),
    NameRule(_DASH_SIGNATURE, "strong", ("-", "\u2014", "\u2013"), re.compile(r"\A|\n")),
    NameRule(
        _WEAK,
        "weak",
        ("i am", "i'm", "this is", "soy", "my ", "mi "),
        re.compile(r"i[\s']|this|soy|m[iy]"),
        lower=True,
    ),
    NameRule(_PAIR, "pair", (), re.compile(rf"[{_UP}](?<![\[\w][{_UP}])")),
)
CLASSIFIERS = {"strong": _strong, "weak": _weak, "pair": _pair}
