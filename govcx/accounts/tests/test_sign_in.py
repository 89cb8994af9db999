"""Sign-in with a local account, sign-out, and both kinds recorded in the audit log."""

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from govcx.audit.models import Action, AuditEntry
from govcx.testing.factories import PASSWORD, World


def test_sign_in_and_out_are_audited_with_the_address(world: World) -> None:
    client = Client(REMOTE_ADDR="203.0.113.9")
    response = client.post(
        reverse("accounts:sign-in"), {"username": "OWNER@fema.example.gov", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert client.get(reverse("catalog:home")).context["user"] == world.owner
    client.post(reverse("accounts:sign-out"))
    entries = list(AuditEntry.objects.order_by("id"))
    assert [e.action for e in entries] == [Action.SIGN_IN, Action.SIGN_OUT]
    assert entries[0].ip_address == "203.0.113.9"
    assert entries[0].actor == world.owner


def test_a_failed_sign_in_is_refused_and_audited(world: World) -> None:
    response = Client(REMOTE_ADDR="198.51.100.7").post(
        reverse("accounts:sign-in"), {"username": world.owner.email, "password": "wrong"}
    )
    assert response.status_code == 200
    assert "correct email address and password" in response.content.decode()
    entry = AuditEntry.objects.get()
    assert entry.action == Action.SIGN_IN_FAILED
    assert entry.actor == world.owner
    assert entry.ip_address == "198.51.100.7"
    assert "wrong" not in str(entry.details)


def test_passwords_follow_django_validators() -> None:
    with pytest.raises(ValidationError) as caught:
        validate_password("password123")
    assert len(caught.value.messages) >= 2
    validate_password("a long passphrase nobody guesses")
