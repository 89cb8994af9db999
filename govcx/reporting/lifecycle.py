"""The collection's states and who may move it between them; every move is audited.

    draft --submit--> submitted --publish--> published --archive--> archived
      |  ^               |                      |
      |  |               +--request changes--+--+
      |  +---- (edit) change_requested <-----+
      +--not reported--> not_reported --reopen--> draft

The HISP (organization admins of the service's organization or above) submits or marks a quarter
not reported; the platform admin (OMB's role in govcx) publishes, returns or archives.
"""

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from govcx.accounts.access import has_perm, is_platform_admin
from govcx.accounts.models import User
from govcx.accounts.roles import Perm
from govcx.audit.models import Action
from govcx.audit.services import audit_record
from govcx.core.states import TransitionError as TransitionError
from govcx.core.states import Transitions
from govcx.reporting.exports import detail_frozen_responses
from govcx.reporting.frozen import responses_freeze, responses_thaw
from govcx.reporting.integrity import integrity_check, package, package_hash
from govcx.reporting.models import Collection
from govcx.reporting.services import collection_refresh, quarter_counted
from govcx.reporting.validation import collection_problems

State = Collection.State


@dataclass(frozen=True)
class Transition:
    name: str
    sources: frozenset[str]
    target: str
    by_platform_admin: bool  # else: the HISP, with SUBMIT_REPORTS
    needs_note: bool
    action: Action


TRANSITIONS = Transitions(
    Transition(
        "submit",
        frozenset({State.DRAFT, State.CHANGE_REQUESTED}),
        State.SUBMITTED,
        False,
        False,
        Action.REPORT_SUBMITTED,
    ),
    Transition(
        "not_reported",
        frozenset({State.DRAFT, State.CHANGE_REQUESTED}),
        State.NOT_REPORTED,
        False,
        True,
        Action.REPORT_NOT_REPORTED,
    ),
    Transition(
        "reopen",
        frozenset({State.NOT_REPORTED}),
        State.DRAFT,
        False,
        False,
        Action.REPORT_REOPENED,
    ),
    Transition(
        "publish",
        frozenset({State.SUBMITTED}),
        State.PUBLISHED,
        True,
        False,
        Action.REPORT_PUBLISHED,
    ),
    Transition(
        "request_changes",
        frozenset({State.SUBMITTED, State.PUBLISHED}),
        State.CHANGE_REQUESTED,
        True,
        True,
        Action.REPORT_CHANGES_REQUESTED,
    ),
    Transition(
        "archive",
        frozenset({State.PUBLISHED}),
        State.ARCHIVED,
        True,
        False,
        Action.REPORT_ARCHIVED,
    ),
)


def may(user: User, collection: Collection, name: str) -> bool:
    transition = TRANSITIONS.get(name)
    if collection.state not in transition.sources:
        return False
    if transition.by_platform_admin:
        return is_platform_admin(user)
    return has_perm(user, collection.service.organization, Perm.SUBMIT_REPORTS)


def available(user: User, collection: Collection) -> list[str]:
    return [
        transition.name
        for transition in TRANSITIONS.from_state(collection.state)
        if may(user, collection, transition.name)
    ]


# What each transition's button says, and the question asked for the note it needs.
BUTTON_LABELS = {
    "submit": gettext_lazy("Submit to OMB"),
    "not_reported": gettext_lazy("Mark not reported"),
    "reopen": gettext_lazy("Reopen as draft"),
    "publish": gettext_lazy("Publish"),
    "request_changes": gettext_lazy("Request changes"),
    "archive": gettext_lazy("Archive"),
}
NOTE_QUESTIONS = {
    "not_reported": gettext_lazy("Why is nothing reported for this quarter?"),
    "request_changes": gettext_lazy("What should the agency change?"),
}
PRIMARY = frozenset({"submit", "publish"})


@dataclass(frozen=True)
class Choice:
    """A transition as the report page offers it; ``note_label`` is set when a note is required."""

    name: str
    label: str
    note_label: str
    primary: bool


def choices(user: User, collection: Collection) -> list[Choice]:
    offered = []
    for name in available(user, collection):
        note_label = str(NOTE_QUESTIONS[name]) if TRANSITIONS.get(name).needs_note else ""
        offered.append(Choice(name, str(BUTTON_LABELS[name]), note_label, name in PRIMARY))
    return offered


def collection_transition(
    collection: Collection,
    name: str,
    *,
    by: User,
    today: date,
    note: str = "",
    request: HttpRequest | None = None,
) -> Collection:
    transition = TRANSITIONS.get(name)
    if collection.state not in transition.sources:
        raise TransitionError(
            _("A report that is %(state)s cannot be changed that way.")
            % {"state": collection.get_state_display().lower()}
        )
    if not may(by, collection, name):
        raise PermissionError(name)
    note = note.strip()
    if transition.needs_note and not note:
        raise TransitionError(_("Say why, in the note."))
    details: dict[str, object] = {"from": collection.state, "to": transition.target}
    if name == "submit" and not quarter_counted(collection.service_id, collection.fiscal_quarter):
        raise TransitionError(
            _(
                "Some responses of this quarter are still being counted for the dashboards; "
                "this normally takes a few seconds. Submit again in a minute."
            )
        )
    with transaction.atomic():
        collection = Collection.objects.select_for_update().get(pk=collection.pk)
        if name == "submit":
            collection_refresh(collection)
            problems = collection_problems(collection, today=today)
            if problems:
                raise TransitionError(
                    _("The report cannot be submitted yet."), [str(p) for p in problems]
                )
            responses_freeze(collection)
            frozen = package(collection, detail_frozen_responses)
            collection.package = frozen
            collection.integrity_hash = package_hash(frozen)
            collection.submitted_at = timezone.now()
            collection.submitted_by = by
            details["integrity_hash"] = collection.integrity_hash
        elif name == "publish":
            integrity = integrity_check(collection)
            if not integrity.intact:
                raise TransitionError(
                    _("The data changed since the report was submitted; request changes."),
                    integrity.differences,
                )
            collection.published_at = timezone.now()
        elif name in ("request_changes", "reopen"):
            responses_thaw(collection)
            collection.package = None
            collection.integrity_hash = ""
            collection.published_at = None
        if transition.needs_note:
            collection.note = note
            details["note"] = note
        collection.state = transition.target
        collection.save()
        audit_record(
            action=transition.action,
            actor=by,
            request=request,
            organization=collection.service.organization,
            obj=collection,
            details=details,
        )
    return collection
