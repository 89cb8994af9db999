"""Paperwork Reduction Act and privacy rules (reference/pra-privacy-records.md).

A public survey shows a currently valid OMB control number, its expiration, the burden estimate
and the PRA notice; an expired approval stops collection on every path.
"""

import re
from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from govcx.surveys.definition import uses_contact_details
from govcx.surveys.models import Survey, SurveyVersion

CONTROL_NUMBER = re.compile(r"^\d{4}-\d{4}$")
WARNING_DAYS = (30, 7)


def pra_problems(survey: Survey, *, today: date) -> list[str]:
    """What keeps the survey's PRA disclosure from being complete and current."""
    if not survey.pra_applies:
        if not survey.pra_exemption:
            return [_("Say why the Paperwork Reduction Act does not apply.")]
        if (
            survey.pra_exemption == Survey.PraExemption.OTHER
            and not survey.pra_exemption_note.strip()
        ):
            return [_("Explain why the Paperwork Reduction Act does not apply.")]
        return []
    problems = []
    if not CONTROL_NUMBER.match(survey.omb_control_number or ""):
        problems.append(_("OMB control number: enter it in the form NNNN-NNNN."))
    if survey.pra_expiration is None:
        problems.append(_("OMB approval expiration date: enter it."))
    elif survey.pra_expiration <= today:
        problems.append(_("OMB approval expiration date: it must be in the future."))
    if not survey.burden_minutes:
        problems.append(_("Burden estimate: enter the minutes a response takes."))
    if not survey.burden_comments_to.strip():
        problems.append(_("Burden comments: name the office to send them to."))
    return problems


def privacy_problems(version: SurveyVersion) -> list[str]:
    if uses_contact_details(version.definition) and not version.definition.get("privacy"):
        return [
            _(
                "The survey asks for contact details: add a Privacy Act statement "
                "(authority, purpose, routine uses, disclosure) and its SORN."
            )
        ]
    return []


@dataclass(frozen=True)
class Acceptance:
    accepting: bool
    reason: str  # "open", "not_published", "closed", "archived", "pra_expired"


def accepting_responses(survey: Survey, *, today: date) -> Acceptance:
    """Whether a submission may be stored now; every collection path asks this at submit time."""
    if survey.status == Survey.Status.CLOSED:
        return Acceptance(False, "closed")
    if survey.status == Survey.Status.ARCHIVED:
        return Acceptance(False, "archived")
    if survey.status != Survey.Status.PUBLISHED:
        return Acceptance(False, "not_published")
    if survey.pra_applies and (survey.pra_expiration is None or survey.pra_expiration < today):
        return Acceptance(False, "pra_expired")
    return Acceptance(True, "open")


def days_until_expiry(survey: Survey, *, today: date) -> int | None:
    if not survey.pra_applies or survey.pra_expiration is None:
        return None
    return (survey.pra_expiration - today).days


def expiry_warning(survey: Survey, *, today: date) -> str | None:
    """The warning a survey manager sees 30 and 7 days ahead (and after expiry)."""
    days = days_until_expiry(survey, today=today)
    if days is None or days > WARNING_DAYS[0] or survey.status != Survey.Status.PUBLISHED:
        return None
    if days < 0:
        return _("OMB approval expired on %(date)s: the survey no longer accepts responses.") % {
            "date": survey.pra_expiration
        }
    return ngettext(
        "OMB approval expires in %(days)d day (%(date)s). Renew it to keep collecting.",
        "OMB approval expires in %(days)d days (%(date)s). Renew it to keep collecting.",
        days,
    ) % {"days": days, "date": survey.pra_expiration}
