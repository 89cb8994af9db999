"""Setting up an authenticator app needs the password and an emailed one-time link: whoever
learns a password alone never reaches the set-up screen, so cannot enrol their own app."""

import re
from datetime import datetime, timedelta

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django_otp.plugins.otp_totp.models import TOTPDevice
from pytest_django.fixtures import Settings

from govcx.accounts import mfa_links
from govcx.accounts.tests.test_local_accounts import current_code, post_password, signed_in_email
from govcx.audit.models import Action, AuditEntry
from govcx.testing.factories import World

ENROL = reverse("accounts:mfa-enroll")


@pytest.fixture(autouse=True)
def _mfa_on(settings: Settings) -> None:
    settings.GOVCX_LOCAL_MFA = True
    settings.GOVCX_MFA_LINK_MINUTES = 30


def emailed_link(index: int = -1) -> str:
    match = re.search(r"https?://testserver(/\S+)", str(mail.outbox[index].body))
    assert match, mail.outbox[index].body
    return match.group(1)


def follow_link(client: Client, link: str) -> int:
    """Open the link and press its button; the status of the button's answer."""
    assert client.get(link).status_code == 200
    return int(client.post(link).status_code)


def test_a_password_alone_never_reaches_enrolment(world: World) -> None:
    client = Client()
    response = post_password(client, world.owner.email)
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:mfa-link-sent")
    page = client.get(response["Location"]).content.decode()
    assert "Check your email" in page
    for method in (client.get, client.post):
        refused = method(ENROL, {"code": "123456"})
        assert "<svg" not in refused.content.decode()
        assert 'id="totp-secret"' not in refused.content.decode()
    assert signed_in_email(client) is None
    assert not TOTPDevice.objects.filter(user=world.owner, confirmed=True).exists()
    assert [message.to for message in mail.outbox] == [[world.owner.email]]
    sent = AuditEntry.objects.get(action=Action.MFA_LINK_SENT)
    assert sent.actor == world.owner


def test_the_link_then_the_password_set_up_the_app(world: World) -> None:
    post_password(Client(), world.owner.email)
    link = emailed_link()
    client = Client()  # the email may be opened in another browser
    assert client.get(link).status_code == 200
    assert client.get(link).status_code == 200  # a mail scanner's look does not use it up
    used = client.post(link)
    assert used["Location"] == reverse("accounts:sign-in")
    assert client.get(ENROL).status_code != 200  # still needs the password
    assert post_password(client, world.owner.email)["Location"] == ENROL
    page = client.get(ENROL).content.decode()
    assert "<svg" in page
    device = TOTPDevice.objects.get(user=world.owner, confirmed=False)
    client.post(ENROL, {"code": current_code(device)})
    assert signed_in_email(client) == world.owner.email
    actions = set(AuditEntry.objects.filter(actor=world.owner).values_list("action", flat=True))
    assert {Action.MFA_LINK_SENT, Action.MFA_LINK_USED, Action.MFA_ENROLLED} <= actions
    assert len(mail.outbox) == 1


def test_the_link_works_once(world: World) -> None:
    post_password(Client(), world.owner.email)
    link = emailed_link()
    assert follow_link(Client(), link) == 302
    again = Client()
    page = again.get(link)
    assert page.status_code == 400
    assert "expired or has been used" in page.content.decode()
    assert again.post(link).status_code == 400
    post_password(again, world.owner.email)
    assert again.get(ENROL).status_code != 200
    refused = AuditEntry.objects.filter(action=Action.MFA_LINK_REFUSED, actor=world.owner)
    assert refused.count() == 2


def test_the_link_expires(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    post_password(Client(), world.owner.email)
    link = emailed_link()
    later = datetime.now() + timedelta(minutes=31)
    monkeypatch.setattr(mfa_links.enrolment_links, "_now", lambda: later)
    client = Client()
    assert client.get(link).status_code == 400
    assert client.post(link).status_code == 400
    post_password(client, world.owner.email)
    assert client.get(ENROL).status_code != 200


def test_the_link_is_bound_to_its_user(world: World) -> None:
    post_password(Client(), world.owner.email)
    link = emailed_link()
    member_id = urlsafe_base64_encode(force_bytes(world.member.pk))
    parts = link.strip("/").split("/")
    forged = "/" + "/".join([*parts[:-2], member_id, parts[-1]]) + "/"
    assert Client().get(forged).status_code == 400
    # Used in a browser where someone then signs in as another person: that person does not
    # reach enrolment through it (they are sent a link of their own).
    client = Client()
    assert follow_link(client, link) == 302
    response = post_password(client, world.member.email)
    assert response["Location"] == reverse("accounts:mfa-link-sent")
    assert client.get(ENROL).status_code != 200
    assert mail.outbox[-1].to == [world.member.email]


def test_a_newer_link_replaces_an_older_one(world: World) -> None:
    post_password(Client(), world.owner.email)
    post_password(Client(), world.owner.email)
    first, second = emailed_link(0), emailed_link(1)
    assert Client().get(first).status_code == 400
    assert follow_link(Client(), second) == 302


def test_made_up_links_are_refused_plainly(world: World) -> None:
    for link in ("/sign-in/authenticator/link/zzz/abc-def/", "/sign-in/authenticator/link/MQ/x/"):
        assert Client().get(link).status_code == 400, link
