"""Account lifecycle: unused accounts are deactivated (NIST SP 800-53 AC-2(3)), with warnings.

An account unused for GOVCX_INACTIVE_DAYS (90 by default) is deactivated; its owner is emailed 14
and 7 days before. Runs daily as `govcx accounts deactivate-inactive` or the scheduled task in
``accounts.tasks``. Each warning is recorded, so repeated runs send nothing twice. Deactivations
and reactivations are audited; an organization admin reactivates from the people screen.
"""

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from govcx.accounts.models import InactivityNotice, User
from govcx.audit.models import Action
from govcx.audit.services import audit_record
from govcx.catalog.models import Organization

WARNING_DAYS = (14, 7)


@dataclass
class InactivityRun:
    warned: list[str] = field(default_factory=list)
    deactivated: list[str] = field(default_factory=list)


def inactive_accounts_deactivate(*, now: datetime, dry_run: bool = False) -> InactivityRun:
    """Warn the owners of accounts close to the limit and deactivate those past it."""
    days = settings.GOVCX_INACTIVE_DAYS
    run = InactivityRun()
    for user in User.objects.filter(is_active=True).iterator():
        last_used = user.last_used
        deadline = last_used + timedelta(days=days)
        if deadline <= now:
            run.deactivated.append(user.email)
            if not dry_run:
                _deactivate(user, days=days)
            continue
        days_left = (deadline - now).days
        threshold = next((t for t in sorted(WARNING_DAYS) if days_left <= t), None)
        if threshold is None:
            continue
        if InactivityNotice.objects.filter(
            user=user, last_used=last_used, days_before=threshold
        ).exists():
            continue
        run.warned.append(user.email)
        if not dry_run:
            _warn(user, last_used=last_used, threshold=threshold, deadline=deadline)
    return run


def _deactivate(user: User, *, days: int) -> None:
    with transaction.atomic():
        user.is_active = False
        user.save(update_fields=["is_active"])
        audit_record(
            action=Action.ACCOUNT_DEACTIVATED,
            actor=user,
            obj=user,
            details={"unused_days": days},
        )


def _warn(user: User, *, last_used: datetime, threshold: int, deadline: datetime) -> None:
    try:
        with transaction.atomic():
            InactivityNotice.objects.create(user=user, last_used=last_used, days_before=threshold)
            audit_record(
                action=Action.INACTIVITY_WARNED,
                actor=user,
                obj=user,
                details={"days_before": threshold},
            )
            send_mail(
                subject=_("Your govcx account will be deactivated on %(date)s")
                % {"date": formats.date_format(timezone.localtime(deadline))},
                message=_(
                    "Your govcx account (%(email)s) has not been used since %(last)s. Accounts "
                    "unused for %(days)d days are deactivated, so yours will be on %(date)s. "
                    "Sign in before then to keep it."
                )
                % {
                    "email": user.email,
                    "last": formats.date_format(timezone.localtime(last_used)),
                    "days": settings.GOVCX_INACTIVE_DAYS,
                    "date": formats.date_format(timezone.localtime(deadline)),
                },
                from_email=None,
                recipient_list=[user.email],
            )
    except IntegrityError:
        return  # another worker warned at this threshold already


def account_reactivate(*, user: User, by: User, request: HttpRequest | None) -> None:
    """Let a deactivated person sign in again; the reactivation counts as use of the account."""
    if user.is_active:
        return
    with transaction.atomic():
        user.is_active = True
        user.reactivated_at = timezone.now()
        user.save(update_fields=["is_active", "reactivated_at"])
        audit_record(
            action=Action.ACCOUNT_REACTIVATED,
            actor=by,
            request=request,
            obj=user,
            details={"user": user.email},
        )


def users_waiting_for_a_role(organization: Organization) -> QuerySet[User]:
    """People matched to the organization by email domain who hold no role in it or above it."""
    return User.objects.filter(matched_organization=organization, is_active=True).exclude(
        memberships__organization_id__in=organization.ancestor_ids()
    )
