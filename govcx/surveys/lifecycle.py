"""The survey lifecycle as an explicit state machine with guarded, audited transitions.

    draft --publish--> published --close--> closed --archive--> archived
      |  \\--submit--> (awaiting approval) --approve--> published      closed --reopen--> published
      \\--archive--> archived                  \\--return--> draft

Publishing a new version of a published survey supersedes the old version. When the organization
requires approval, ``publish`` is replaced by ``submit`` and an organization admin's ``approve``.
"""

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from govcx.accounts.access import has_perm
from govcx.accounts.models import User
from govcx.accounts.roles import Perm
from govcx.audit.models import Action
from govcx.audit.services import audit_record
from govcx.core.states import TransitionError as TransitionError
from govcx.core.states import Transitions
from govcx.surveys.definition import (
    answerable_questions,
    definition_problems,
    translation_problems,
)
from govcx.surveys.models import Survey, SurveyVersion
from govcx.surveys.pra import pra_problems, privacy_problems

S = Survey.Status
V = SurveyVersion.State


@dataclass(frozen=True)
class Transition:
    name: str
    sources: frozenset[str]  # survey states it may start from
    version_from: frozenset[str] | None  # state the working version must be in, if one is needed
    perm: Perm
    action: Action


TRANSITIONS = Transitions(
    Transition(
        "publish",
        frozenset({S.DRAFT, S.PUBLISHED, S.CLOSED}),
        frozenset({V.DRAFT}),
        Perm.MANAGE_SURVEYS,
        Action.SURVEY_PUBLISHED,
    ),
    Transition(
        "submit",
        frozenset({S.DRAFT, S.PUBLISHED, S.CLOSED}),
        frozenset({V.DRAFT}),
        Perm.MANAGE_SURVEYS,
        Action.SURVEY_SUBMITTED,
    ),
    Transition(
        "approve",
        frozenset({S.DRAFT, S.PUBLISHED, S.CLOSED}),
        frozenset({V.PENDING_APPROVAL}),
        Perm.APPROVE_SURVEYS,
        Action.SURVEY_PUBLISHED,
    ),
    Transition(
        "return",
        frozenset({S.DRAFT, S.PUBLISHED, S.CLOSED}),
        frozenset({V.PENDING_APPROVAL}),
        Perm.APPROVE_SURVEYS,
        Action.SURVEY_RETURNED,
    ),
    Transition("close", frozenset({S.PUBLISHED}), None, Perm.MANAGE_SURVEYS, Action.SURVEY_CLOSED),
    Transition("reopen", frozenset({S.CLOSED}), None, Perm.MANAGE_SURVEYS, Action.SURVEY_REOPENED),
    Transition(
        "archive",
        frozenset({S.DRAFT, S.CLOSED}),
        None,
        Perm.MANAGE_SURVEYS,
        Action.SURVEY_ARCHIVED,
    ),
    Transition(
        "new_version",
        frozenset({S.PUBLISHED, S.CLOSED}),
        None,
        Perm.MANAGE_SURVEYS,
        Action.SURVEY_NEW_VERSION,
    ),
)


ACTION_LABELS = {
    "publish": gettext_lazy("publish"),
    "submit": gettext_lazy("submit for approval"),
    "approve": gettext_lazy("approve"),
    "return": gettext_lazy("return to draft"),
    "close": gettext_lazy("close"),
    "reopen": gettext_lazy("reopen"),
    "archive": gettext_lazy("archive"),
    "new_version": gettext_lazy("start a new version of"),
}


# What the button for each transition says, and which ones are the quieter, secondary kind.
BUTTON_LABELS = {
    "publish": gettext_lazy("Publish"),
    "submit": gettext_lazy("Submit for approval"),
    "approve": gettext_lazy("Approve and publish"),
    "return": gettext_lazy("Return to draft"),
    "close": gettext_lazy("Close"),
    "reopen": gettext_lazy("Reopen"),
    "archive": gettext_lazy("Archive"),
    "new_version": gettext_lazy("Start a new version"),
}
SECONDARY = frozenset({"close", "archive", "return"})


@dataclass(frozen=True)
class Choice:
    """A transition as a page offers it: what to post, what the button says, how loud it is."""

    name: str
    label: str
    secondary: bool


def publish_problems(survey: Survey, version: SurveyVersion, *, today: date) -> list[str]:
    """Everything that keeps this version from going in front of the public."""
    problems = definition_problems(version.definition)
    problems += translation_problems(version.definition, version.languages)
    problems += pra_problems(survey, today=today)
    problems += privacy_problems(version)
    if not survey.touchpoints.filter(is_active=True).exists():
        problems.append(_("Attach the survey to at least one active touchpoint."))
    return problems


def policy_warnings(version: SurveyVersion) -> list[str]:
    """Advice that does not block publishing (A-11 guidance: at most 15 questions)."""
    count = len(answerable_questions(version.definition))
    limit: int = settings.GOVCX_SURVEY_QUESTION_WARNING
    if count > limit:
        return [
            _("The survey asks %(count)d questions; A-11 guidance is no more than %(limit)d.")
            % {"count": count, "limit": limit}
        ]
    return []


def available_transitions(survey: Survey, user: User) -> list[str]:
    """Transition names the user could attempt now (content checks happen on the attempt)."""
    working = survey.working_version()
    approval = survey.organization.surveys_need_approval
    names = []
    for transition in TRANSITIONS.from_state(survey.status):
        name = transition.name
        if not has_perm(user, survey.organization, transition.perm):
            continue
        if transition.version_from is not None and (
            working is None or working.state not in transition.version_from
        ):
            continue
        if (name == "publish" and approval) or (name == "submit" and not approval):
            continue
        if name == "new_version" and working is not None:
            continue
        if name == "archive" and survey.status == S.DRAFT and survey.published_version():
            continue
        names.append(name)
    return names


def transition_choices(survey: Survey, user: User) -> list[Choice]:
    """The transitions the user could attempt now, ready for a page to offer as buttons."""
    return [
        Choice(name, str(BUTTON_LABELS[name]), name in SECONDARY)
        for name in available_transitions(survey, user)
    ]


def survey_transition(
    *, survey: Survey, name: str, by: User, request: HttpRequest | None = None, note: str = ""
) -> Survey:
    """Apply a named transition, or raise TransitionError saying why it cannot happen."""
    transition = TRANSITIONS.get(name)
    with transaction.atomic():
        survey = Survey.objects.select_for_update().select_related("organization").get(pk=survey.pk)
        if name not in available_transitions(survey, by):
            raise TransitionError(
                _("You cannot %(action)s this survey now (it is %(status)s).")
                % {"action": ACTION_LABELS[name], "status": survey.get_status_display()}
            )
        working = survey.working_version()
        details: dict[str, object] = {"from": survey.status}
        if name in ("publish", "approve"):
            assert working is not None  # noqa: S101 - guaranteed by available_transitions
            _publish(survey, working, by)
            details["version"] = working.number
        elif name == "submit":
            assert working is not None  # noqa: S101
            _require_publishable(survey, working)
            working.state = V.PENDING_APPROVAL
            working.submitted_by = by
            working.save(update_fields=["state", "submitted_by"])
            details["version"] = working.number
        elif name == "return":
            assert working is not None  # noqa: S101
            working.state = V.DRAFT
            working.save(update_fields=["state"])
            details["note"] = note
        elif name == "close":
            survey.status = S.CLOSED
        elif name == "reopen":
            problems = pra_problems(survey, today=timezone.localdate())
            if problems:
                raise TransitionError(_("The survey cannot reopen."), problems)
            survey.status = S.PUBLISHED
        elif name == "archive":
            survey.status = S.ARCHIVED
        elif name == "new_version":
            current = survey.latest_version()
            draft = SurveyVersion.objects.create(
                survey=survey,
                number=current.number + 1,
                definition=current.definition,
                created_by=by,
            )
            details["version"] = draft.number
        survey.save()
        details["to"] = survey.status
        audit_record(
            action=transition.action,
            actor=by,
            request=request,
            organization=survey.organization,
            obj=survey,
            details=details,
        )
    return survey


def _require_publishable(survey: Survey, version: SurveyVersion) -> None:
    problems = publish_problems(survey, version, today=timezone.localdate())
    if problems:
        raise TransitionError(_("The survey cannot be published yet."), problems)


def _publish(survey: Survey, version: SurveyVersion, by: User) -> None:
    _require_publishable(survey, version)
    SurveyVersion.objects.filter(survey=survey, state=V.PUBLISHED).update(state=V.SUPERSEDED)
    version.state = V.PUBLISHED
    version.published_at = timezone.now()
    version.published_by = by
    version.save(update_fields=["state", "published_at", "published_by"])
    survey.status = S.PUBLISHED
