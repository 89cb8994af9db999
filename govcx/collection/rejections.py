"""Counting refused submissions by day, survey and reason (visible to admins)."""

from django.db import IntegrityError, transaction
from django.db.models import F, QuerySet, Sum
from django.utils import timezone

from govcx.collection.models import Rejection, RejectionCount
from govcx.operations.metrics import SUBMISSIONS_REJECTED
from govcx.surveys.models import Survey


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
