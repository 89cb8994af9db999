"""The Spanish catalog: every interface string translated, compiled, and served."""

import gettext
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.test import Client
from django.utils import translation

import govcx

MESSAGES = Path(govcx.__file__).resolve().parent / "locale" / "es" / "LC_MESSAGES"
PO = MESSAGES / "django.po"
MO = MESSAGES / "django.mo"

KEYWORD = re.compile(r'^(msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+"(.*)"$')
ESCAPES = {"n": "\n", "t": "\t", '"': '"', "\\": "\\"}
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]")
MISSING = "\x00missing from the compiled catalog"


@dataclass
class Entry:
    """One msgid block of a .po file."""

    line: int
    flags: set[str] = field(default_factory=set)
    fields: dict[str, str] = field(default_factory=dict)

    @property
    def msgid(self) -> str:
        return self.fields.get("msgid", "")

    @property
    def context(self) -> str | None:
        return self.fields.get("msgctxt")

    @property
    def plural(self) -> str | None:
        return self.fields.get("msgid_plural")

    @property
    def msgstrs(self) -> list[str]:
        """The translation, or its plural forms in order."""
        if self.plural is None:
            return [self.fields["msgstr"]] if "msgstr" in self.fields else []
        forms = sorted(
            (int(key[7:-1]), value)
            for key, value in self.fields.items()
            if key.startswith("msgstr[")
        )
        return [value for _, value in forms]

    def __str__(self) -> str:
        return f"line {self.line}: {self.msgid!r}"


def unescape(text: str) -> str:
    return re.sub(r"\\(.)", lambda m: ESCAPES.get(m.group(1), m.group(0)), text)


def parse_po(path: Path) -> list[Entry]:
    """The entries of a .po file, header first; obsolete (#~) entries are left out."""
    entries: list[Entry] = []
    entry: Entry | None = None
    keyword = ""
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line:
            entry = None
            continue
        if line.startswith("#~"):
            continue
        if entry is None:
            entry = Entry(line=number)
            entries.append(entry)
        if line.startswith("#,"):
            entry.flags.update(flag.strip() for flag in line[2:].split(","))
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            entry.fields[keyword] += unescape(line[1:-1])
        else:
            match = KEYWORD.match(line)
            assert match, f"{path.name} line {number} cannot be read: {raw}"
            keyword = match.group(1)
            entry.fields[keyword] = unescape(match.group(2))
    return [entry for entry in entries if "msgid" in entry.fields]


class Missing(gettext.NullTranslations):
    """Fallback that marks a message the compiled catalog does not hold."""

    def gettext(self, message: str) -> str:
        return MISSING

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        return MISSING

    def pgettext(self, context: str, message: str) -> str:
        return MISSING

    def npgettext(self, context: str, msgid1: str, msgid2: str, n: int) -> str:
        return MISSING


def compiled(entry: Entry, catalog: gettext.GNUTranslations) -> list[str]:
    """What the compiled catalog gives for the entry, one string per plural form."""
    if entry.plural is None:
        if entry.context is None:
            return [catalog.gettext(entry.msgid)]
        return [catalog.pgettext(entry.context, entry.msgid)]
    if entry.context is None:
        return [catalog.ngettext(entry.msgid, entry.plural, n) for n in (1, 2)]
    return [catalog.npgettext(entry.context, entry.msgid, entry.plural, n) for n in (1, 2)]


@pytest.fixture(scope="module")
def entries() -> list[Entry]:
    parsed = parse_po(PO)
    assert parsed, f"{PO} has no entries"
    assert parsed[0].msgid == "", f"{PO} has no header"
    return parsed


@pytest.fixture
def keep_language() -> Iterator[None]:
    """A request activates its language for the thread; put the previous one back after."""
    with translation.override(translation.get_language()):
        yield


def test_spanish_header_declares_two_plural_forms(entries: list[Entry]) -> None:
    header = entries[0].fields["msgstr"]
    assert "fuzzy" not in entries[0].flags
    assert "Language: es\n" in header
    assert "Plural-Forms: nplurals=2; plural=(n != 1);\n" in header


def test_every_spanish_entry_is_translated_and_checked(entries: list[Entry]) -> None:
    untranslated = [
        str(entry)
        for entry in entries[1:]
        if not entry.msgstrs or not all(entry.msgstrs) or (entry.plural and len(entry.msgstrs) != 2)
    ]
    fuzzy = [str(entry) for entry in entries[1:] if "fuzzy" in entry.flags]
    assert not untranslated, "Untranslated:\n" + "\n".join(untranslated)
    assert not fuzzy, "Fuzzy (check, then remove the flag):\n" + "\n".join(fuzzy)


def test_spanish_entries_keep_their_placeholders(entries: list[Entry]) -> None:
    # A singular form may spell out its number ("uno de sus servicios"); otherwise every
    # translation keeps exactly the English placeholders, and none may invent one.
    changed = []
    for entry in entries[1:]:
        english = set(PLACEHOLDER.findall(entry.msgid + (entry.plural or "")))
        for translated in entry.msgstrs:
            found = set(PLACEHOLDER.findall(translated))
            if not found <= english or (not entry.plural and found != english):
                changed.append(f"{entry}: {translated!r}")
    assert not changed, "Placeholders differ from the English:\n" + "\n".join(changed)


def test_compiled_catalog_matches_the_po(entries: list[Entry]) -> None:
    with MO.open("rb") as mo:
        catalog = gettext.GNUTranslations(mo)
    catalog.add_fallback(Missing())
    stale = [str(entry) for entry in entries[1:] if compiled(entry, catalog) != entry.msgstrs]
    assert not stale, "django.mo is out of date; run compilemessages. Differs:\n" + "\n".join(stale)


def test_pages_are_served_in_spanish_when_the_browser_asks(db: None, keep_language: None) -> None:
    response = Client().get("/", HTTP_ACCEPT_LANGUAGE="es")
    assert response.status_code == 200
    assert response["Content-Language"] == "es"
    page = response.content.decode()
    assert '<html lang="es">' in page
    assert "Un sitio oficial del Gobierno de Estados Unidos" in page
    assert "Así es como usted puede verificarlo" in page
    assert "Los sitios web oficiales usan .gov" in page
    assert "Iniciar sesión" in page
    assert "An official website of the United States government" not in page
    assert ">Sign in<" not in page
