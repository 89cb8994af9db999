"""Importing paper, phone and in-person responses from CSV: check every row, then all or nothing.

Two layouts: ``columns`` (a header row naming question keys, plus optional ``language``,
``received_at`` and ``location_code``) and ``a11`` (the A-11 17-column response format, for
surveys built on the A-11 current template). A row's ``external_id`` (A-11) or ``id`` column
becomes its idempotency key, so importing the same file twice stores nothing twice.
"""

import csv
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from govcx.accounts.models import User
from govcx.analytics.rollups import rollup_state_locked
from govcx.audit.models import Action
from govcx.audit.services import audit_record
from govcx.catalog.models import Touchpoint
from govcx.collection.models import Rejection, Response, Source
from govcx.collection.rejections import rejection_record
from govcx.collection.services import response_build
from govcx.collection.validation import check_answers
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


def read_rows(data: bytes) -> tuple[list[str], Iterator[dict[str, str]]]:
    text = data.decode("utf-8-sig")
    reader = csv.DictReader(io.StringIO(text))
    return list(reader.fieldnames or []), reader


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
    try:
        header, rows = read_rows(data)
    except (UnicodeDecodeError, csv.Error) as error:
        result.errors.append(RowError(1, "-", _("Not a UTF-8 CSV file: %(e)s") % {"e": error}))
        rejection_record(Rejection.IMPORT_FILE, survey=survey)
        return result
    pending = _check_rows(survey, version, touchpoint, header, rows, layout, result)
    if result.errors:
        rejection_record(
            Rejection.IMPORT_FILE, survey=survey, amount=len({e.row for e in result.errors})
        )
        return result
    _store(survey, pending, result, by, progress)
    return result


def _check_rows(
    survey: Survey,
    version: SurveyVersion,
    touchpoint: Touchpoint,
    header: list[str],
    rows: Iterator[dict[str, str]],
    layout: str,
    result: ImportResult,
) -> list[Response]:
    keys = a11_keys(version) if layout == "a11" else None
    if layout == "a11":
        missing = [c for c in A11_COLUMNS if c not in header]
        if keys is None:
            result.errors.append(
                RowError(1, "-", _("This survey does not follow the A-11 current standard."))
            )
        if missing:
            result.errors.append(RowError(1, ", ".join(missing), _("Missing A-11 columns.")))
        if result.errors:
            return []
    else:
        known = {q["key"] for _p, q in iter_questions(version.definition)}
        unknown = [c for c in header if c not in known and c not in CONTEXT_COLUMNS]
        if unknown:
            result.errors.append(
                RowError(1, ", ".join(unknown), _("No such question in the survey."))
            )
            return []
    pending: list[Response] = []
    for line, row in enumerate(rows, start=2):
        if None in row:
            result.errors.append(RowError(line, "-", _("More values than columns.")))
            continue
        if keys is not None:
            raw, errors = _a11_row(row, keys, line)
            external = row.get("external_id", "").strip()
        else:
            raw = {
                k: _cell(v) for k, v in row.items() if k not in CONTEXT_COLUMNS and v and v.strip()
            }
            errors = []
            external = row.get("id", "").strip()
        checked = check_answers(version.definition, raw)
        errors += [RowError(line, key, message) for key, message in checked.errors.items()]
        language = (row.get("language") or "en").strip()
        if language not in version.languages:
            errors.append(RowError(line, "language", _("Not a language of this survey.")))
        received = _received(row.get("received_at", ""), line, errors)
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
            location_code=(row.get("location_code") or "").strip()[:100],
            idempotency_key=f"import:{external}"[:100] if external else None,
        )
        response.received_at = received
        pending.append(response)
    return pending


def _cell(value: str) -> Any:
    """A cell; "a|b" lists the options of a multiple-choice answer."""
    value = value.strip()
    return value.split("|") if "|" in value else value


def _received(text: str, line: int, errors: list[RowError]) -> datetime:
    if not text or not text.strip():
        return timezone.now()
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        errors.append(
            RowError(line, "received_at", _("Use a date like 2026-03-31 or 2026-03-31T14:05."))
        )
        return timezone.now()
    return moment if moment.tzinfo else timezone.make_aware(moment)


def _store(
    survey: Survey,
    pending: list[Response],
    result: ImportResult,
    by: User | None,
    progress: Callable[[int], None] | None,
) -> None:
    keys = [r.idempotency_key for r in pending if r.idempotency_key]
    with transaction.atomic():
        # Hold the rollup watermark while the rows are being written: their ids are taken now but
        # become visible only at commit, and rollups must not pass over them meanwhile.
        rollup_state_locked()
        existing = (
            set(
                Response.objects.filter(survey=survey, idempotency_key__in=keys).values_list(
                    "idempotency_key", flat=True
                )
            )
            if keys
            else set()
        )
        fresh = [r for r in pending if r.idempotency_key not in existing]
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
