"""Question types and CX measure tags: the words analytics and reporting key on."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class QuestionType(models.TextChoices):
    AGREEMENT5 = "agreement5", _("5-point agreement scale")
    THUMBS = "thumbs", _("Thumbs up or down")
    YES_NO = "yes_no", _("Yes or no")
    SINGLE_CHOICE = "single_choice", _("Single choice")
    MULTIPLE_CHOICE = "multiple_choice", _("Multiple choice")
    DROPDOWN = "dropdown", _("Dropdown")
    SHORT_TEXT = "short_text", _("Short text")
    LONG_TEXT = "long_text", _("Long text")
    EMAIL = "email", _("Email address")
    PHONE = "phone", _("Phone number")
    NUMBER = "number", _("Number")
    DATE = "date", _("Date")
    HIDDEN = "hidden", _("Hidden context field")
    STATIC_TEXT = "static_text", _("Text block (no answer)")


class Measure(models.TextChoices):
    TRUST = "trust", _("Trust")
    SATISFACTION = "satisfaction", _("Satisfaction")
    EFFECTIVENESS = "effectiveness", _("Effectiveness")
    EASE = "ease", _("Ease")
    EFFICIENCY = "efficiency", _("Efficiency")
    TRANSPARENCY = "transparency", _("Transparency")
    HUMANITY = "humanity", _("Humanity")
    EMPLOYEE = "employee", _("Employee helpfulness")
    COMMENT = "comment", _("Comment")


# The A-11 drivers of trust, in the standard's order, offered by "What went well?" and
# "What didn't go so well?" (reference: A-11 Section 280).
DRIVERS = ("effectiveness", "ease", "efficiency", "transparency", "humanity", "employee", "other")

CHOICE_TYPES = frozenset(
    {QuestionType.SINGLE_CHOICE, QuestionType.MULTIPLE_CHOICE, QuestionType.DROPDOWN}
)
# Types that can mark a segment question (one answer per respondent, so groups split them).
SEGMENT_TYPES = frozenset({QuestionType.SINGLE_CHOICE, QuestionType.DROPDOWN, QuestionType.YES_NO})
# Types whose options are fixed by the type itself (values are part of the standard).
SCALE_VALUES: dict[str, tuple[str, ...]] = {
    QuestionType.AGREEMENT5: ("1", "2", "3", "4", "5"),
    QuestionType.THUMBS: ("1", "0"),
    QuestionType.YES_NO: ("yes", "no"),
}
TEXT_TYPES = frozenset({QuestionType.SHORT_TEXT, QuestionType.LONG_TEXT})
# Types that collect personal contact details and so need a Privacy Act statement.
CONTACT_TYPES = frozenset({QuestionType.EMAIL, QuestionType.PHONE})
NO_ANSWER_TYPES = frozenset({QuestionType.STATIC_TEXT})

SHORT_TEXT_LIMIT = 250
LONG_TEXT_LIMIT = 5000

# Languages a survey may be offered in beyond English: Spanish and the languages federal agencies
# most often serve people with limited English proficiency in.
SURVEY_LANGUAGES: tuple[tuple[str, str], ...] = (
    ("es", "Español (Spanish)"),
    ("zh", "中文 (Chinese)"),
    ("vi", "Tiếng Việt (Vietnamese)"),
    ("ko", "한국어 (Korean)"),
    ("tl", "Tagalog"),
    ("ru", "Русский (Russian)"),
    ("ar", "العربية (Arabic)"),
    ("ht", "Kreyòl ayisyen (Haitian Creole)"),
    ("fr", "Français (French)"),
)
