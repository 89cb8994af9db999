"""The OMB Circular A-11 Section 280 survey templates, ready to use in English and Spanish.

Wording follows reference/a11-section-280.md. Parts the standard requires carry ``"locked": true``:
they cannot be deleted or change type or measure (editing.py enforces this); effectiveness and ease
cannot be removed from the driver questions. Public labels of the driver options are not fixed by
the standard, so they are ordinary editable text.
"""

from typing import Any, Literal

from govcx.surveys.definition import SCHEMA, Definition

TrustType = Literal["thumbs", "agreement5"]

DRIVER_LABELS: dict[str, dict[str, str]] = {
    "effectiveness": {"en": "I got what I needed", "es": "Obtuve lo que necesitaba"},
    "ease": {"en": "It was easy", "es": "Fue fácil"},
    "efficiency": {"en": "It was quick", "es": "Fue rápido"},
    "transparency": {"en": "I understood the process", "es": "Entendí el proceso"},
    "humanity": {"en": "I was treated with respect", "es": "Me trataron con respeto"},
    "employee": {"en": "Staff were helpful", "es": "El personal fue servicial"},
}
REQUIRED_DRIVERS = ("effectiveness", "ease")

# Which trust answers count as positive: thumbs up, or 4-5 on the agreement scale.
POSITIVE = {"thumbs": ["1"], "agreement5": ["4", "5"]}
NEGATIVE = {"thumbs": ["0"], "agreement5": ["1", "2", "3"]}


def _common(service: str) -> dict[str, Any]:
    return {
        "schema": SCHEMA,
        "languages": ["en", "es"],
        "title": {
            "en": f"{service}: tell us about your experience",
            "es": f"{service}: cuéntenos sobre su experiencia",
        },
        "intro": {
            "en": "Your answers are voluntary and help us improve this service. "
            "Please do not include personal information such as your Social Security number.",
            "es": "Sus respuestas son voluntarias y nos ayudan a mejorar este servicio. "
            "No incluya información personal, como su número de Seguro Social.",
        },
        "thank_you": {
            "en": "Thank you. Your feedback helps us serve the public better.",
            "es": "Gracias. Sus comentarios nos ayudan a servir mejor al público.",
        },
        "privacy": None,
    }


def trust_text(agency: str, service: str) -> dict[str, str]:
    return {
        "en": f"Based on my experience with {service}, I trust {agency} to deliver on its "
        "mission for the American public.",
        "es": f"Según mi experiencia con {service}, confío en que {agency} cumpla su misión "
        "para el pueblo estadounidense.",
    }


def _drivers(
    key: str, polarity: str, text: dict[str, str], values: list[str], trust: str
) -> dict[str, Any]:
    return {
        "key": key,
        "type": "multiple_choice",
        "text": text,
        "required": False,
        "drivers": polarity,
        "locked": True,
        "other": True,
        "options": [
            {
                "value": driver,
                "label": dict(label),
                "measure": driver,
                **({"locked": True} if driver in REQUIRED_DRIVERS else {}),
            }
            for driver, label in DRIVER_LABELS.items()
        ],
        "show_if": {"question": "trust", "op": "in", "values": values},
    }


def a11_current(*, agency: str, service: str, trust_type: TrustType = "thumbs") -> Definition:
    """The current standard (A-11 v2, since FY2024): trust, what went well or not, a comment."""
    return {
        **_common(service),
        "pages": [
            {
                "key": "feedback",
                "questions": [
                    {
                        "key": "trust",
                        "type": trust_type,
                        "text": trust_text(agency, service),
                        "required": True,
                        "measure": "trust",
                        "locked": True,
                    },
                    _drivers(
                        "went_well",
                        "positive",
                        {"en": "What went well?", "es": "¿Qué salió bien?"},
                        POSITIVE[trust_type],
                        trust_type,
                    ),
                    _drivers(
                        "went_poorly",
                        "negative",
                        {"en": "What didn't go so well?", "es": "¿Qué no salió tan bien?"},
                        NEGATIVE[trust_type],
                        trust_type,
                    ),
                    {
                        "key": "comment",
                        "type": "long_text",
                        "text": {
                            "en": "Additional comments",
                            "es": "Comentarios adicionales",
                        },
                        "required": False,
                        "measure": "comment",
                        "max_length": 1000,
                    },
                ],
            }
        ],
    }


LEGACY_ITEMS: tuple[tuple[str, str, str, str], ...] = (
    (
        "satisfaction",
        "satisfaction",
        "I am satisfied with the service I received from {service}.",
        "Estoy satisfecho con el servicio que recibí de {service}.",
    ),
    (
        "trust",
        "trust",
        "This interaction increased my confidence in {service}.",
        "Esta interacción aumentó mi confianza en {service}.",
    ),
    ("effectiveness", "effectiveness", "My need was addressed.", "Se atendió mi necesidad."),
    (
        "ease",
        "ease",
        "It was easy to complete what I needed to do.",
        "Fue fácil completar lo que necesitaba hacer.",
    ),
    (
        "efficiency",
        "efficiency",
        "It took a reasonable amount of time to do what I needed to do.",
        "Me tomó un tiempo razonable hacer lo que necesitaba.",
    ),
    ("transparency", "transparency", "I was treated fairly.", "Me trataron de manera justa."),
    (
        "employee",
        "employee",
        "Employees I interacted with were helpful.",
        "Los empleados con quienes interactué fueron serviciales.",
    ),
)


def a11_legacy(*, agency: str, service: str) -> Definition:
    """The legacy standard (about 2019-FY2023): seven agreement-scale items and free text."""
    questions: list[dict[str, Any]] = [
        {
            "key": key,
            "type": "agreement5",
            "text": {"en": en.format(service=service), "es": es.format(service=service)},
            "required": False,
            "measure": measure,
            "locked": True,
        }
        for key, measure, en, es in LEGACY_ITEMS
    ]
    questions.append(
        {
            "key": "comment",
            "type": "long_text",
            "text": {
                "en": f"Any additional feedback for {service}?",
                "es": f"¿Tiene algún otro comentario sobre {service}?",
            },
            "required": False,
            "measure": "comment",
            "max_length": 1000,
        }
    )
    return {**_common(service), "pages": [{"key": "feedback", "questions": questions}]}
