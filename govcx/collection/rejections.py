"""Counting refused submissions by day, survey and reason (visible to admins)."""

from datetime import timedelta
from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.db.models import F, QuerySet, Sum
from django.utils import timezone

from govcx.accounts.access import has_perm
from govcx.accounts.roles import Perm
from govcx.collection.models import Rejection, RejectionCount
from govcx.operations.metrics import SUBMISSIONS_REJECTED
from govcx.surveys.models import Survey

if TYPE_CHECKING:
    from govcx.accounts.models import User


def rejection_record(reason: Rejection, *, survey: Survey | None = None, amount: int = 1) -> None:
    """Add to today's counter: an UPDATE, or an INSERT the first time today."""
    SUBMISSIONS_REJECTED.labels(str(reason)).inc(amount)
    day = timezone.localdate()
    row = RejectionCount.objects.filter(day=day, survey=survey, reason=reason)
    if row.update(count=F("count") + amount):
        return
    try:
        with transaction.atomic():
            RejectionCount.objects.create(
                day=day,
                survey=survey,
                organization_id=survey.organization_id if survey else None,
                reason=reason,
                count=amount,
            )
    except IntegrityError:  # another process created today's row first
        row.update(count=F("count") + amount)


def rejection_totals(counts: QuerySet[RejectionCount]) -> list[tuple[str, str, int]]:
    """(reason, label, total) for the given counters, largest first."""
    labels = dict(Rejection.choices)
    rows = counts.values("reason").annotate(total=Sum("count")).order_by("-total")
    return [
        (row["reason"], str(labels.get(row["reason"], row["reason"])), row["total"]) for row in rows
    ]


# Screens show refused submissions of the last RECENT_DAYS days.
RECENT_DAYS = 30


def survey_rejections(user: "User", survey: Survey) -> list[tuple[str, str, int]] | None:
    """Recent rejections of a survey, for those who manage it (None for others)."""
    if not has_perm(user, survey.organization, Perm.MANAGE_SURVEYS):
        return None
    since = timezone.localdate() - timedelta(days=RECENT_DAYS)
    return rejection_totals(RejectionCount.objects.filter(survey=survey, day__gte=since))
