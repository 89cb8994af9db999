"""Freezing a submitted collection: the package of everything reported, and its SHA-256.

The package holds each detail's fields and a digest of the very responses behind it (id and
answers, in id order), so re-computing it later from the live data shows whether anything the
report rests on has changed since submission: a late import into the quarter, a purge, or an
edit made outside govcx. (The report's files keep showing the responses frozen at submission,
reporting/frozen.py; this check tells whether the quarter's data still agrees with them.)
"""

import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from govcx.collection.models import Response
from govcx.reporting.exports import detail_live_responses
from govcx.reporting.models import REPORTED_FIELDS, Collection, CollectionDetail

PACKAGE_FORMAT = "govcx-a11-collection/1"


def canonical(data: Any) -> bytes:
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


Selector = Callable[[CollectionDetail], "QuerySet[Response]"]


def responses_digest(detail: CollectionDetail, responses: Selector) -> dict[str, Any]:
    digest = hashlib.sha256()
    count = 0
    rows = responses(detail).order_by("id").values_list("id", "answers")
    for pk, answers in rows.iterator(chunk_size=2000):
        digest.update(str(pk).encode() + b"\t" + canonical(answers) + b"\n")
        count += 1
    return {"count": count, "sha256": digest.hexdigest()}


def package(collection: Collection, responses: Selector = detail_live_responses) -> dict[str, Any]:
    """Everything the report says. Its response digests come from the live data, unless another
    selection is given (at submission: the responses just frozen)."""
    details = []
    for detail in collection.details.order_by("survey_id", "touchpoint_id"):
        entry: dict[str, Any] = {name: getattr(detail, name) for name in REPORTED_FIELDS}
        entry["survey_id"] = detail.survey_id
        entry["touchpoint_id"] = detail.touchpoint_id
        entry["responses"] = responses_digest(detail, responses)
        details.append(entry)
    return {
        "format": PACKAGE_FORMAT,
        "service_provider": collection.hisp.name,
        "service_id": collection.service_id,
        "service": collection.service.name,
        "fiscal_year": collection.fiscal_year,
        "quarter": collection.quarter,
        "details": details,
    }


def package_hash(data: dict[str, Any]) -> str:
    return hashlib.sha256(canonical(data)).hexdigest()


@dataclass
class Integrity:
    frozen: bool
    intact: bool = True
    differences: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # expected changes, e.g. a scheduled purge


def integrity_check(collection: Collection) -> Integrity:
    """Whether the data behind a submitted collection still matches what was submitted."""
    if not collection.integrity_hash or collection.package is None:
        return Integrity(frozen=False)
    result = Integrity(frozen=True)
    if package_hash(collection.package) != collection.integrity_hash:
        result.differences.append(_("The stored package no longer matches its hash."))
    now = package(collection)
    if package_hash(now) != collection.integrity_hash:
        purged = _purged(collection)
        differences = _differences(collection.package, now, purged)
        result.notes = [
            _(
                "%(survey)s: %(n)d responses of this quarter were purged on %(date)s under "
                "the records schedule; the report stays as submitted."
            )
            % {"survey": title, "n": count, "date": day}
            for (title, count, day) in purged.values()
        ]
        result.differences.extend(differences)
        if not differences and not result.notes:
            result.differences.append(_("The report's data differs from what was submitted."))
    result.intact = not result.differences
    return result


# The purges of a quarter: (survey, responses purged, when) for a service, fiscal year, quarter
# and surveys, oldest first. The retention app, above this one in the layers, tells it at
# start-up where its records are (RetentionConfig.ready).
PurgeRecords = Callable[[int, int, int, list[int]], Iterable[tuple[int, int, datetime]]]
_purge_records: PurgeRecords = lambda service, year, quarter, surveys: ()  # noqa: E731


def purge_records_source_set(source: PurgeRecords) -> None:
    global _purge_records
    _purge_records = source


def _purged(collection: Collection) -> dict[int, tuple[str, int, str]]:
    """Surveys of the collection whose responses of the quarter were purged (retention)."""
    titles = dict(collection.details.values_list("survey_id", "survey_title"))
    found: dict[int, tuple[str, int, str]] = {}
    rows = _purge_records(
        collection.service_id, collection.fiscal_year, collection.quarter, list(titles)
    )
    for survey_id, responses, purged_at in rows:
        before = found.get(survey_id, ("", 0, ""))
        found[survey_id] = (
            titles[survey_id],
            before[1] + responses,
            date_format(timezone.localdate(purged_at)),
        )
    return found


def _differences(
    before: dict[str, Any], now: dict[str, Any], purged: dict[int, tuple[str, int, str]]
) -> list[str]:
    found = []
    old = {(d["survey_id"], d["touchpoint_id"]): d for d in before.get("details", [])}
    new = {(d["survey_id"], d["touchpoint_id"]): d for d in now.get("details", [])}
    for key in sorted(old.keys() | new.keys()):
        a, b = old.get(key), new.get(key)
        name = (a or b or {}).get("survey_title", "")
        if a is None or b is None:
            found.append(_("%(survey)s: this survey was added or removed.") % {"survey": name})
            continue
        for field_name in REPORTED_FIELDS:
            if a.get(field_name) != b.get(field_name):
                found.append(
                    _("%(survey)s: %(field)s was %(before)s, is now %(now)s.")
                    % {
                        "survey": name,
                        "field": field_name,
                        "before": a.get(field_name),
                        "now": b.get(field_name),
                    }
                )
        if a["responses"] != b["responses"] and key[0] not in purged:
            found.append(
                _(
                    "%(survey)s: the responses changed since submission (%(before)d then, "
                    "%(now)d now, or the same number with different answers)."
                )
                % {
                    "survey": name,
                    "before": a["responses"]["count"],
                    "now": b["responses"]["count"],
                }
            )
    for name in ("service", "fiscal_year", "quarter", "service_provider"):
        if before.get(name) != now.get(name):
            found.append(_("The report's %(field)s changed.") % {"field": name})
    return found
