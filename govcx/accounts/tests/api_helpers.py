"""Builders for API tests: personal tokens, and a second tenant (SSA) with its own data."""

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.test import Client
from django.utils import timezone

from govcx.accounts.models import Membership, Scope, User
from govcx.accounts.roles import Role
from govcx.accounts.tokens import api_token_create, scopes_for
from govcx.analytics.periods import FiscalQuarter
from govcx.analytics.rollups import rollup_catch_up
from govcx.catalog.models import LifeEvent, Organization, Touchpoint
from govcx.collection.tests.helpers import published_survey
from govcx.reporting.models import Collection
from govcx.reporting.services import collection_open
from govcx.surveys.lifecycle import survey_transition
from govcx.surveys.models import Survey
from govcx.surveys.services import survey_create
from govcx.surveys.tests.helpers import VALID_PRA, in_days
from govcx.testing.factories import World, respond, thumbs

ALL_SCOPES = list(Scope.values)
# Strings only SSA's data contains: none may appear in anything FEMA's token reads.
SSA_MARKERS = (
    "Social Security",
    "Apply for retirement benefits",
    "SSA-ONLY",
    '"ssa"',
    "organization:ssa",
)


def token_for(user: User, scopes: list[str] | None = None, days: int = 30) -> str:
    """A token with ``scopes``, by default every scope the user's roles allow."""
    _token, secret = api_token_create(
        user=user,
        name="test",
        scopes=[s.value for s in scopes_for(user)] if scopes is None else scopes,
        expires_at=timezone.now() + timedelta(days=days),
    )
    return secret


def token_kept_after_demotion(user: User, organization: Organization, scopes: list[str]) -> str:
    """A token created while the user was an organization admin there, kept after their role
    went back to what it was: scopes their role no longer allows. The token is made through a
    fresh copy of the user, so the caller's copy never holds the admin grants."""
    membership = Membership.objects.get(user=user, organization=organization)
    role = membership.role
    Membership.objects.filter(pk=membership.pk).update(role=Role.ORG_ADMIN)
    secret = token_for(User.objects.get(pk=user.pk), scopes)
    Membership.objects.filter(pk=membership.pk).update(role=role)
    return secret


def api_get(path: str, token: str, **params: Any) -> Any:
    return Client().get(path, params, HTTP_AUTHORIZATION=f"Bearer {token}")


@dataclass
class TwoTenants:
    fema_survey: Survey
    ssa_survey: Survey
    ssa_touchpoint: Touchpoint
    journey: LifeEvent
    ssa_report: Collection
    ssa_journey: LifeEvent  # one in which FEMA takes no part (life events are listed to all)


def two_tenants(world: World, responses: int = 40) -> TwoTenants:
    """FEMA and SSA each with a published survey, responses (rolled up) and one shared life
    event; SSA's names and comments carry SSA_MARKERS."""
    fema_survey = published_survey(world)
    ssa_touchpoint = Touchpoint.objects.create(
        service=world.ssa_service, name="SSA-ONLY touchpoint", channel="phone", stage="start"
    )
    ssa_survey = survey_create(
        organization=world.ssa,
        name="SSA-ONLY retirement feedback",
        template="a11_current_thumbs",
        touchpoints=[ssa_touchpoint],
        by=world.outsider,
    )
    Survey.objects.filter(pk=ssa_survey.pk).update(pra_expiration=in_days(365), **VALID_PRA)
    ssa_survey.refresh_from_db()
    ssa_survey = survey_transition(survey=ssa_survey, name="publish", by=world.outsider)
    for index in range(responses):
        trust = "1" if index % 4 else "0"
        respond(fema_survey, thumbs(trust, "Fast and clear"), touchpoint=world.touchpoint)
        respond(ssa_survey, thumbs(trust, "SSA-ONLY comment"), touchpoint=ssa_touchpoint)
    journey = LifeEvent.objects.create(
        name="Test journey across agencies", slug="test-journey", kind="life_event"
    )
    journey.services.add(world.service, world.ssa_service)
    ssa_journey = LifeEvent.objects.create(
        name="A journey with one agency", slug="one-agency", kind="life_event"
    )
    ssa_journey.services.add(world.ssa_service)
    rollup_catch_up()
    quarter = FiscalQuarter.of(timezone.localdate())
    collection_open(world.service, quarter, by=world.owner)
    ssa_report = collection_open(world.ssa_service, quarter, by=world.outsider)
    return TwoTenants(fema_survey, ssa_survey, ssa_touchpoint, journey, ssa_report, ssa_journey)
