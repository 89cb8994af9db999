"""Unused accounts are warned at 14 and 7 days and deactivated at 90, by the command and task."""

from datetime import timedelta

from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from govcx.accounts.models import User
from govcx.accounts.tasks import inactive_accounts_check
from govcx.audit.models import Action, AuditEntry
from govcx.testing.factories import World, signed_in


def unused_for(user: User, days: float) -> None:
    then = timezone.now() - timedelta(days=days)
    User.objects.filter(pk=user.pk).update(last_login=then, date_joined=then - timedelta(days=1))


def test_warnings_then_deactivation(world: World, capsys: object) -> None:
    unused_for(world.member, 80)  # 10 days left: the 14-day warning
    unused_for(world.manager, 91)
    call_command("accounts", "deactivate-inactive")
    call_command("accounts", "deactivate-inactive")  # a second run sends nothing again
    assert [m.to for m in mail.outbox] == [[world.member.email]]
    assert "will be deactivated" in mail.outbox[0].subject
    world.manager.refresh_from_db()
    world.member.refresh_from_db()
    assert not world.manager.is_active
    assert world.member.is_active
    entry = AuditEntry.objects.get(action=Action.ACCOUNT_DEACTIVATED)
    assert entry.actor == world.manager
    assert entry.details == {"unused_days": 90}
    unused_for(world.member, 84)  # 6 days left: the 7-day warning
    inactive_accounts_check.enqueue()
    assert [m.to for m in mail.outbox] == [[world.member.email]] * 2


def test_dry_run_changes_nothing(world: World, capsys: object) -> None:
    unused_for(world.member, 100)
    call_command("accounts", "deactivate-inactive", "--dry-run")
    world.member.refresh_from_db()
    assert world.member.is_active
    assert not AuditEntry.objects.filter(action=Action.ACCOUNT_DEACTIVATED).exists()


def test_an_admin_sees_last_sign_in_and_reactivates(world: World) -> None:
    unused_for(world.member, 100)
    call_command("accounts", "deactivate-inactive")
    admin = signed_in(world.owner)
    page = admin.get("/organizations/fema/members/").content.decode()
    assert "Deactivated" in page
    membership = world.member.memberships.get()
    admin.post(f"/organizations/fema/members/{membership.pk}/", {"reactivate": "1"})
    world.member.refresh_from_db()
    assert world.member.is_active
    assert AuditEntry.objects.filter(action=Action.ACCOUNT_REACTIVATED).exists()
    call_command("accounts", "deactivate-inactive")  # reactivation counts as use
    world.member.refresh_from_db()
    assert world.member.is_active
    outsider_page = signed_in(world.outsider).get("/organizations/fema/members/")
    assert outsider_page.status_code == 404
