"""Builders for collection tests: a published A-11 survey on the world's FEMA touchpoint."""

from typing import Any

from django.test import Client

from govcx.surveys.lifecycle import survey_transition
from govcx.surveys.models import Survey
from govcx.surveys.services import draft_save
from govcx.surveys.tests.helpers import make_survey
from govcx.testing.factories import World

ORIGIN = "https://www.fema.example.gov"


def published_survey(world: World, template: str = "a11_current_thumbs") -> Survey:
    world.touchpoint.allowed_origins = [ORIGIN]
    world.touchpoint.save()
    return survey_transition(survey=make_survey(world, template), name="publish", by=world.owner)


def with_privacy(world: World) -> Survey:
    """The published A-11 survey, with an email question and a Privacy Act statement of a
    realistic length: the longest first screen an A-11 survey has."""
    survey = survey_transition(survey=published_survey(world), name="new_version", by=world.owner)
    draft = survey.working_version()
    assert draft is not None
    definition = draft.definition

    def text(en: str, es: str) -> dict[str, str]:
        return {"en": en, "es": es}

    definition["privacy"] = {
        "authority": text(
            "5 U.S.C. 301; 44 U.S.C. 3501 note; Executive Order 14058.",
            "5 U.S.C. 301; 44 U.S.C. 3501 nota; Orden Ejecutiva 14058.",
        ),
        "purpose": text(
            "If you give your email address, we use it only to follow up on your feedback.",
            "Si nos da su correo electrónico, lo usaremos solo para dar seguimiento a sus "
            "comentarios.",
        ),
        "routine_uses": text(
            "Your email address may be shared as the system of records notice below describes, "
            "for example with contractors who help us answer feedback.",
            "Su correo electrónico puede compartirse según lo descrito en el aviso del sistema de "
            "registros, por ejemplo con contratistas que nos ayudan a responder.",
        ),
        "disclosure": text(
            "Giving your email address is voluntary; you can answer every other question "
            "without it.",
            "Dar su correo electrónico es voluntario; puede contestar todas las demás preguntas "
            "sin darlo.",
        ),
        "sorn": "GSA/OGP-1",
    }
    definition["pages"][-1]["questions"].append(
        {
            "key": "reply_to",
            "type": "email",
            "text": text("Email, if you want a reply", "Correo electrónico, si desea respuesta"),
        }
    )
    draft_save(survey=survey, definition=definition, by=world.owner, change="test", request=None)
    return survey_transition(survey=survey, name="publish", by=world.owner)


def submit(
    survey: Survey,
    answers: dict[str, Any],
    *,
    client: Client | None = None,
    origin: str | None = ORIGIN,
    key: str | None = None,
    **fields: Any,
) -> Any:
    headers: dict[str, Any] = {}
    if origin:
        headers["HTTP_ORIGIN"] = origin
    if key:
        headers["HTTP_AUTHORIZATION"] = f"Bearer {key}"
    body = {"survey": survey.public_id, "answers": answers, **fields}
    if origin and "touchpoint" not in fields:
        body["touchpoint"] = survey.touchpoints.get().pk
    return (client or Client()).post(
        "/api/v1/submissions", body, content_type="application/json", **headers
    )
