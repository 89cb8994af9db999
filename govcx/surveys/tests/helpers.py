"""Small builders for survey tests."""

from datetime import date, timedelta
from typing import Any

from django.utils import timezone

from govcx.surveys.models import Survey
from govcx.surveys.services import survey_create
from govcx.testing.factories import World

VALID_PRA: dict[str, Any] = {
    "omb_control_number": "3090-0325",
    "burden_minutes": 2,
    "burden_comments_to": "FEMA Customer Experience, 500 C St SW, Washington, DC 20472",
}


def in_days(days: int) -> date:
    return timezone.localdate() + timedelta(days=days)


def make_survey(world: World, template: str = "a11_current_thumbs", *, pra: bool = True) -> Survey:
    """A draft survey of FEMA on the world's touchpoint, with a valid PRA block unless told."""
    survey = survey_create(
        organization=world.fema,
        name="Disaster assistance feedback",
        template=template,
        touchpoints=[world.touchpoint],
        by=world.owner,
    )
    if pra:
        Survey.objects.filter(pk=survey.pk).update(pra_expiration=in_days(365), **VALID_PRA)
        survey.refresh_from_db()
    return survey
