"""Email survey managers 30 and 7 days before a survey's OMB approval expires.

Run daily (`govcx pra_reminders`, e.g. from a systemd timer or cron). Each warning is recorded, so
repeated runs send nothing twice. Without EMAIL_HOST configured, nothing is sent: the in-app
warnings on the survey screens still appear.
"""

from datetime import date

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from govcx.accounts.models import Membership
from govcx.accounts.roles import Perm, roles_with
from govcx.surveys.models import PraReminder, Survey
from govcx.surveys.pra import WARNING_DAYS


def reminder_recipients(survey: Survey) -> list[str]:
    """Active people who manage surveys in the survey's organization or above it."""
    return sorted(
        set(
            Membership.objects.filter(
                organization_id__in=survey.organization.ancestor_ids(),
                role__in=roles_with(Perm.MANAGE_SURVEYS),
                user__is_active=True,
            ).values_list("user__email", flat=True)
        )
    )


def pra_reminders_send(*, today: date) -> int:
    """Send the warnings due today; return how many emails went out."""
    if not settings.EMAIL_HOST:
        return 0
    sent = 0
    due = Survey.objects.filter(
        status=Survey.Status.PUBLISHED, pra_applies=True, pra_expiration__gte=today
    ).select_related("organization")
    for survey in due:
        assert survey.pra_expiration is not None  # noqa: S101 - filtered above
        days = (survey.pra_expiration - today).days
        threshold = next((t for t in sorted(WARNING_DAYS) if days <= t), None)
        if threshold is None:
            continue
        recipients = reminder_recipients(survey)
        try:
            with transaction.atomic():
                PraReminder.objects.create(
                    survey=survey,
                    expiration=survey.pra_expiration,
                    days_before=threshold,
                    recipients=len(recipients),
                )
                send_mail(
                    subject=_("OMB approval for “%(name)s” expires in %(days)d days")
                    % {"name": survey.name, "days": days},
                    message=_(
                        "The OMB approval (control number %(number)s) for the survey “%(name)s” "
                        "expires on %(date)s. After that date the survey stops accepting "
                        "responses on every channel. Renew the approval and update the survey's "
                        "settings in govcx."
                    )
                    % {
                        "number": survey.omb_control_number,
                        "name": survey.name,
                        "date": survey.pra_expiration,
                    },
                    from_email=None,
                    recipient_list=recipients,
                )
        except IntegrityError:
            continue  # already warned at this threshold
        sent += len(recipients)
    return sent
