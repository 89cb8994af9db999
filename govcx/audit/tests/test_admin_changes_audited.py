"""Changes made by platform admins in the Django admin reach the audit log too."""

from django.urls import reverse

from govcx.accounts.models import Membership
from govcx.audit.models import Action, AuditEntry
from govcx.testing.factories import World, signed_in


def test_an_admin_edit_is_audited(world: World) -> None:
    response = signed_in(world.platform).post(
        reverse("admin:catalog_service_change", args=[world.service.pk]),
        {
            "organization": world.fema.pk,
            "name": "Apply for disaster help",
            "description": "",
            "channels": '["website"]',
            "stages": '["start", "middle", "end"]',
        },
    )
    assert response.status_code == 302
    entry = AuditEntry.objects.get(action=Action.UPDATED)
    assert entry.actor == world.platform
    assert entry.organization_id == world.fema.pk
    assert entry.details["via"] == "admin"
    assert "name" in entry.details["fields"]


def test_revoking_a_role_in_the_admin_is_audited(world: World) -> None:
    membership = Membership.objects.get(user=world.member)
    response = signed_in(world.platform).post(
        reverse("admin:accounts_membership_delete", args=[membership.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    entry = AuditEntry.objects.get(action=Action.ROLE_REVOKED)
    assert entry.organization_id == world.fema.pk
