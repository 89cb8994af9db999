"""What the public side needs: finding an open survey, and its definition in one language."""

import hashlib
import re
import time
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from govcx.catalog.models import Touchpoint
from govcx.surveys.models import Survey, SurveyVersion
from govcx.surveys.rendering import localized, scale_choices
from govcx.surveys.vocabulary import SCALE_VALUES

PUBLIC_ID = re.compile(r"[A-Za-z0-9_-]{1,20}")


@dataclass(frozen=True)
class OpenSurvey:
    """What the submission path needs about a survey, read once and reused for a few seconds."""

    survey: Survey
    version: SurveyVersion | None
    touchpoints: dict[int, Touchpoint]  # active ones, in id order

    def touchpoint(self, touchpoint_id: Any) -> Touchpoint | None:
        if touchpoint_id in (None, ""):
            return next(iter(self.touchpoints.values()), None)
        try:
            return self.touchpoints.get(int(touchpoint_id))
        except (TypeError, ValueError):
            return None


_open: dict[str, tuple[float, OpenSurvey | None]] = {}


def open_survey(public_id: str) -> OpenSurvey | None:
    """The survey, its published version and active touchpoints, cached in this process for
    GOVCX_SURVEY_CACHE_SECONDS. Three queries per survey per interval instead of per submission;
    a change (closing, a new version) reaches every process within that interval. Whether the
    survey accepts answers is still decided at each submission from these facts and today's date.
    """
    ttl: float = settings.GOVCX_SURVEY_CACHE_SECONDS
    now = time.monotonic()
    cached = _open.get(public_id)
    if ttl > 0 and cached is not None and cached[0] > now:
        return cached[1]
    survey = survey_by_public_id(public_id)
    found = None
    if survey is not None:
        touchpoints = {tp.pk: tp for tp in survey.touchpoints.filter(is_active=True).order_by("pk")}
        found = OpenSurvey(survey, survey.published_version(), touchpoints)
    if ttl > 0:
        if len(_open) > 10_000:  # bound the memory a flood of made-up ids could take
            _open.clear()
        _open[public_id] = (now + ttl, found)
    return found


def survey_by_public_id(public_id: str) -> Survey | None:
    # Ids are URL-safe base64 (new_public_id); anything else, e.g. a NUL byte that PostgreSQL
    # refuses in a query, is simply no survey.
    if not PUBLIC_ID.fullmatch(public_id):
        return None
    return Survey.objects.select_related("organization").filter(public_id=public_id).first()


def survey_touchpoint(survey: Survey, touchpoint_id: Any) -> Touchpoint | None:
    """The survey's active touchpoint with that id, or its first active one when none is named."""
    touchpoints = survey.touchpoints.filter(is_active=True).order_by("pk")
    if touchpoint_id in (None, ""):
        return touchpoints.first()
    try:
        return touchpoints.filter(pk=int(touchpoint_id)).first()
    except (TypeError, ValueError):
        return None


def choose_language(version: SurveyVersion, requested: str | None, accept: str = "") -> str:
    """``?lang=`` if offered, else the browser's preference among the offered, else English."""
    for candidate in (requested or "", (requested or "").split("-")[0]):
        if candidate in version.languages:
            return candidate
    for part in accept.split(","):
        code = part.split(";")[0].strip().lower()
        for candidate in (code, code.split("-")[0]):
            if candidate in version.languages:
                return candidate
    return "en"


def definition_etag(version: SurveyVersion, survey: Survey, language: str) -> str:
    seed = f"{version.pk}:{survey.updated_at.isoformat()}:{survey.status}:{language}"
    return '"' + hashlib.sha256(seed.encode()).hexdigest()[:32] + '"'


def public_definition(survey: Survey, version: SurveyVersion, language: str) -> dict[str, Any]:
    """The survey in one language, for the embeddable widget (the same rules as the server)."""
    definition = version.definition
    with translation.override(language):
        privacy = definition.get("privacy")
        return {
            "survey": survey.public_id,
            "version": version.number,
            "language": language,
            "languages": version.languages,
            "accepting": True,
            "title": localized(definition.get("title"), language),
            "intro": localized(definition.get("intro"), language),
            "thank_you": localized(definition.get("thank_you"), language),
            "pra": pra_texts(survey),
            "privacy": None
            if not privacy
            else {
                "authority": localized(privacy["authority"], language),
                "purpose": localized(privacy["purpose"], language),
                "routine_uses": localized(privacy["routine_uses"], language),
                "disclosure": localized(privacy["disclosure"], language),
                "sorn": privacy["sorn"],
            },
            "pages": [_page(page, language) for page in definition["pages"]],
            "ui": ui_texts(),
        }


def _page(page: dict[str, Any], language: str) -> dict[str, Any]:
    return {
        "key": page["key"],
        "title": localized(page.get("title"), language),
        "show_if": page.get("show_if"),
        "questions": [_question(q, language) for q in page["questions"]],
    }


def _question(question: dict[str, Any], language: str) -> dict[str, Any]:
    out: dict[str, Any] = {
        "key": question["key"],
        "type": question["type"],
        "text": localized(question.get("text"), language),
        "help": localized(question.get("help"), language),
        "required": bool(question.get("required")),
        "show_if": question.get("show_if"),
    }
    if question["type"] in SCALE_VALUES:
        out["options"] = [
            {"value": v, "label": str(label)} for v, label in scale_choices(question["type"])
        ]
    elif "options" in question:
        out["options"] = [
            {"value": o["value"], "label": localized(o["label"], language)}
            for o in question["options"]
        ]
    for name in ("other", "max_length", "min", "max"):
        if name in question:
            out[name] = question[name]
    return out


def pra_texts(survey: Survey) -> dict[str, Any]:
    """The PRA disclosure in the active language."""
    if not survey.pra_applies:
        return {
            "applies": False,
            "statement": _(
                "This survey is not a collection of information under the Paperwork Reduction Act."
            ),
        }
    return {
        "applies": True,
        "control_number": survey.omb_control_number,
        "expiration": survey.pra_expiration.isoformat() if survey.pra_expiration else "",
        "burden": _(
            "Public reporting burden for this collection of information is estimated to average "
            "%(minutes)s minutes per response, including the time for reviewing instructions, "
            "searching existing data sources, gathering and maintaining the data needed, and "
            "completing and reviewing the collection of information. Send comments regarding "
            "this burden estimate or any other aspect of this collection of information, "
            "including suggestions for reducing this burden, to %(office)s."
        )
        % {"minutes": survey.burden_minutes, "office": survey.burden_comments_to},
        "notice": _(
            "An agency may not conduct or sponsor, and a person is not required to respond to, "
            "a collection of information unless it displays a currently valid OMB control number."
        ),
        "labels": {"control_number": _("OMB control number"), "expiration": _("Expiration date")},
    }


def ui_texts() -> dict[str, str]:
    return {
        "open": _("Give feedback"),
        "close": _("Close"),
        "submit": _("Submit"),
        "next": _("Next"),
        "back": _("Back"),
        "required": _("required"),
        "errors": _("Please correct these problems"),
        "needed": _("This question needs an answer."),
        "other": _("Other"),
        "other_describe": _("Other (please describe)"),
        "sending": _("Sending…"),
        "failed": _("We could not send your answers. Please try again."),
        "thanks": _("Thank you"),
        "pra_heading": _("Paperwork Reduction Act statement"),
        "privacy_heading": _("Privacy Act statement"),
        "leave_empty": _("Leave this field empty"),
        "retry": _("Try again"),
        "authority": _("Authority"),
        "purpose": _("Purpose"),
        "routine_uses": _("Routine uses"),
        "disclosure": _("Disclosure"),
        "sorn": _("System of records notice"),
    }
