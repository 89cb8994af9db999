"""The A-11 files: response-level 17-column CSV, the legacy aggregate, and collection rows.

Column names and order are the standard's (reference: a11-section-280.md); values are plain
ASCII digits so the files load anywhere. Rows stream from the database in chunks, so a quarter
with a million responses never sits in memory.
"""

import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import xlsxwriter  # type: ignore[import-untyped]
from django.db.models import QuerySet

from govcx.analytics.counting import Answer, Tally, tally
from govcx.collection.imports import A11_COLUMNS, a11_keys
from govcx.collection.models import Response
from govcx.core.csvcells import cell_writer
from govcx.reporting.facts import has_driver_questions, quarter_tally, version_in_use
from govcx.reporting.models import REPORTED_FIELDS, Collection, CollectionDetail, FrozenResponse
from govcx.surveys.definition import allowed_values, iter_questions, questions_by_key
from govcx.surveys.models import SurveyVersion
from govcx.surveys.rules import evaluate
from govcx.surveys.vocabulary import DRIVERS

CHUNK = 2000


class Echo:
    """A file-like object whose write returns the line, for streaming csv.writer output."""

    def write(self, value: str) -> str:
        return value


def csv_lines(rows: Iterable[list[Any]]) -> Iterator[str]:
    """Each row as one CSV line, cells made safe for spreadsheets (govcx.core.csvcells): formulas
    neutralized, text UTF-8 can encode, so one stored answer cannot stop the file midway."""
    writer = cell_writer(Echo())
    for row in rows:
        yield writer.writerow(row)


def detail_responses(detail: CollectionDetail) -> QuerySet[Response]:
    """The responses behind the detail's files: once the report is submitted, those frozen at
    submission, so its files never move (a late import, a changed date); while it is being
    edited, the live ones."""
    if detail.collection.is_frozen:
        return detail_frozen_responses(detail)
    return detail_live_responses(detail)


def detail_live_responses(detail: CollectionDetail) -> QuerySet[Response]:
    """The responses the detail covers in the data now: its survey at its touchpoint, received
    in the quarter."""
    start, end = detail.collection.fiscal_quarter.bounds()
    return Response.objects.filter(
        survey_id=detail.survey_id,
        touchpoint_id=detail.touchpoint_id,
        received_at__gte=start,
        received_at__lt=end,
    )


def detail_frozen_responses(detail: CollectionDetail) -> QuerySet[Response]:
    """The responses recorded for the detail when its report was submitted (reporting/frozen.py)."""
    frozen = FrozenResponse.objects.filter(detail=detail).values("response_id")
    return Response.objects.filter(pk__in=frozen)


def detail_tally(detail: CollectionDetail) -> Tally:
    """The detail's counted answers, by the one counting definition (analytics/counting.py):
    once the report is submitted, from the responses frozen at submission; while it is being
    edited, from the rollups, as the dashboards count them."""
    if detail.collection.is_frozen:
        return frozen_tally(detail)
    return quarter_tally(detail.survey_id, detail.touchpoint_id, detail.collection.fiscal_quarter)


def frozen_tally(detail: CollectionDetail) -> Tally:
    """The counted answers of the responses frozen for the detail at submission."""
    rows = detail_frozen_responses(detail).order_by().values_list("version_id", "answers")
    return tally(rows.iterator(chunk_size=CHUNK), version_definition)


def version_definition(version_id: int) -> dict[str, Any]:
    definition: dict[str, Any] = SurveyVersion.objects.get(pk=version_id).definition
    return definition


@dataclass(frozen=True)
class _A11Layout:
    """Where a version keeps the A-11 answers and which driver options it offers."""

    trust: str
    comment: str | None
    drivers: dict[str, tuple[dict[str, Any], dict[str, Any], frozenset[str]] | None]


def _layout(version: SurveyVersion) -> _A11Layout | None:
    keys = a11_keys(version)
    if keys is None:
        return None
    by_key = questions_by_key(version.definition)
    pages = {q["key"]: page for page, q in iter_questions(version.definition)}
    drivers: dict[str, tuple[dict[str, Any], dict[str, Any], frozenset[str]] | None] = {}
    for polarity, key in (("positive", keys.positive), ("negative", keys.negative)):
        if key is None:
            drivers[polarity] = None
            continue
        question = by_key[key]
        offered = set(allowed_values(question)) | ({"other"} if question.get("other") else set())
        drivers[polarity] = (pages[key], question, frozenset(offered))
    return _A11Layout(keys.trust, keys.comment, drivers)


def a11_row(external_id: str, answers: dict[str, Any], layout: _A11Layout) -> list[str]:
    """One respondent as the 17 columns: indicators are 1 (chosen), 0 (offered, not chosen)
    and empty (not asked: the question was not shown, or the survey lacks the option)."""
    row = [external_id, str(answers.get(layout.trust, ""))]
    for polarity in ("positive", "negative"):
        spec = layout.drivers[polarity]
        shown = spec is not None and (
            evaluate(spec[0].get("show_if"), answers) and evaluate(spec[1].get("show_if"), answers)
        )
        chosen = set(answers.get(spec[1]["key"]) or []) if spec is not None and shown else set()
        for driver in DRIVERS:
            if spec is None or not shown or driver not in spec[2]:
                row.append("")
            else:
                row.append("1" if driver in chosen else "0")
    comment = answers.get(layout.comment, "") if layout.comment else ""
    row.append(comment if isinstance(comment, str) else "")
    return row


def a11_rows(detail: CollectionDetail) -> Iterator[list[str]]:
    """The detail's responses in the 17-column format, header first, oldest response first.
    ``external_id`` is the submission's idempotency key when it has one (the id the sending
    system knows), else govcx's response id."""
    yield list(A11_COLUMNS)
    layouts: dict[int, _A11Layout | None] = {}
    rows = (
        detail_responses(detail)
        .order_by("received_at", "id")
        .values_list("id", "idempotency_key", "version_id", "answers")
    )
    for pk, key, version_id, answers in rows.iterator(chunk_size=CHUNK):
        if version_id not in layouts:
            layouts[version_id] = _layout(SurveyVersion.objects.get(pk=version_id))
        layout = layouts[version_id]
        if layout is not None:
            yield a11_row(key or str(pk), answers, layout)


def is_current_format(detail: CollectionDetail) -> bool:
    """A-11 current surveys (thumbs, or agreement with driver questions) report responses in the
    17 columns; agreement-scale surveys without driver questions use the legacy aggregate."""
    version = version_in_use(detail.survey, detail.collection.fiscal_quarter)
    return detail.survey_type == "thumbs_up_down" or has_driver_questions(version)


# Legacy aggregate: q1-q7 are the standard's measures; q8-q11 the agency's own scale questions.
LEGACY_MEASURES = (
    "satisfaction",
    "trust",
    "effectiveness",
    "ease",
    "efficiency",
    "transparency",
    "employee",
)
LEGACY_QUESTIONS = 11
LEGACY_HEADER = [
    "service",
    "transaction_point",
    "channel",
    "volume_of_customers",
    "volume_of_customers_provided_survey_opportunity",
    "volume_of_respondents",
    "omb_control_number",
    "federal_register_url",
    "operational_metrics",
    *[
        column
        for n in range(1, LEGACY_QUESTIONS + 1)
        for column in (f"q{n}_text", *[f"q{n}_{answer}" for answer in range(1, 6)])
    ],
]


def legacy_questions(version: SurveyVersion | None) -> list[dict[str, Any] | None]:
    """The survey's agreement-scale questions in the q1..q11 slots."""
    slots: list[dict[str, Any] | None] = [None] * LEGACY_QUESTIONS
    if version is None:
        return slots
    scale = [q for _p, q in iter_questions(version.definition) if q.get("type") == "agreement5"]
    extra = iter(range(len(LEGACY_MEASURES), LEGACY_QUESTIONS))
    for question in scale:
        measure = question.get("measure")
        if measure in LEGACY_MEASURES and slots[LEGACY_MEASURES.index(measure)] is None:
            slots[LEGACY_MEASURES.index(measure)] = question
        else:
            index = next(extra, None)
            if index is not None:
                slots[index] = question
    return slots


def legacy_row(detail: CollectionDetail) -> list[str]:
    """The detail as one legacy row: the counts of answers 1..5 of each slot's question, all
    from one tally of the detail's responses (one query, however many questions)."""
    version = version_in_use(detail.survey, detail.collection.fiscal_quarter)
    counted = detail_tally(detail)
    row = [
        detail.collection.service.name,
        detail.transaction_point,
        detail.channel,
        _cell(detail.volume_of_customers),
        _cell(detail.volume_of_customers_provided_survey_opportunity),
        str(detail.volume_of_respondents),
        detail.omb_control_number,
        detail.federal_register_url,
        detail.operational_metrics,
    ]
    for question in legacy_questions(version):
        if question is None:
            row.extend([""] * 6)
            continue
        key, measure = question["key"], question.get("measure", "")
        row.append(question["text"].get("en", ""))
        row.extend(
            str(counted[Answer(key, measure, "agreement5", str(answer))]) for answer in range(1, 6)
        )
    return row


COLLECTION_HEADER = [
    "fiscal_year",
    "quarter",
    "service_provider",
    "service",
    "state",
    "submitted_at",
    *REPORTED_FIELDS,
]


def collection_rows(collections: Iterable[Collection]) -> Iterator[list[str]]:
    """One row per detail of each collection, header first."""
    yield list(COLLECTION_HEADER)
    for collection in collections:
        base = [
            str(collection.fiscal_year),
            str(collection.quarter),
            collection.hisp.name,
            collection.service.name,
            collection.state,
            collection.submitted_at.isoformat() if collection.submitted_at else "",
        ]
        for d in collection.details.all():
            yield [*base, *(_cell(getattr(d, name)) for name in REPORTED_FIELDS)]


def _cell(value: object) -> str:
    return "" if value is None else str(value)


def xlsx_bytes(rows: Iterable[list[str]], sheet: str) -> bytes:
    """A workbook with one sheet: a bold header row and text-safe cells (no formulas)."""
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(
        buffer, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False}
    )
    worksheet = workbook.add_worksheet(sheet[:31])
    bold = workbook.add_format({"bold": True})
    for index, row in enumerate(rows):
        worksheet.write_row(index, 0, row, bold if index == 0 else None)
    worksheet.freeze_panes(1, 0)
    workbook.close()
    return buffer.getvalue()
