"""Local password accounts: off unless enabled, a second factor (TOTP) where required, and a
lockout after repeated failures. Development keeps the password-only demo sign-in."""

from typing import TYPE_CHECKING

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from pytest_django.fixtures import Settings

from govcx.audit.models import Action, AuditEntry
from govcx.testing.factories import PASSWORD, World

if TYPE_CHECKING:
    from django.test.client import _MonkeyPatchedWSGIResponse as TestResponse


def post_password(client: Client, email: str, password: str = PASSWORD) -> "TestResponse":
    return client.post(reverse("accounts:sign-in"), {"username": email, "password": password})


def signed_in_email(client: Client) -> str | None:
    user = client.get(reverse("catalog:home")).context["user"]
    return user.email if user.is_authenticated else None


def current_code(device: TOTPDevice) -> str:
    code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)  # type: ignore[no-untyped-call]
    return f"{code:06d}"


def test_development_signs_in_with_a_password_alone(world: World) -> None:
    client = Client()
    post_password(client, world.owner.email)
    assert signed_in_email(client) == world.owner.email


def test_turned_off_local_accounts_refuse_passwords_everywhere(
    world: World, settings: Settings
) -> None:
    settings.GOVCX_LOCAL_ACCOUNTS = False
    client = Client()
    page = client.get(reverse("accounts:sign-in")).content.decode()
    assert 'name="password"' not in page
    response = client.post(
        reverse("accounts:sign-in"), {"username": world.platform.email, "password": PASSWORD}
    )
    assert response.status_code == 403
    assert "turned off" in response.content.decode()
    assert signed_in_email(client) is None


def test_mfa_enrollment_then_verification(world: World, settings: Settings) -> None:
    settings.GOVCX_LOCAL_MFA = True
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # no waiting after the wrong code below
    client = Client()
    response = post_password(client, world.owner.email)
    assert response["Location"] == reverse("accounts:mfa-link-sent")
    assert signed_in_email(client) is None
    # The emailed set-up link, then the password again (test_mfa_enrolment.py has the rules).
    link = mail.outbox[-1].body.split("http://testserver", 1)[1].split()[0]
    client.post(link)
    response = post_password(client, world.owner.email)
    assert response["Location"] == reverse("accounts:mfa-enroll")
    page = client.get(reverse("accounts:mfa-enroll")).content.decode()
    assert "<svg" in page
    assert 'id="totp-secret"' in page
    device = TOTPDevice.objects.get(user=world.owner, confirmed=False)
    wrong = client.post(reverse("accounts:mfa-enroll"), {"code": "000000"})
    assert "not right" in wrong.content.decode()
    assert signed_in_email(client) is None
    client.post(reverse("accounts:mfa-enroll"), {"code": current_code(device)})
    assert signed_in_email(client) == world.owner.email
    assert AuditEntry.objects.filter(action=Action.MFA_ENROLLED, actor=world.owner).exists()
    sign_in_entry = AuditEntry.objects.get(action=Action.SIGN_IN, actor=world.owner)
    assert sign_in_entry.details == {"method": "password", "amr": ["pwd", "otp"]}
    assert AuditEntry.objects.filter(action=Action.MFA_FAILED, actor=world.owner).exists()
    # The next sign-in asks for a code from the app now set up.
    again = Client()
    assert post_password(again, world.owner.email)["Location"] == reverse("accounts:mfa-verify")
    assert signed_in_email(again) is None
    device.refresh_from_db()
    device.last_t -= 1  # a new 30-second step has begun
    device.save()
    again.post(reverse("accounts:mfa-verify"), {"code": current_code(device)})
    assert signed_in_email(again) == world.owner.email


def test_the_code_step_needs_the_password_first(world: World, settings: Settings) -> None:
    settings.GOVCX_LOCAL_MFA = True
    response = Client().post(reverse("accounts:mfa-verify"), {"code": "123456"})
    assert response.status_code == 400
    assert "Enter your password again" in response.content.decode()


@pytest.mark.parametrize("failures", [3])
def test_repeated_failures_lock_the_account_out(
    world: World, settings: Settings, failures: int
) -> None:
    settings.AXES_FAILURE_LIMIT = failures
    for _ in range(failures):
        post_password(Client(), world.member.email.upper(), "wrong password")
    locked = post_password(Client(), world.member.email)
    assert locked.status_code == 429
    assert "locked for 30 minutes" in locked.content.decode()
    lockouts = AuditEntry.objects.filter(action=Action.LOCKED_OUT)
    assert lockouts.exists()
    assert {entry.actor for entry in lockouts} == {world.member}
    # Other people are not affected.
    client = Client()
    post_password(client, world.owner.email)
    assert signed_in_email(client) == world.owner.email
