"""The A-11 Section 280 reporting vocabulary (reference: shared/reference/a11-section-280.md)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    COMPUTER = "computer", _("Computer")
    MOBILE = "mobile", _("Mobile")
    EMAIL = "email", _("Email")
    CHATBOT = "chatbot", _("Chatbot")
    PHONE = "phone", _("Phone")
    AUTOMATED_PHONE = "automated_phone", _("Automated phone")
    IN_PERSON = "in_person", _("In person")
    PAPER = "paper", _("Paper")
    POSTAL_MAIL = "postal_mail", _("Postal mail")
    FAX = "fax", _("Fax")
    SELF_SERVICE_KIOSK = "self_service_kiosk", _("Self-service kiosk")
    OTHER_NON_DIGITAL = "other_non_digital", _("Other non-digital")
    WEBSITE = "website", _("Website")
    MOBILE_APP = "mobile_app", _("Mobile app")
    LIVE_CHAT = "live_chat", _("Live chat")
    SMS_TEXT_MESSAGES = "sms_text_messages", _("SMS text messages")
    SOCIAL_MEDIA = "social_media", _("Social media")
    OTHER_DIGITAL = "other_digital", _("Other digital")


class TransactionPointType(models.TextChoices):
    POST_INTERACTION = "post_interaction", _("Post-interaction")
    POST_SERVICE_JOURNEY = "post_service_journey", _("Post-service journey")
    RELATIONAL = "relational", _("Relational")


DEFAULT_STAGES = ("start", "middle", "end")
