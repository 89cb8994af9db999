"""The audit log is append-only and each organization reads only its own part of it."""

import pytest
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from govcx.accounts.models import Membership
from govcx.accounts.roles import Role
from govcx.audit.models import Action, AppendOnlyError, AuditEntry
from govcx.audit.services import audit_record
from govcx.catalog.models import OrganizationDomain
from govcx.testing.factories import World, signed_in


def test_entries_cannot_be_changed_or_deleted_through_the_application(world: World) -> None:
    entry = audit_record(action=Action.UPDATED, actor=world.owner, organization=world.fema)
    entry.action = Action.DELETED
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.filter(pk=entry.pk).update(action=Action.DELETED)
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.all().delete()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="database trigger is PostgreSQL's")
def test_postgresql_refuses_changes_even_in_raw_sql(world: World) -> None:
    entry = audit_record(action=Action.UPDATED, actor=world.owner, organization=world.fema)
    for sql in ("UPDATE audit_auditentry SET action = 'x'", "DELETE FROM audit_auditentry"):
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql)
    assert AuditEntry.objects.get(pk=entry.pk).action == Action.UPDATED


def test_the_admin_reads_its_subtree_and_its_own_people_s_sign_ins_only(world: World) -> None:
    """Its own people: those whose email domain it owns (test_audit_scope.py has the rest)."""
    OrganizationDomain.objects.create(organization=world.fema, domain="fema.example.gov")
    OrganizationDomain.objects.create(organization=world.ssa, domain="ssa.example.gov")
    Membership.objects.create(user=world.outsider, organization=world.fema, role=Role.VIEWER)
    audit_record(
        action=Action.UPDATED,
        actor=world.owner,
        organization=world.fema_office,
        details={"fields": ["name"]},
    )
    audit_record(action=Action.UPDATED, actor=world.outsider, organization=world.ssa)
    audit_record(action=Action.SIGN_IN_FAILED, actor=world.member)
    audit_record(action=Action.SIGN_IN_FAILED, actor=world.outsider)
    page = signed_in(world.owner).get(reverse("audit:organization-log", args=["fema"]))
    entries = list(page.context["page"])
    assert {(e.actor_email, e.action) for e in entries} >= {
        (world.owner.email, Action.UPDATED),
        (world.member.email, Action.SIGN_IN_FAILED),
    }
    assert world.outsider.email not in page.content.decode()


def test_the_log_filters_by_action_and_person(world: World) -> None:
    audit_record(action=Action.UPDATED, actor=world.owner, organization=world.fema)
    audit_record(action=Action.ROLE_GRANTED, actor=world.dhs_admin, organization=world.fema)
    client = signed_in(world.owner)
    url = reverse("audit:organization-log", args=["fema"])
    by_action = client.get(url, {"action": Action.ROLE_GRANTED}).context["page"]
    assert [e.actor_email for e in by_action] == [world.dhs_admin.email]
    by_person = client.get(url, {"actor": "dhs.example"}).context["page"]
    assert {e.action for e in by_person} == {Action.ROLE_GRANTED}
    bad = client.get(url, {"since": "not a date"})
    assert bad.status_code == 200
    assert "Enter a valid date" in bad.content.decode()
