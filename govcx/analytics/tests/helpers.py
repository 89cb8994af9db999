"""Builders for analytics tests: a published A-11 survey that also asks segment questions."""

from govcx.surveys.lifecycle import survey_transition
from govcx.surveys.models import Survey
from govcx.surveys.segment_questions import AGE_GROUP, VETERAN, with_segment_questions
from govcx.surveys.services import draft_save
from govcx.surveys.tests.helpers import make_survey
from govcx.testing.factories import World, respond


def segmented_survey(world: World, template: str = "a11_current_thumbs") -> Survey:
    """A FEMA survey on the world's touchpoint asking age group and veteran status."""
    survey = make_survey(world, template)
    version = survey.working_version()
    assert version is not None
    draft_save(
        survey=survey,
        definition=with_segment_questions(version.definition, AGE_GROUP, VETERAN),
        by=world.owner,
        change="segment questions",
        request=None,
    )
    return survey_transition(survey=survey, name="publish", by=world.owner)


def fill_segment(world: World, survey: Survey, up: int, down: int, **segments: str) -> None:
    """``up`` positive and ``down`` negative trust answers from one segment group."""
    for trust in ["1"] * up + ["0"] * down:
        respond(survey, {"trust": trust, **segments})
