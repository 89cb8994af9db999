"""An organization's audit log holds what happened to its own objects (and its subtree's), and
the personal events (sign-ins, authenticator, tokens) of its own people, those whose email domain
it owns: never what someone with a role there did in another organization."""

from dataclasses import dataclass
from typing import Any

import pytest
from django.http import StreamingHttpResponse
from django.test import Client
from django.urls import reverse

from govcx.accounts.models import Membership, User
from govcx.accounts.roles import Role
from govcx.accounts.services import membership_grant
from govcx.accounts.tests.api_helpers import api_get, token_for
from govcx.audit.models import Action
from govcx.catalog.models import Organization, OrganizationDomain
from govcx.testing.factories import PASSWORD, World, make_user, signed_in

AT_IRS = "198.51.100.77"  # where Pat works for the IRS
AT_SSA = "192.0.2.55"  # where Pat works on SSA's data


@dataclass
class Agencies:
    irs: Organization
    irs_admin: User
    pat: User  # an IRS analyst who is also given a role at SSA


@pytest.fixture
def agencies(world: World) -> Agencies:
    irs = Organization.objects.create(
        name="Internal Revenue Service", abbreviation="IRS", slug="irs", kind="agency"
    )
    for organization, domain in (
        (irs, "irs.example.gov"),
        (world.ssa, "ssa.example.gov"),
        (world.fema, "fema.example.gov"),
    ):
        OrganizationDomain.objects.create(organization=organization, domain=domain)
    return Agencies(
        irs=irs,
        irs_admin=make_user("admin@irs.example.gov", org=irs, role=Role.ORG_ADMIN),
        pat=make_user("pat@irs.example.gov", org=irs, role=Role.ANALYST),
    )


def log(user: User, slug: str) -> Any:
    return signed_in(user).get(reverse("audit:organization-log", args=[slug]))


def pat_entries(page: Any, pat: User) -> set[str]:
    return {entry.action for entry in page.context["page"] if entry.actor_email == pat.email}


def drain(response: Any) -> None:
    assert isinstance(response, StreamingHttpResponse), response
    b"".join(response.streaming_content)  # type: ignore[arg-type]


def test_a_role_elsewhere_does_not_bring_that_person_s_activity_into_the_log(
    world: World, agencies: Agencies
) -> None:
    pat = agencies.pat
    membership_grant(
        organization=world.ssa,
        email=pat.email,
        role=Role.ANALYST,
        by=world.outsider,
        request=None,
        other_organization=agencies.irs,
    )
    # Pat's own day at the IRS: a sign-in and an export of IRS responses.
    irs_client = Client(REMOTE_ADDR=AT_IRS)
    irs_client.post(reverse("accounts:sign-in"), {"username": pat.email, "password": PASSWORD})
    irs_token = token_for(pat, ["responses:read"])
    drain(
        Client(REMOTE_ADDR=AT_IRS).get(
            "/api/v1/responses/export",
            {"organization": "irs"},
            HTTP_AUTHORIZATION=f"Bearer {irs_token}",
        )
    )
    # ...and an export of SSA's responses, which is SSA's business.
    drain(
        Client(REMOTE_ADDR=AT_SSA).get(
            "/api/v1/responses/export",
            {"organization": "ssa"},
            HTTP_AUTHORIZATION=f"Bearer {irs_token}",
        )
    )
    ssa = log(world.outsider, "ssa")
    assert pat_entries(ssa, pat) == {Action.EXPORT_STARTED, Action.EXPORT_FINISHED}
    assert all(
        entry.details.get("organization") == "ssa"
        for entry in ssa.context["page"]
        if entry.actor_email == pat.email
    )
    assert AT_IRS not in ssa.content.decode()
    irs = log(agencies.irs_admin, "irs")
    assert {
        Action.SIGN_IN,
        Action.TOKEN_CREATED,
        Action.EXPORT_STARTED,
        Action.EXPORT_FINISHED,
    } <= pat_entries(irs, pat)
    assert AT_IRS in irs.content.decode()
    assert AT_SSA not in irs.content.decode()  # SSA's export is not the IRS's


def test_an_export_without_a_filter_is_in_the_log_of_each_organization_it_reads(
    world: World, agencies: Agencies
) -> None:
    Membership.objects.create(user=agencies.pat, organization=world.ssa, role=Role.ANALYST)
    drain(api_get("/api/v1/responses/export", token_for(agencies.pat, ["responses:read"])))
    for admin, slug in ((world.outsider, "ssa"), (agencies.irs_admin, "irs")):
        assert Action.EXPORT_STARTED in pat_entries(log(admin, slug), agencies.pat), slug
    assert Action.EXPORT_STARTED not in pat_entries(log(world.owner, "fema"), agencies.pat)


def test_people_s_own_events_belong_to_the_organization_of_their_email_domain(
    world: World, agencies: Agencies
) -> None:
    for user in (world.member, agencies.pat):
        Client(REMOTE_ADDR=AT_IRS).post(
            reverse("accounts:sign-in"), {"username": user.email, "password": "wrong"}
        )
    fema = pat_entries(log(world.owner, "fema"), world.member)
    assert fema == {Action.SIGN_IN_FAILED}
    assert agencies.pat.email not in log(world.owner, "fema").content.decode()
    assert agencies.pat.email not in log(world.outsider, "ssa").content.decode()
    assert pat_entries(log(agencies.irs_admin, "irs"), agencies.pat) == {Action.SIGN_IN_FAILED}
    # The department above reads its agencies' people too; the platform log reads everyone.
    assert world.member.email in log(world.dhs_admin, "dhs").content.decode()
    assert agencies.pat.email in signed_in(world.platform).get("/audit/").content.decode()
