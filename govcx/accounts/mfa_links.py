"""The emailed link that lets a local account set up its authenticator app.

A password alone must not reach the set-up screen: whoever learned it would enrol their own app
and own the account. The set-up needs both the password and a link sent to the account's email
address. The link is Django's password-reset token, salted for this purpose and bound to the
person (their id, password and email address) and to the key of the app being set up, which is
replaced when a link is sent and when one is used: so a link works once, a newer link replaces
an older one, and none works after GOVCX_MFA_LINK_MINUTES or once an app is set up.
"""

from typing import Any

from django.conf import settings
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core.mail import send_mail
from django.http import HttpRequest
from django.urls import reverse
from django.utils.encoding import force_bytes, force_str
from django.utils.http import base36_to_int, urlsafe_base64_decode, urlsafe_base64_encode
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice, default_key

from govcx.accounts.mfa import DEVICE_NAME, has_device
from govcx.accounts.models import User
from govcx.audit.models import Action
from govcx.audit.services import audit_record


class EnrolmentLinkTokens(PasswordResetTokenGenerator):
    key_salt = "govcx.accounts.mfa_links.EnrolmentLinkTokens"

    def _make_hash_value(self, user: Any, timestamp: int) -> str:
        pending = (
            TOTPDevice.objects.filter(user=user, confirmed=False)
            .values_list("key", flat=True)
            .first()
        )
        return f"{user.pk}{user.password}{user.email}{timestamp}{pending}{has_device(user)}"

    def check_token(self, user: Any, token: Any) -> bool:
        """Also refuse a token older than GOVCX_MFA_LINK_MINUTES (Django's own limit, days,
        is PASSWORD_RESET_TIMEOUT)."""
        if not super().check_token(user, token):
            return False
        issued = base36_to_int(str(token).split("-")[0])
        age = self._num_seconds(self._now()) - issued
        return bool(age <= settings.GOVCX_MFA_LINK_MINUTES * 60)


enrolment_links = EnrolmentLinkTokens()


def _new_pending_key(user: User) -> None:
    """Give the app being set up a new key: every link made before stops working."""
    device, _created = TOTPDevice.objects.get_or_create(
        user=user, confirmed=False, defaults={"name": DEVICE_NAME}
    )
    device.key = default_key()  # type: ignore[no-untyped-call]
    device.save(update_fields=["key"])


def enrolment_link_send(*, user: User, request: HttpRequest) -> None:
    """Email the person a one-time link to set up their app, and audit it."""
    _new_pending_key(user)
    path = reverse(
        "accounts:mfa-link",
        args=[urlsafe_base64_encode(force_bytes(user.pk)), enrolment_links.make_token(user)],
    )
    minutes = settings.GOVCX_MFA_LINK_MINUTES
    send_mail(
        subject=_("Set up your authenticator app for govcx"),
        message=_(
            "Someone signed in to govcx as %(email)s with the right password. To finish, open "
            "this link and sign in again with your password in the same browser; then set up an "
            "authenticator app. The link works once, for %(minutes)d minutes:\n\n%(link)s\n\n"
            "If this was not you, do not open the link: someone knows your password. Tell your "
            "platform admin."
        )
        % {"email": user.email, "minutes": minutes, "link": request.build_absolute_uri(path)},
        from_email=None,
        recipient_list=[user.email],
    )
    audit_record(
        action=Action.MFA_LINK_SENT,
        actor=user,
        request=request,
        obj=user,
        details={"valid_minutes": minutes},
    )


def enrolment_link_user(uidb64: str, token: str, request: HttpRequest) -> User | None:
    """The active person the link was made for, if it is still good; a refusal of a link that
    names a real person is audited against them."""
    try:
        pk = int(force_str(urlsafe_base64_decode(uidb64)))
    except (ValueError, TypeError, OverflowError):
        return None
    if not 0 < pk < 2**63:  # beyond the database's ids
        return None
    user = User.objects.filter(pk=pk, is_active=True).first()
    if user is None:
        return None
    if not enrolment_links.check_token(user, token):
        audit_record(action=Action.MFA_LINK_REFUSED, actor=user, request=request, obj=user)
        return None
    return user


def enrolment_link_use(*, user: User, request: HttpRequest) -> None:
    """Spend the link (a new key for the app being set up), and audit it."""
    _new_pending_key(user)
    audit_record(action=Action.MFA_LINK_USED, actor=user, request=request, obj=user)
