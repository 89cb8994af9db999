"""The one place tests build things: the small world of organizations and people, signed-in
clients, and stored responses. ``govcx/conftest.py`` turns ``world_build`` into the ``world``
fixture; tests import the rest from here (never from a conftest).

DHS (department) > FEMA (agency) > FEMA IA (office), and SSA elsewhere.
owner: org admin on FEMA; member: viewer on FEMA; manager: survey manager on FEMA;
outsider: org admin on SSA; dhs_admin: org admin on DHS (inherits FEMA); platform: platform admin.
"""

from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from django.test import Client
from django.utils import timezone

from govcx.accounts.models import Membership, User
from govcx.accounts.roles import Role
from govcx.catalog.models import Organization, Service, Touchpoint
from govcx.collection.models import Response, Source
from govcx.collection.services import IdempotencyScope, submission_accept
from govcx.surveys.models import Survey

PASSWORD = "correct horse battery staple"


@dataclass
class World:
    dhs: Organization
    fema: Organization
    fema_office: Organization
    ssa: Organization
    service: Service
    touchpoint: Touchpoint
    ssa_service: Service
    owner: User
    manager: User
    member: User
    outsider: User
    dhs_admin: User
    platform: User


def make_user(email: str, *, org: Organization | None = None, role: Role | None = None) -> User:
    user = User.objects.create_user(email=email, password=PASSWORD)
    if org is not None and role is not None:
        Membership.objects.create(user=user, organization=org, role=role)
    return user


def signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def world_build() -> World:
    dhs = Organization.objects.create(
        name="Homeland Security", abbreviation="DHS", slug="dhs", kind="department"
    )
    fema = Organization.objects.create(
        name="Federal Emergency Management Agency",
        abbreviation="FEMA",
        slug="fema",
        kind="agency",
        parent=dhs,
        is_hisp=True,
    )
    office = Organization.objects.create(
        name="Individual Assistance", abbreviation="IA", slug="fema-ia", kind="office", parent=fema
    )
    ssa = Organization.objects.create(
        name="Social Security Administration",
        abbreviation="SSA",
        slug="ssa",
        kind="agency",
        is_hisp=True,
    )
    service = Service.objects.create(
        organization=fema, name="Apply for disaster assistance", channels=["website", "phone"]
    )
    touchpoint = Touchpoint.objects.create(
        service=service,
        name="Online application",
        channel="website",
        stage="start",
        transaction_point_type="post_interaction",
    )
    ssa_service = Service.objects.create(organization=ssa, name="Apply for retirement benefits")
    platform = User.objects.create_superuser(email="platform@example.com", password=PASSWORD)
    return World(
        dhs=dhs,
        fema=fema,
        fema_office=office,
        ssa=ssa,
        service=service,
        touchpoint=touchpoint,
        ssa_service=ssa_service,
        owner=make_user("owner@fema.example.gov", org=fema, role=Role.ORG_ADMIN),
        manager=make_user("manager@fema.example.gov", org=fema, role=Role.SURVEY_MANAGER),
        member=make_user("member@fema.example.gov", org=fema, role=Role.VIEWER),
        outsider=make_user("outsider@ssa.example.gov", org=ssa, role=Role.ORG_ADMIN),
        dhs_admin=make_user("admin@dhs.example.gov", org=dhs, role=Role.ORG_ADMIN),
        platform=platform,
    )


def noon(day: date) -> datetime:
    return datetime.combine(day, time(12), tzinfo=timezone.get_default_timezone())


def respond(
    survey: Survey,
    answers: dict[str, Any],
    *,
    touchpoint: Touchpoint | None = None,
    language: str = "en",
    when: datetime | None = None,
    key: str | None = None,
    source: Source = Source.API,
    page_url: str = "",
    location_code: str = "",
) -> Response:
    """Store one response to the survey's published version the way a submission is stored
    (validated and redacted), at the survey's first touchpoint unless told; ``when`` dates it."""
    point = touchpoint or survey.touchpoints.order_by("pk").first()
    if point is None:
        raise ValueError("The survey has no touchpoint to answer at.")
    response = submission_accept(
        survey=survey,
        version=survey.published_version(),
        touchpoint=point,
        raw_answers=answers,
        language=language,
        source=source,
        page_url=page_url,
        location_code=location_code,
        idempotency_key=key,
        idempotency_scope=IdempotencyScope.IMPORT if key else "",
    ).response
    if when is not None:
        Response.objects.filter(pk=response.pk).update(received_at=when)
        response.received_at = when
    return response


def respond_many(
    survey: Survey, answers: dict[str, Any], count: int, **options: Any
) -> list[Response]:
    """``count`` responses with the same answers (see ``respond``)."""
    return [respond(survey, answers, **options) for _ in range(count)]


def thumbs(trust: str, comment: str = "") -> dict[str, Any]:
    """Answers to the A-11 thumbs survey: trust, why it went well or poorly, and a comment."""
    answers: dict[str, Any] = {"trust": trust}
    answers["went_well" if trust == "1" else "went_poorly"] = ["ease"]
    if comment:
        answers["comment"] = comment
    return answers
