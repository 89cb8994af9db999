"""Read API for surveys: their PRA facts and touchpoints, and every version's definition."""

from datetime import date, datetime
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema

from govcx.accounts.api_auth import READ, TokenAuth, token_object, token_scope
from govcx.accounts.roles import Perm
from govcx.core.api_pages import DEFAULT_LIMIT, Page, page_of
from govcx.core.api_schemas import ERRORS, Cursor, Id, Limit, known_parameters
from govcx.surveys.models import Survey, SurveyVersion

router = Router(tags=["Surveys"])
auth = TokenAuth(*READ)


class SurveyOut(Schema):
    id: int
    public_id: str
    organization: str
    name: str
    origin: str
    status: str
    touchpoints: list[int]
    pra_applies: bool
    omb_control_number: str
    pra_expiration: date | None
    federal_register_url: str
    published_version: int | None


class VersionOut(Schema):
    number: int
    state: str
    created_at: datetime
    published_at: datetime | None
    definition: dict[str, Any]


def _surveys(request: HttpRequest) -> QuerySet[Survey]:
    return token_scope(
        request,
        Survey.objects.select_related("organization").prefetch_related("touchpoints", "versions"),
        Perm.VIEW_SURVEYS,
    )


def _survey(survey: Survey) -> SurveyOut:
    published = [v.number for v in survey.versions.all() if v.state == "published"]
    return SurveyOut(
        id=survey.pk,
        public_id=survey.public_id,
        organization=survey.organization.slug,
        name=survey.name,
        origin=survey.origin,
        status=survey.status,
        touchpoints=sorted(tp.pk for tp in survey.touchpoints.all()),
        pra_applies=survey.pra_applies,
        omb_control_number=survey.omb_control_number,
        pra_expiration=survey.pra_expiration,
        federal_register_url=survey.federal_register_url,
        published_version=published[0] if published else None,
    )


def _version(version: SurveyVersion) -> VersionOut:
    return VersionOut(
        number=version.number,
        state=version.state,
        created_at=version.created_at,
        published_at=version.published_at,
        definition=version.definition,
    )


@router.get("/surveys", auth=auth, response={200: Page[SurveyOut], **ERRORS})
@known_parameters
def surveys(
    request: HttpRequest,
    touchpoint: Id | None = None,
    cursor: Cursor | None = None,
    limit: Limit = DEFAULT_LIMIT,
) -> Page[SurveyOut]:
    """Surveys you may see; ``touchpoint`` narrows to those attached to it."""
    found = _surveys(request)
    if touchpoint is not None:
        found = found.filter(touchpoints__pk=touchpoint)
    return page_of(found, cursor=cursor, limit=limit, render=_survey)


@router.get("/surveys/{survey_id}", auth=auth, response={200: SurveyOut, **ERRORS})
@known_parameters
def survey(request: HttpRequest, survey_id: Id) -> SurveyOut:
    return _survey(token_object(request, Perm.VIEW_SURVEYS, _surveys(request), pk=survey_id))


@router.get(
    "/surveys/{survey_id}/versions",
    auth=auth,
    response={200: list[VersionOut], **ERRORS},
    summary="A survey's versions, newest first",
)
@known_parameters
def versions(request: HttpRequest, survey_id: Id) -> list[VersionOut]:
    found = token_object(request, Perm.VIEW_SURVEYS, Survey.objects.all(), pk=survey_id)
    return [_version(version) for version in found.versions.order_by("-number")]


@router.get(
    "/surveys/{survey_id}/versions/{number}", auth=auth, response={200: VersionOut, **ERRORS}
)
@known_parameters
def version(request: HttpRequest, survey_id: Id, number: Id) -> VersionOut:
    found = token_object(request, Perm.VIEW_SURVEYS, Survey.objects.all(), pk=survey_id)
    return _version(get_object_or_404(SurveyVersion, survey=found, number=number))
