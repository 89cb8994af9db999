"""Deleting a survey: only a draft or an archived survey, and only once nothing keeps it (its
responses purged or all exported, no legal hold). The versions, PRA reminders, refused-submission
counts and exported responses go with it; rollup counts stay, since they carry the
organization's A-11 history."""

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from govcx.accounts.models import User
from govcx.audit.models import Action
from govcx.audit.services import audit_record
from govcx.collection.models import Response
from govcx.operations.periodic import periodic_enqueue, periodic_job
from govcx.retention.purge import survey_responses_delete
from govcx.retention.services import full_export_of, retention_blockers
from govcx.surveys.models import Survey


class DeletionError(Exception):
    def __init__(self, problems: list[str]) -> None:
        super().__init__(" ".join(problems))
        self.problems = problems


def deletion_offered(survey: Survey) -> bool:
    """Whether deleting is worth offering: the survey is in a state that can be deleted.

    Other blockers (retention, legal hold) are explained on the deletion page itself.
    """
    return survey.status in (Survey.Status.DRAFT, Survey.Status.ARCHIVED)


def deletion_problems(survey: Survey) -> list[str]:
    problems = []
    if not deletion_offered(survey):
        problems.append(
            _("Only a draft or an archived survey can be deleted: close and archive it first.")
        )
    return problems + retention_blockers(survey)


class _StillCounting(Exception):
    pass


def survey_delete(*, survey: Survey, by: User, request: HttpRequest | None = None) -> None:
    try:
        _survey_delete(survey, by, request)
    except _StillCounting:
        # Counting is background work: ask for a run now (the deletion was rolled back) and
        # let the person try again; nothing global runs inside this request.
        periodic_enqueue(periodic_job("rollups"))
        raise DeletionError(
            [
                _(
                    "Some responses are still being counted for the dashboards; this normally "
                    "takes a few seconds. Try again in a minute."
                )
            ]
        ) from None


def _survey_delete(survey: Survey, by: User, request: HttpRequest | None) -> None:
    with transaction.atomic():
        survey = Survey.objects.select_for_update().select_related("organization").get(pk=survey.pk)
        problems = deletion_problems(survey)
        if problems:
            raise DeletionError(problems)
        exported = full_export_of(survey)
        deleted = 0
        if exported is not None:
            # Only responses the rollups have counted are deleted.
            deleted = survey_responses_delete(survey, today=timezone.localdate())
            if Response.objects.filter(survey=survey).exists():
                raise _StillCounting
        audit_record(
            action=Action.SURVEY_DELETED,
            actor=by,
            request=request,
            organization=survey.organization,
            obj=survey,
            details={
                "status": survey.status,
                "versions": survey.versions.count(),
                "responses deleted after export": deleted,
                **({"export audited at": exported.at.isoformat()} if exported else {}),
            },
        )
        survey.touchpoints.clear()
        survey.delete()
