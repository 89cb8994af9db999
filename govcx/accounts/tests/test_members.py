"""Organization admins give, change and take away roles; every change is audited."""

from django.urls import reverse

from govcx.accounts.models import Membership, User
from govcx.audit.models import SIGN_IN_ACTIONS, Action, AuditEntry
from govcx.testing.factories import World, signed_in


def test_admin_gives_a_role_to_a_new_person(world: World) -> None:
    response = signed_in(world.owner).post(
        reverse("accounts:members", args=["fema"]),
        {"email": "New.Person@FEMA.example.gov", "role": "analyst"},
    )
    assert response.status_code == 302
    user = User.objects.get(email="new.person@fema.example.gov")
    assert not user.has_usable_password()
    assert Membership.objects.get(user=user, organization=world.fema).role == "analyst"
    entry = AuditEntry.objects.get(action=Action.ROLE_GRANTED)
    assert entry.actor == world.owner
    assert entry.organization_id == world.fema.pk
    assert entry.details == {"user": "new.person@fema.example.gov", "role": "analyst"}


def test_a_second_role_in_the_same_organization_is_refused_clearly(world: World) -> None:
    response = signed_in(world.owner).post(
        reverse("accounts:members", args=["fema"]),
        {"email": world.member.email, "role": "analyst"},
    )
    assert response.status_code == 200
    assert "already has a role here" in response.content.decode()


def test_bad_input_names_the_field(world: World) -> None:
    response = signed_in(world.owner).post(
        reverse("accounts:members", args=["fema"]), {"email": "not-an-email", "role": "boss"}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert 'href="#id_email"' in page
    assert 'href="#id_role"' in page
    assert 'aria-invalid="true"' in page


def test_admin_changes_and_removes_a_role(world: World) -> None:
    membership = Membership.objects.get(user=world.member, organization=world.fema)
    url = reverse("accounts:member", args=["fema", membership.pk])
    signed_in(world.owner).post(url, {"role": "analyst"})
    membership.refresh_from_db()
    assert membership.role == "analyst"
    signed_in(world.owner).post(url, {"remove": "1"})
    assert not Membership.objects.filter(pk=membership.pk).exists()
    actions = list(
        AuditEntry.objects.exclude(action__in=SIGN_IN_ACTIONS)
        .values_list("action", flat=True)
        .order_by("id")
    )
    assert actions == [Action.ROLE_CHANGED, Action.ROLE_REVOKED]


def test_the_last_admin_cannot_be_removed_or_demoted(world: World) -> None:
    membership = Membership.objects.get(user=world.owner, organization=world.fema)
    url = reverse("accounts:member", args=["fema", membership.pk])
    response = signed_in(world.owner).post(url, {"remove": "1"})
    assert "last admin" in response.content.decode()
    response = signed_in(world.owner).post(url, {"role": "viewer"})
    assert "last admin" in response.content.decode()
    membership.refresh_from_db()
    assert membership.role == "org_admin"


def test_memberships_of_other_organizations_are_not_reachable(world: World) -> None:
    ssa_membership = Membership.objects.get(user=world.outsider)
    response = signed_in(world.owner).post(
        reverse("accounts:member", args=["fema", ssa_membership.pk]), {"remove": "1"}
    )
    assert response.status_code == 404
    assert Membership.objects.filter(pk=ssa_membership.pk).exists()
