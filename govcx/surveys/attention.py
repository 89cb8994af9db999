"""What a signed-in person should act on: surveys awaiting their approval, expiring approvals."""

from datetime import date

from django.db.models import Q

from govcx.accounts.access import AnyUser, scope
from govcx.accounts.roles import Perm
from govcx.surveys.models import Survey, SurveyVersion
from govcx.surveys.pra import WARNING_DAYS, expiry_warning


def surveys_needing_attention(user: AnyUser, *, today: date) -> list[tuple[Survey, str]]:
    rows: list[tuple[Survey, str]] = []
    awaiting = scope(Survey.objects.all(), user, Perm.APPROVE_SURVEYS).filter(
        versions__state=SurveyVersion.State.PENDING_APPROVAL
    )
    rows += [(survey, "awaiting_approval") for survey in awaiting.select_related("organization")]
    expiring = scope(Survey.objects.all(), user, Perm.MANAGE_SURVEYS).filter(
        Q(status=Survey.Status.PUBLISHED),
        pra_applies=True,
        pra_expiration__lte=today.fromordinal(today.toordinal() + max(WARNING_DAYS)),
    )
    for survey in expiring.select_related("organization"):
        warning = expiry_warning(survey, today=today)
        if warning:
            rows.append((survey, warning))
    return rows
