"""What govcx already knows about a survey at a touchpoint in a quarter: the pre-filled part of a
collection detail, and the respondents as the rollups count them (the dashboards' numbers)."""

from typing import Any

from govcx.analytics.counting import RESPONSE, RESPONSES, Tally
from govcx.analytics.models import AnswerCount
from govcx.analytics.periods import FiscalQuarter
from govcx.analytics.rollups import rollup_tally
from govcx.catalog.models import Service, Touchpoint
from govcx.reporting.models import SurveyType
from govcx.surveys.definition import iter_questions
from govcx.surveys.models import Survey, SurveyVersion

TRUST_TYPES = {"thumbs": SurveyType.THUMBS_UP_DOWN, "agreement5": SurveyType.LIKERT_SCALE}


def version_in_use(survey: Survey, quarter: FiscalQuarter) -> SurveyVersion | None:
    """The version respondents saw at the end of the quarter: the last one published by then,
    or else the one published now (a survey first published after the quarter, but imported into
    it), or else the newest draft."""
    _start, end = quarter.bounds()
    published = survey.versions.filter(published_at__lt=end).order_by("-published_at").first()
    return published or survey.published_version() or survey.versions.order_by("-number").first()


def trust_question(version: SurveyVersion | None) -> dict[str, Any] | None:
    if version is None:
        return None
    for _page, question in iter_questions(version.definition):
        if question.get("measure") == "trust" and question["type"] in TRUST_TYPES:
            return question
    return None


def has_driver_questions(version: SurveyVersion | None) -> bool:
    if version is None:
        return False
    return any(q.get("drivers") for _page, q in iter_questions(version.definition))


def quarter_tally(survey_id: int, touchpoint_id: int, quarter: FiscalQuarter) -> Tally:
    """The counted answers of a survey at a touchpoint in the quarter, from the rollups."""
    period = quarter.period
    return rollup_tally(
        first=period.start, last=period.end, survey_id=survey_id, touchpoint_id=touchpoint_id
    )


def respondents(survey: Survey, touchpoint: Touchpoint, quarter: FiscalQuarter) -> int:
    return quarter_tally(survey.pk, touchpoint.pk, quarter)[RESPONSE]


def detail_facts(survey: Survey, touchpoint: Touchpoint, quarter: FiscalQuarter) -> dict[str, Any]:
    version = version_in_use(survey, quarter)
    trust = trust_question(version)
    title = version.text("title", "en") if version else ""
    return {
        "transaction_point": touchpoint.transaction_point_type,
        "channel": touchpoint.channel,
        "service_stage": touchpoint.stage,
        "survey_type": TRUST_TYPES[trust["type"]] if trust else "",
        "survey_title": (title or survey.name)[:300],
        "omb_control_number": survey.omb_control_number,
        "federal_register_url": survey.federal_register_url,
        "trust_question_text": (trust or {}).get("text", {}).get("en", ""),
        "volume_of_respondents": respondents(survey, touchpoint, quarter),
    }


def surveyed_points(service: Service, quarter: FiscalQuarter) -> set[tuple[int, int]]:
    """(survey id, touchpoint id) pairs to report: those with counted responses in the quarter, and
    published surveys attached to the service's touchpoints (a survey that got no answers is
    still reported, with zero respondents)."""
    _start, end = quarter.bounds()
    touchpoints = list(service.touchpoints.values_list("pk", flat=True))
    answered = (
        AnswerCount.objects.filter(
            touchpoint_id__in=touchpoints,
            question_key=RESPONSES,
            day__gte=quarter.period.start,
            day__lte=quarter.period.end,
        )
        .values_list("survey_id", "touchpoint_id")
        .distinct()
        .order_by()
    )
    attached = Survey.touchpoints.through.objects.filter(
        touchpoint_id__in=touchpoints,
        survey__status=Survey.Status.PUBLISHED,
        survey__versions__published_at__lt=end,
    ).values_list("survey_id", "touchpoint_id")
    return set(answered) | set(attached)
