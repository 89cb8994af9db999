"""Everything that stops a quarterly collection from being submitted, listed all at once."""

import re
from dataclasses import dataclass
from datetime import date

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from govcx.analytics.periods import FiscalQuarter
from govcx.reporting.models import Collection, CollectionDetail

OMB_NUMBER = re.compile(r"^\d{4}-\d{4}$")


@dataclass(frozen=True)
class Problem:
    message: str
    detail: CollectionDetail | None = None
    field: str = ""

    def __str__(self) -> str:
        if self.detail is None:
            return self.message
        return f"{self.detail.survey_title} ({self.detail.touchpoint.name}): {self.message}"


def collection_problems(collection: Collection, *, today: date) -> list[Problem]:
    quarter = collection.fiscal_quarter
    problems: list[Problem] = []
    if not quarter.is_over(today):
        problems.append(
            Problem(
                _("The quarter ends on %(date)s; its report can be submitted after that.")
                % {"date": date_format(quarter.period.end)}
            )
        )
    details = list(collection.details.select_related("survey", "touchpoint"))
    if not details:
        problems.append(
            Problem(
                _(
                    "No survey collected feedback for this service in the quarter. If that is "
                    "right, mark the quarter not reported and say why."
                )
            )
        )
    for detail in details:
        problems.extend(detail_problems(detail, quarter))
    return problems


def detail_problems(detail: CollectionDetail, quarter: FiscalQuarter) -> list[Problem]:
    problems: list[Problem] = []

    def add(field: str, message: str) -> None:
        problems.append(Problem(message, detail, field))

    customers = detail.volume_of_customers
    offered = detail.volume_of_customers_provided_survey_opportunity
    respondents = detail.volume_of_respondents
    if customers is None:
        add("volume_of_customers", _("Enter how many customers the touchpoint served."))
    if offered is None:
        add(
            "volume_of_customers_provided_survey_opportunity",
            _("Enter how many customers were offered the survey."),
        )
    elif respondents > offered:
        add(
            "volume_of_customers_provided_survey_opportunity",
            _(
                "%(respondents)d people answered but only %(offered)d were offered the survey: "
                "respondents cannot outnumber those offered."
            )
            % {"respondents": respondents, "offered": offered},
        )
    if customers is not None and offered is not None and offered > customers:
        add(
            "volume_of_customers_provided_survey_opportunity",
            _(
                "%(offered)d customers offered the survey is more than the %(customers)d "
                "customers served."
            )
            % {"offered": offered, "customers": customers},
        )
    if not detail.survey_type or not detail.trust_question_text:
        add(
            "survey_type",
            _("The survey has no A-11 trust question (thumbs up or down, or 5-point agreement)."),
        )
    if not detail.reflection_text.strip():
        add("reflection_text", _("Write what you learned this quarter and what you will change."))
    problems.extend(_pra_problems(detail, quarter))
    return problems


def _pra_problems(detail: CollectionDetail, quarter: FiscalQuarter) -> list[Problem]:
    survey = detail.survey
    found: list[Problem] = []

    def problem(field: str, message: str) -> None:
        found.append(Problem(message, detail, field))

    if not survey.pra_applies:
        return found
    if not OMB_NUMBER.match(detail.omb_control_number or ""):
        problem("omb_control_number", _("The survey has no valid OMB control number (NNNN-NNNN)."))
    expiry = survey.pra_expiration
    period = quarter.period
    if expiry is None:
        problem("omb_control_number", _("The survey's OMB approval has no expiration date."))
    elif expiry < period.start:
        problem(
            "omb_control_number",
            _(
                "The OMB approval expired on %(date)s, before the quarter began: enter the "
                "renewed approval in the survey's settings."
            )
            % {"date": date_format(expiry)},
        )
    elif expiry < period.end:
        problem(
            "omb_control_number",
            _(
                "The OMB approval expired on %(date)s, during the quarter: enter the renewed "
                "approval in the survey's settings."
            )
            % {"date": date_format(expiry)},
        )
    return found
