"""Realistic synthetic responses for the demo: trust varies by service and channel, drivers
follow trust, some comments carry personal details that the redactor removes."""

import random
import zlib
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from govcx.collection.models import Response, Source
from govcx.collection.services import response_build
from govcx.surveys.definition import allowed_values, iter_questions, segment_questions
from govcx.surveys.models import Survey, SurveyVersion

POSITIVE_COMMENTS = (
    "The agent was patient and explained every step.",
    "Much faster than last year. Thank you!",
    "Easy to find the form online.",
    "La persona que me atendió fue muy amable.",
    "Got my answer in one call.",
)
NEGATIVE_COMMENTS = (
    "I waited on hold for 2 hours and then the call dropped.",
    "Please call me back at 202-555-0143, nobody answers.",
    "My SSN is 123-45-6789 and my claim still shows pending.",
    "The website kept logging me out before I could finish.",
    "Esperé tres semanas y nadie me respondió. Mi correo es maria@example.com",
    "Letters went to my old address, 1600 Example Ave NW, Washington, DC 20500.",
    "Too many forms asking the same thing.",
)
CHANNEL_EFFECT = {
    "website": 0.0,
    "mobile_app": 0.04,
    "phone": -0.12,
    "in_person": 0.06,
    "email": -0.05,
}


# How much each segment answer moves the chance of trust, so the equity screen has real gaps
# to find (younger and rural respondents trusting less, as CX surveys often report).
SEGMENT_EFFECT = {"under_25": -0.12, "65_plus": 0.05, "rural": -0.1, "yes": 0.03}
SEGMENT_SKIP = 0.2  # share of respondents who leave each optional question blank


def _trust_probability(survey: Survey, channel: str, effect: float = 0.0) -> float:
    base = 0.45 + (zlib.crc32(survey.name.encode()) % 40) / 100  # per service, 0.45-0.85
    return min(0.95, max(0.1, base + CHANNEL_EFFECT.get(channel, 0.0) + effect))


def _about_you(version: SurveyVersion, rng: random.Random) -> tuple[dict[str, str], float]:
    """Answers to the version's segment questions, and their effect on trust."""
    answers: dict[str, str] = {}
    for question in segment_questions(version.definition):
        if rng.random() < SEGMENT_SKIP:
            continue
        answers[question["key"]] = rng.choice(allowed_values(question))
    return answers, sum(SEGMENT_EFFECT.get(value, 0.0) for value in answers.values())


def _answers(version: SurveyVersion, positive: bool, rng: random.Random) -> dict[str, Any]:
    answers: dict[str, Any] = {}
    for _page, question in iter_questions(version.definition):
        key, kind = question["key"], question["type"]
        if question.get("measure") == "trust" and kind == "thumbs":
            answers[key] = "1" if positive else "0"
        elif kind == "agreement5":
            center = 4.2 if positive else 2.3
            answers[key] = str(min(5, max(1, round(rng.gauss(center, 0.8)))))
        elif question.get("drivers") == ("positive" if positive else "negative"):
            options = [o["value"] for o in question["options"]]
            answers[key] = sorted(rng.sample(options, k=rng.randint(1, 3)), key=options.index)
        elif question.get("measure") == "comment" and rng.random() < 0.3:
            answers[key] = rng.choice(POSITIVE_COMMENTS if positive else NEGATIVE_COMMENTS)
    return answers


def demo_responses_build(
    count: int, *, seed: int = 14058, progress: Callable[[int], None] | None = None
) -> int:
    """Spread ``count`` responses over the published demo surveys and the past year."""
    rng = random.Random(seed)  # noqa: S311 - reproducible demo data, not secrets  # nosec B311
    targets = []
    for survey in Survey.objects.filter(status=Survey.Status.PUBLISHED).select_related(
        "organization"
    ):
        version = survey.published_version()
        if version is not None:
            targets += [(survey, version, tp) for tp in survey.touchpoints.filter(is_active=True)]
    if not targets:
        return 0
    now = timezone.now()
    made = 0
    while made < count:
        batch: list[Response] = []
        for _ in range(min(2000, count - made)):
            survey, version, touchpoint = rng.choice(targets)
            about, effect = _about_you(version, rng)
            positive = rng.random() < _trust_probability(survey, touchpoint.channel, effect)
            language = "es" if rng.random() < 0.15 else "en"
            response = response_build(
                survey=survey,
                version=version,
                touchpoint=touchpoint,
                answers={**_answers(version, positive, rng), **about},
                language=language,
                source=rng.choice([Source.WIDGET, Source.PAGE, Source.API]),
            )
            response.received_at = now - timedelta(seconds=rng.randint(0, 365 * 86400))
            batch.append(response)
        with transaction.atomic():
            Response.objects.bulk_create(batch)
        made += len(batch)
        if progress:
            progress(len(batch))
    return made
