"""Changing retention: an organization's period and legal holds, each change audited."""

from django.db import IntegrityError, transaction
from django.db.models import Count, Max
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from govcx.accounts.models import User
from govcx.analytics.periods import FiscalQuarter
from govcx.audit.models import Action, AuditEntry
from govcx.audit.services import audit_record
from govcx.catalog.models import Organization
from govcx.collection.models import Response
from govcx.retention.models import MAX_MONTHS, LegalHold, RetentionPeriod
from govcx.retention.policy import purge_date, retention_of
from govcx.surveys.models import Survey


class RetentionError(Exception):
    """A change the rules do not allow; the message says what to do instead."""


def retention_period_set(
    *,
    organization: Organization,
    months: int | None,
    by: User,
    request: HttpRequest | None = None,
) -> None:
    """Give the organization its own period, or (``None``) let it inherit again."""
    if months is not None and not 1 <= months <= MAX_MONTHS:
        raise RetentionError(_("Give a number of months from 1 to %(max)d.") % {"max": MAX_MONTHS})
    before = retention_of(organization)
    with transaction.atomic():
        if months is None:
            RetentionPeriod.objects.filter(organization=organization).delete()
        else:
            RetentionPeriod.objects.update_or_create(
                organization=organization, defaults={"months": months}
            )
        after = retention_of(organization)
        audit_record(
            action=Action.RETENTION_CHANGED,
            actor=by,
            request=request,
            organization=organization,
            obj=organization,
            details={
                "months before": before.months,
                "months": after.months,
                "own period": months is not None,
            },
        )


def legal_hold_place(
    *, survey: Survey, reason: str, by: User, request: HttpRequest | None = None
) -> LegalHold:
    reason = reason.strip()
    if not reason:
        raise RetentionError(_("Say why the responses must be kept (for example, the matter)."))
    try:
        with transaction.atomic():
            hold = LegalHold.objects.create(survey=survey, reason=reason, placed_by=by)
            audit_record(
                action=Action.LEGAL_HOLD_PLACED,
                actor=by,
                request=request,
                organization=survey.organization,
                obj=survey,
                details={"reason": reason},
            )
    except IntegrityError:
        raise RetentionError(_("This survey is already on legal hold.")) from None
    return hold


def legal_hold_clear(
    *, hold: LegalHold, reason: str, by: User, request: HttpRequest | None = None
) -> None:
    reason = reason.strip()
    if not reason:
        raise RetentionError(_("Say why the hold is no longer needed."))
    survey = hold.survey
    with transaction.atomic():
        hold.delete()
        audit_record(
            action=Action.LEGAL_HOLD_CLEARED,
            actor=by,
            request=request,
            organization=survey.organization,
            obj=survey,
            details={"reason": reason, "placed": hold.placed_at.date().isoformat()},
        )


def full_export_of(survey: Survey) -> AuditEntry | None:
    """The latest completed export of every response the survey holds now, made after the last
    of them arrived: proof the records were handed over before they go with the survey."""
    stored = Response.objects.filter(survey=survey).aggregate(
        n=Count("pk"), last=Max("received_at")
    )
    if not stored["n"]:
        return None
    entries = AuditEntry.objects.filter(
        action=Action.EXPORT_FINISHED,
        details__survey=str(survey.pk),
        details__completed="True",
        at__gte=stored["last"],
    ).order_by("-at")
    for entry in entries:
        narrowed = {"touchpoint", "received_after", "received_before"} & set(entry.details)
        if not narrowed and entry.details.get("rows") == str(stored["n"]):
            return entry
    return None


def legal_hold_of(survey: Survey) -> LegalHold | None:
    return LegalHold.objects.filter(survey=survey).first()


def retention_blockers(survey: Survey) -> list[str]:
    """Why the survey cannot be deleted yet as far as its records go (empty: nothing keeps it).

    Responses are records with a retention period: they go with their survey only once the
    purge has removed them, or once all of them have been exported (then they are deleted with
    the survey, and the export in the audit log shows where they went)."""
    problems = []
    hold = legal_hold_of(survey)
    if hold is not None:
        problems.append(
            _(
                "The survey is on legal hold (%(reason)s). An organization admin must clear the "
                "hold on the Records retention screen first."
            )
            % {"reason": hold.reason}
        )
    latest = (
        Response.objects.filter(survey=survey)
        .order_by("-received_at")
        .select_related("touchpoint__service")
        .first()
    )
    if latest is not None and hold is None and full_export_of(survey) is not None:
        return problems
    if latest is not None:
        count = Response.objects.filter(survey=survey).count()
        quarter = FiscalQuarter.of(timezone.localdate(latest.received_at))
        months = retention_of(survey.organization).months
        problems.append(
            ngettext(
                "The survey still has %(count)d response. Responses are records: the scheduled "
                "purge deletes them when their retention period has run out, the last one on "
                "%(date)s. Delete the survey after that, or export all its responses first "
                "(Export responses, with no other filter).",
                "The survey still has %(count)d responses. Responses are records: the scheduled "
                "purge deletes them when their retention period has run out, the last ones on "
                "%(date)s. Delete the survey after that, or export all its responses first "
                "(Export responses, with no other filter).",
                count,
            )
            % {
                "count": count,
                "date": purge_date(latest.touchpoint.service, quarter, months).isoformat(),
            }
        )
    return problems
