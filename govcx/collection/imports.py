"""Importing paper, phone and in-person responses from CSV: check every row, then all or nothing.

Two layouts: ``columns`` (a header row naming question keys, plus optional ``language``,
``received_at`` and ``location_code``) and ``a11`` (the A-11 17-column response format, for
surveys built on the A-11 current template). A row's ``external_id`` (A-11) or ``id`` column
becomes its idempotency key, so importing the same file twice stores nothing twice.
"""

import codecs
import csv
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from govcx.accounts.models import User
from govcx.audit.models import Action
from govcx.audit.services import audit_record
from govcx.catalog.models import Touchpoint
from govcx.collection.models import Rejection, Response, Source
from govcx.collection.rejections import rejection_record
from govcx.collection.services import IdempotencyScope, response_build
from govcx.collection.signals import bulk_store_started
from govcx.collection.validation import check_answers
from govcx.core.text import text_problem
from govcx.operations.metrics import IMPORTED_ROWS, IMPORTS
from govcx.surveys.definition import iter_questions
from govcx.surveys.models import Survey, SurveyVersion
from govcx.surveys.pra import accepting_responses
from govcx.surveys.vocabulary import DRIVERS, QuestionType

A11_COLUMNS = [
    "external_id",
    "question_1",
    *[f"positive_{d}" for d in DRIVERS],
    *[f"negative_{d}" for d in DRIVERS],
    "question_4",
]
CONTEXT_COLUMNS = ("id", "language", "received_at", "location_code")
BATCH = 1000
KEY_PREFIX = "import:"
# The id is kept whole in the idempotency key (100 characters, the prefix included): cutting it
# would make two long ids one.
MAX_ID = 100 - len(KEY_PREFIX)
MAX_LOCATION = 100
# A paper form typed in "now" on a computer whose clock runs a little ahead is not from the future.
CLOCK_SKEW = timedelta(minutes=5)
# What a re-imported row must repeat to be the row imported before. Not the version (the survey
# may have published another since) nor received_at (a row without one is dated at import).
IMPORT_COMPARED = ("answers", "touchpoint_id", "language", "location_code")


@dataclass
class RowError:
    row: int  # 1-based line number in the file, header included
    column: str
    message: str

    def __str__(self) -> str:
        return _("Row %(row)d, column %(column)s: %(message)s") % {
            "row": self.row,
            "column": self.column,
            "message": self.message,
        }


@dataclass
class ImportResult:
    stored: int = 0
    already: int = 0
    errors: list[RowError] = field(default_factory=list)


@dataclass
class A11Keys:
    trust: str
    positive: str | None
    negative: str | None
    comment: str | None


def a11_keys(version: SurveyVersion) -> A11Keys | None:
    """Where the A-11 columns go in this survey, or None when it is not an A-11 current survey."""
    keys: dict[str, str] = {}
    for _page, question in iter_questions(version.definition):
        if question.get("measure") == "trust" and question["type"] in ("thumbs", "agreement5"):
            keys.setdefault("trust", question["key"])
        elif question.get("drivers") in ("positive", "negative"):
            keys.setdefault(question["drivers"], question["key"])
        elif question.get("measure") == "comment" and question["type"] in (
            QuestionType.LONG_TEXT,
            QuestionType.SHORT_TEXT,
        ):
            keys.setdefault("comment", question["key"])
    if "trust" not in keys:
        return None
    return A11Keys(keys["trust"], keys.get("positive"), keys.get("negative"), keys.get("comment"))


def _a11_row(
    row: dict[str, str], keys: A11Keys, line: int
) -> tuple[dict[str, Any], list[RowError]]:
    raw: dict[str, Any] = {}
    errors = []
    if row.get("question_1", "").strip():
        raw[keys.trust] = row["question_1"].strip()
    for polarity, key in (("positive", keys.positive), ("negative", keys.negative)):
        chosen = []
        for driver in DRIVERS:
            column = f"{polarity}_{driver}"
            value = row.get(column, "").strip()
            if value not in ("", "0", "1"):
                errors.append(
                    RowError(line, column, _("Use 1 (chosen), 0 (not chosen) or leave empty."))
                )
            elif value == "1":
                chosen.append(driver)
        if chosen and key is None:
            errors.append(RowError(line, f"{polarity}_*", _("This survey has no such question.")))
        elif chosen and key:
            raw[key] = chosen
    comment = row.get("question_4", "").strip()
    if comment:
        if keys.comment is None:
            errors.append(RowError(line, "question_4", _("This survey has no comment question.")))
        else:
            raw[keys.comment] = comment
    return raw, errors


def not_utf8(body: bytes, error: UnicodeDecodeError) -> RowError:
    """Where the first byte that is not UTF-8 is, in words a spreadsheet user can act on."""
    line = body[: error.start].count(b"\n") + 1
    return RowError(
        line,
        "-",
        _(
            "This is not a UTF-8 file: line %(line)d holds the byte %(byte)s, which UTF-8 "
            "does not allow. Save the file as “CSV UTF-8” and import it again."
        )
        % {"line": line, "byte": f"0x{body[error.start]:02X}"},
    )


def not_csv(line: int) -> RowError:
    return RowError(
        line,
        "-",
        _(
            "The file could not be read as CSV from here on (a cell over %(n)d characters, or a "
            "quote left open)."
        )
        % {"n": csv.field_size_limit()},
    )


def responses_import(
    *,
    survey: Survey,
    touchpoint: Touchpoint,
    data: bytes,
    layout: str,
    by: User | None,
    progress: Callable[[int], None] | None = None,
) -> ImportResult:
    """Check every row; store all of them in one transaction only if none has a problem."""
    result = _import(survey, touchpoint, data, layout, by, progress)
    IMPORTS.labels("refused" if result.errors else "stored").inc()
    IMPORTED_ROWS.inc(result.stored)
    return result


def _import(
    survey: Survey,
    touchpoint: Touchpoint,
    data: bytes,
    layout: str,
    by: User | None,
    progress: Callable[[int], None] | None,
) -> ImportResult:
    result = ImportResult()
    version = survey.published_version()
    acceptance = accepting_responses(survey, today=timezone.localdate())
    if version is None or not acceptance.accepting:
        result.errors.append(RowError(0, "-", _("The survey is not accepting responses.")))
        rejection_record(Rejection.NOT_ACCEPTING, survey=survey)
        return result
    if not survey.touchpoints.filter(pk=touchpoint.pk).exists():
        result.errors.append(RowError(0, "-", _("The touchpoint does not offer this survey.")))
        return result
    body = data.removeprefix(codecs.BOM_UTF8)
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as error:
        result.errors.append(not_utf8(body, error))
        rejection_record(Rejection.IMPORT_FILE, survey=survey)
        return result
    reader = csv.DictReader(io.StringIO(text))
    try:
        pending = _check_rows(survey, version, touchpoint, reader, layout, result)
    except csv.Error:  # the header row itself cannot be read
        pending = []
        result.errors.append(not_csv(1))
    if not result.errors:
        _store(survey, pending, "external_id" if layout == "a11" else "id", result, by, progress)
    if result.errors:
        rejection_record(
            Rejection.IMPORT_FILE, survey=survey, amount=len({e.row for e in result.errors})
        )
    return result


def _check_rows(
    survey: Survey,
    version: SurveyVersion,
    touchpoint: Touchpoint,
    reader: "csv.DictReader[str]",
    layout: str,
    result: ImportResult,
) -> list[tuple[int, Response]]:
    header = list(reader.fieldnames or [])
    if not _check_header(version, header, layout, result):
        return []
    keys = a11_keys(version) if layout == "a11" else None
    id_column = "external_id" if layout == "a11" else "id"
    earliest = timezone.localdate(version.created_at)
    seen: dict[str, int] = {}
    pending: list[tuple[int, Response]] = []
    for line, row in _records(reader, result):
        if None in row:
            result.errors.append(RowError(line, "-", _("More values than columns.")))
            continue
        external = (row.get(id_column) or "").strip()
        errors = [RowError(line, c, p) for c, v in row.items() if v and (p := text_problem(v))]
        if id_column not in {error.column for error in errors}:
            errors += _id_problems(external, id_column, line, seen)
        if errors:
            result.errors.extend(errors)
            continue
        if keys is not None:
            raw, errors = _a11_row(row, keys, line)
        else:
            raw = {
                k: _cell(v) for k, v in row.items() if k not in CONTEXT_COLUMNS and v and v.strip()
            }
        checked = check_answers(version.definition, raw)
        errors += [RowError(line, key, message) for key, message in checked.errors.items()]
        language = (row.get("language") or "en").strip()
        if language not in version.languages:
            errors.append(RowError(line, "language", _("Not a language of this survey.")))
        location = (row.get("location_code") or "").strip()
        if len(location) > MAX_LOCATION:
            errors.append(
                RowError(
                    line,
                    "location_code",
                    _("Use at most %(n)d characters.") % {"n": MAX_LOCATION},
                )
            )
        received = _received(row.get("received_at") or "", line, errors, earliest)
        if errors:
            result.errors.extend(errors)
            continue
        response = response_build(
            survey=survey,
            version=version,
            touchpoint=touchpoint,
            answers=checked.answers,
            language=language,
            source=Source.IMPORT,
            location_code=location,
            idempotency_key=f"{KEY_PREFIX}{external}" if external else None,
            idempotency_scope=IdempotencyScope.IMPORT,
        )
        response.received_at = received
        pending.append((line, response))
    return pending


def _records(
    reader: "csv.DictReader[str]", result: ImportResult
) -> Iterator[tuple[int, dict[str, str]]]:
    """The rows with their line numbers (the header is line 1). A row the csv module cannot read
    ends the file there, as a listed problem."""
    rows = iter(reader)
    line = 1
    while True:
        line += 1
        try:
            row = next(rows)
        except StopIteration:
            return
        except csv.Error:
            result.errors.append(not_csv(line))
            return
        yield line, row


def _check_header(
    version: SurveyVersion, header: list[str], layout: str, result: ImportResult
) -> bool:
    """Whether the header row names what the layout needs; its problems go to ``result``."""
    for position, name in enumerate(header, start=1):
        if problem := text_problem(name):
            result.errors.append(RowError(1, str(position), problem))
    if result.errors:
        return False
    if layout == "a11":
        missing = [c for c in A11_COLUMNS if c not in header]
        if a11_keys(version) is None:
            result.errors.append(
                RowError(1, "-", _("This survey does not follow the A-11 current standard."))
            )
        if missing:
            result.errors.append(RowError(1, ", ".join(missing), _("Missing A-11 columns.")))
        return not result.errors
    known = {q["key"] for _p, q in iter_questions(version.definition)}
    unknown = [c for c in header if c not in known and c not in CONTEXT_COLUMNS]
    if unknown:
        result.errors.append(RowError(1, ", ".join(unknown), _("No such question in the survey.")))
    return not result.errors


def _id_problems(external: str, column: str, line: int, seen: dict[str, int]) -> list[RowError]:
    """An id must fit whole in the idempotency key, and appear once in the file."""
    if not external:
        return []
    if len(external) > MAX_ID:
        return [RowError(line, column, _("Use at most %(n)d characters.") % {"n": MAX_ID})]
    first = seen.setdefault(external, line)
    if first == line:
        return []
    message = _("Row %(row)d has the same id (%(id)s); give each row its own id.")
    return [RowError(line, column, message % {"row": first, "id": external})]


def _cell(value: str) -> Any:
    """A cell; "a|b" lists the options of a multiple-choice answer."""
    value = value.strip()
    return value.split("|") if "|" in value else value


def _received(text: str, line: int, errors: list[RowError], earliest: date) -> datetime:
    """When the answer was given: not in the future (beyond a little clock skew), not before the
    survey version existed (compared by day, so a date alone on that day is fine), in UTC."""
    now = timezone.now()
    if not text.strip():
        return now
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        errors.append(
            RowError(line, "received_at", _("Use a date like 2026-03-31 or 2026-03-31T14:05."))
        )
        return now
    # The day alone first: near the ends of the calendar a time zone cannot even be applied.
    day, today = moment.date(), timezone.localdate(now)
    future = day > today
    if earliest - timedelta(days=2) <= day <= today + timedelta(days=2):
        aware = moment if moment.tzinfo else timezone.make_aware(moment)
        # UTC, as the database keeps it: an offset such as +20:44 is ISO 8601 but PostgreSQL
        # refuses it.
        moment = aware.astimezone(UTC)
        future = moment > now + CLOCK_SKEW
        if not future and timezone.localdate(moment) >= earliest:
            return moment
    if future:
        errors.append(RowError(line, "received_at", _("This moment is in the future.")))
    else:
        errors.append(
            RowError(
                line,
                "received_at",
                _("The survey version was created on %(date)s; give a date on or after it.")
                % {"date": earliest.isoformat()},
            )
        )
    return now


def _store(
    survey: Survey,
    pending: list[tuple[int, Response]],
    id_column: str,
    result: ImportResult,
    by: User | None,
    progress: Callable[[int], None] | None,
) -> None:
    """Store the rows not imported before, all or none. A row whose id was imported before with
    other content is a problem, not silently skipped: the correction it carries would be lost."""
    with transaction.atomic():
        # The rollups hold their watermark until this commits (their ids become visible only
        # then, and must not be passed over meanwhile).
        bulk_store_started.send(sender=Response)
        before = _imported_before(survey, [r for _line, r in pending])
        for line, response in pending:
            earlier = before.get(response.idempotency_key or "")
            if earlier is not None and not _same_import(earlier, response):
                message = _(
                    "This id was imported before with other answers, language, location or "
                    "touchpoint; give the row a new id, or leave it out."
                )
                result.errors.append(RowError(line, id_column, message))
        if result.errors:
            return
        fresh = [r for _line, r in pending if (r.idempotency_key or "") not in before]
        result.already = len(pending) - len(fresh)
        for start in range(0, len(fresh), BATCH):
            Response.objects.bulk_create(fresh[start : start + BATCH])
            if progress:
                progress(len(fresh[start : start + BATCH]))
        result.stored = len(fresh)
        audit_record(
            action=Action.RESPONSES_IMPORTED,
            actor=by,
            organization=survey.organization,
            obj=survey,
            details={"stored": result.stored, "already_stored": result.already},
        )


def _imported_before(survey: Survey, pending: list[Response]) -> dict[str, Response]:
    """The survey's imported responses with the keys of ``pending``, by key."""
    keys = [r.idempotency_key for r in pending if r.idempotency_key]
    found: dict[str, Response] = {}
    imported = Response.objects.filter(survey=survey, idempotency_scope=IdempotencyScope.IMPORT)
    for start in range(0, len(keys), BATCH):
        rows = imported.filter(idempotency_key__in=keys[start : start + BATCH]).only(
            *IMPORT_COMPARED, "idempotency_key"
        )
        found.update((row.idempotency_key or "", row) for row in rows)
    return found


def _same_import(earlier: Response, row: Response) -> bool:
    return all(getattr(earlier, name) == getattr(row, name) for name in IMPORT_COMPARED)
