"""Read API for the catalog: organizations, life events, services and touchpoints."""

from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema

from govcx.accounts.access import organizations_for
from govcx.accounts.api_auth import (
    READ,
    TokenAuth,
    token_object,
    token_organization,
    token_scope,
    token_user,
)
from govcx.accounts.roles import Perm
from govcx.catalog.models import LifeEvent, Organization, Service, Touchpoint
from govcx.core.api_pages import DEFAULT_LIMIT, Page, page_of
from govcx.core.api_schemas import ERRORS, Cursor, Id, Limit, known_parameters

router = Router(tags=["Catalog"])
auth = TokenAuth(*READ)


class OrganizationOut(Schema):
    id: int
    slug: str
    name: str
    abbreviation: str
    kind: str
    parent: str | None
    is_hisp: bool


class LifeEventOut(Schema):
    id: int
    slug: str
    name: str
    kind: str
    description: str
    services: list[int]


class ServiceOut(Schema):
    id: int
    organization: str
    name: str
    description: str
    channels: list[str]
    stages: list[str]
    life_events: list[str]


class TouchpointOut(Schema):
    id: int
    service: int
    name: str
    channel: str
    stage: str
    transaction_point_type: str
    is_active: bool


def _organization(org: Organization) -> OrganizationOut:
    return OrganizationOut(
        id=org.pk,
        slug=org.slug,
        name=org.name,
        abbreviation=org.abbreviation,
        kind=org.kind,
        parent=org.parent.slug if org.parent else None,
        is_hisp=org.is_hisp,
    )


def _service(service: Service) -> ServiceOut:
    return ServiceOut(
        id=service.pk,
        organization=service.organization.slug,
        name=service.name,
        description=service.description,
        channels=service.channels,
        stages=service.stages,
        life_events=[event.slug for event in service.life_events.all()],
    )


def _touchpoint(touchpoint: Touchpoint) -> TouchpointOut:
    return TouchpointOut(
        id=touchpoint.pk,
        service=touchpoint.service_id,
        name=touchpoint.name,
        channel=touchpoint.channel,
        stage=touchpoint.stage,
        transaction_point_type=touchpoint.transaction_point_type,
        is_active=touchpoint.is_active,
    )


@router.get(
    "/organizations",
    auth=auth,
    response={200: Page[OrganizationOut], **ERRORS},
    summary="Organizations you hold a role in, with those beneath them",
)
@known_parameters
def organizations(
    request: HttpRequest, cursor: Cursor | None = None, limit: Limit = DEFAULT_LIMIT
) -> Page[OrganizationOut]:
    visible = organizations_for(token_user(request), Perm.VIEW_CATALOG).select_related("parent")
    return page_of(visible, cursor=cursor, limit=limit, render=_organization)


@router.get(
    "/organizations/{organization_slug}", auth=auth, response={200: OrganizationOut, **ERRORS}
)
@known_parameters
def organization(request: HttpRequest, organization_slug: str) -> OrganizationOut:
    return _organization(token_organization(request, Perm.VIEW_CATALOG, organization_slug))


def _visible_services(request: HttpRequest) -> set[int]:
    return set(
        token_scope(request, Service.objects.all(), Perm.VIEW_CATALOG).values_list("pk", flat=True)
    )


def _life_event(event: LifeEvent, visible: set[int]) -> LifeEventOut:
    """A life event is shared; the services listed are only those the caller may see."""
    return LifeEventOut(
        id=event.pk,
        slug=event.slug,
        name=event.name,
        kind=event.kind,
        description=event.description,
        services=sorted(service.pk for service in event.services.all() if service.pk in visible),
    )


def _life_events() -> QuerySet[LifeEvent]:
    return LifeEvent.objects.prefetch_related(
        Prefetch("services", queryset=Service.objects.only("pk"))
    )


@router.get(
    "/life-events",
    auth=auth,
    response={200: Page[LifeEventOut], **ERRORS},
    summary="Life events (shared across organizations)",
)
@known_parameters
def life_events(
    request: HttpRequest, cursor: Cursor | None = None, limit: Limit = DEFAULT_LIMIT
) -> Page[LifeEventOut]:
    visible = _visible_services(request)
    return page_of(
        _life_events(), cursor=cursor, limit=limit, render=lambda e: _life_event(e, visible)
    )


@router.get("/life-events/{life_event_slug}", auth=auth, response={200: LifeEventOut, **ERRORS})
@known_parameters
def life_event(request: HttpRequest, life_event_slug: str) -> LifeEventOut:
    event = get_object_or_404(_life_events(), slug=life_event_slug)
    return _life_event(event, _visible_services(request))


def _services(request: HttpRequest) -> QuerySet[Service]:
    return token_scope(
        request,
        Service.objects.select_related("organization").prefetch_related(
            Prefetch("life_events", queryset=LifeEvent.objects.only("slug"))
        ),
        Perm.VIEW_CATALOG,
    )


@router.get("/services", auth=auth, response={200: Page[ServiceOut], **ERRORS})
@known_parameters
def services(
    request: HttpRequest,
    organization: str | None = None,
    cursor: Cursor | None = None,
    limit: Limit = DEFAULT_LIMIT,
) -> Page[ServiceOut]:
    """Services you may see; ``organization`` (a slug) narrows to it and those beneath it."""
    found = _services(request)
    if organization is not None:
        owner = token_organization(request, Perm.VIEW_CATALOG, organization)
        found = found.filter(organization__path__startswith=owner.path)
    return page_of(found, cursor=cursor, limit=limit, render=_service)


@router.get("/services/{service_id}", auth=auth, response={200: ServiceOut, **ERRORS})
@known_parameters
def service(request: HttpRequest, service_id: Id) -> ServiceOut:
    return _service(token_object(request, Perm.VIEW_CATALOG, _services(request), pk=service_id))


@router.get("/touchpoints", auth=auth, response={200: Page[TouchpointOut], **ERRORS})
@known_parameters
def touchpoints(
    request: HttpRequest,
    service: Id | None = None,
    cursor: Cursor | None = None,
    limit: Limit = DEFAULT_LIMIT,
) -> Page[TouchpointOut]:
    found = token_scope(request, Touchpoint.objects.all(), Perm.VIEW_CATALOG)
    if service is not None:
        owner = token_object(request, Perm.VIEW_CATALOG, Service.objects.all(), pk=service)
        found = found.filter(service=owner)
    return page_of(found, cursor=cursor, limit=limit, render=_touchpoint)


@router.get("/touchpoints/{touchpoint_id}", auth=auth, response={200: TouchpointOut, **ERRORS})
@known_parameters
def touchpoint(request: HttpRequest, touchpoint_id: Id) -> TouchpointOut:
    found = token_object(request, Perm.VIEW_CATALOG, Touchpoint.objects.all(), pk=touchpoint_id)
    return _touchpoint(found)
