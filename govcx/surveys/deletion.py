"""Deleting a survey: only a draft or an archived survey, and only once nothing keeps it (its
responses purged, no legal hold). The versions, PRA reminders and refused-submission counts go
with it; rollup counts stay, since they carry the organization's A-11 history."""

from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _

from govcx.accounts.models import User
from govcx.audit.models import Action
from govcx.audit.services import audit_record
from govcx.retention.services import retention_blockers
from govcx.surveys.models import Survey


class DeletionError(Exception):
    def __init__(self, problems: list[str]) -> None:
        super().__init__(" ".join(problems))
        self.problems = problems


def deletion_problems(survey: Survey) -> list[str]:
    problems = []
    if survey.status not in (Survey.Status.DRAFT, Survey.Status.ARCHIVED):
        problems.append(
            _("Only a draft or an archived survey can be deleted: close and archive it first.")
        )
    return problems + retention_blockers(survey)


def survey_delete(*, survey: Survey, by: User, request: HttpRequest | None = None) -> None:
    with transaction.atomic():
        survey = Survey.objects.select_for_update().select_related("organization").get(pk=survey.pk)
        problems = deletion_problems(survey)
        if problems:
            raise DeletionError(problems)
        audit_record(
            action=Action.SURVEY_DELETED,
            actor=by,
            request=request,
            organization=survey.organization,
            obj=survey,
            details={"status": survey.status, "versions": survey.versions.count()},
        )
        survey.touchpoints.clear()
        survey.delete()
