"""Running the current redactor again over stored answers, so an improved redactor reaches old
answers too (`govcx redact --stored`). Free text is never counted by the rollups, so the counts
stay as they are."""

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

from govcx.audit.models import Action
from govcx.audit.services import audit_record
from govcx.catalog.models import Organization
from govcx.collection.models import Response
from govcx.collection.redaction import redact
from govcx.collection.services import free_text_keys, organization_keep
from govcx.surveys.models import SurveyVersion

BATCH = 2000


@dataclass
class StoredRun:
    responses_read: int = 0
    responses_changed: int = 0
    answers_changed: int = 0
    changed_ids: list[int] = field(default_factory=list)
    by_organization: Counter[int] = field(default_factory=Counter)
    in_submitted_reports: int = 0


def stored_redact(*, organization: Organization | None, dry_run: bool) -> StoredRun:
    """Redact every stored free-text answer (and location code) again, in short transactions
    of BATCH responses; with ``dry_run`` only count. Audited per organization, counts only."""
    run = StoredRun()
    responses = Response.objects.order_by("pk").only(
        "pk", "answers", "location_code", "version_id", "organization_id"
    )
    if organization is not None:
        responses = responses.filter(organization__path__startswith=organization.path)
    keys: dict[int, set[str]] = {}
    organizations: dict[int, Organization] = {}
    last = 0
    while batch := list(responses.filter(pk__gt=last)[:BATCH]):
        last = batch[-1].pk
        changed = [r for r in batch if _redo(r, keys, organizations, run)]
        run.responses_read += len(batch)
        if changed and not dry_run:
            with transaction.atomic():
                Response.objects.bulk_update(changed, ["answers", "location_code"])
    if not dry_run:
        for organization_id, count in run.by_organization.items():
            audit_record(
                action=Action.RESPONSES_REDACTED,
                actor=None,
                organization=organizations[organization_id],
                details={"responses changed": count},
            )
    return run


def _redo(
    response: Response,
    keys: dict[int, set[str]],
    organizations: dict[int, Organization],
    run: StoredRun,
) -> bool:
    if response.version_id not in keys:
        keys[response.version_id] = free_text_keys(
            SurveyVersion.objects.get(pk=response.version_id)
        )
    if response.organization_id not in organizations:
        organizations[response.organization_id] = Organization.objects.get(
            pk=response.organization_id
        )
    keep = organization_keep(organizations[response.organization_id])
    answers: dict[str, Any] = response.answers
    changed = 0
    for key in keys[response.version_id] & answers.keys():
        if isinstance(answers[key], str):
            again = redact(answers[key], keep=keep).text
            if again != answers[key]:
                answers[key] = again
                changed += 1
    if response.location_code:
        again = redact(response.location_code, keep=keep).text
        if again != response.location_code:
            response.location_code = again
            changed += 1
    if not changed:
        return False
    run.answers_changed += changed
    run.responses_changed += 1
    run.changed_ids.append(response.pk)
    run.by_organization[response.organization_id] += 1
    return True
