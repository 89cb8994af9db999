"""The second factor for local password accounts: an authenticator app (TOTP, django-otp).

django-otp keeps the secret, checks codes (refusing a code already used) and slows down guessing
after wrong codes; segno draws the QR code as SVG. Setting up and every wrong code are audited.
"""

import base64

import segno
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from govcx.accounts.models import User
from govcx.audit.models import Action
from govcx.audit.services import audit_record

DEVICE_NAME = "authenticator app"


class CodeRefused(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def has_device(user: User) -> bool:
    return bool(TOTPDevice.objects.filter(user=user, confirmed=True).exists())


def confirmed_device(user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def enrollment_device(user: User) -> TOTPDevice | None:
    """The device being set up (one per person until confirmed); None once one is confirmed."""
    if has_device(user):
        return None
    device: TOTPDevice
    device, _created = TOTPDevice.objects.get_or_create(
        user=user, confirmed=False, defaults={"name": DEVICE_NAME}
    )
    return device


def check_code(*, device: TOTPDevice, code: str, request: HttpRequest | None) -> None:
    allowed, _info = device.verify_is_allowed()  # type: ignore[no-untyped-call]
    if not allowed:
        raise CodeRefused(_("Too many wrong codes. Wait a minute, then enter the newest code."))
    if not device.verify_token(code):  # type: ignore[no-untyped-call]
        audit_record(action=Action.MFA_FAILED, actor=device.user, request=request)
        raise CodeRefused(_("That code is not right. Enter the 6-digit code your app shows now."))


def confirm_device(*, device: TOTPDevice, request: HttpRequest | None) -> None:
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    audit_record(action=Action.MFA_ENROLLED, actor=device.user, request=request, obj=device)


def qr_svg(device: TOTPDevice) -> str:
    """The otpauth:// address as an inline SVG QR code for the app to scan."""
    return str(segno.make(device.config_url, error="m").svg_inline(scale=5, title=_("QR code")))


def secret_text(device: TOTPDevice) -> str:
    """The secret in the base32 form apps accept when typed, in groups of four."""
    secret = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))
