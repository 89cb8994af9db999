"""Builders for retention tests: responses received on given days."""

from datetime import date, datetime, time
from typing import Any

from django.utils import timezone

from govcx.collection.models import Response, Source
from govcx.collection.services import submission_accept
from govcx.conftest import World
from govcx.surveys.models import Survey

# FY27 Q1. With the default 12 months, FY25 Q4 (July to September 2025) is due since
# 1 October 2026 and FY26 Q1 (October to December 2025) is due on 1 January 2027.
TODAY = date(2026, 11, 25)
DUE_DAY = date(2025, 9, 15)
NOT_DUE_DAY = date(2025, 10, 15)


def answered_on(
    survey: Survey, world: World, day: date, count: int = 1, answers: dict[str, Any] | None = None
) -> list[int]:
    """Store ``count`` responses and date them at noon on ``day``; return their ids."""
    ids = []
    for _ in range(count):
        accepted = submission_accept(
            survey=survey,
            version=survey.published_version(),
            touchpoint=world.touchpoint,
            raw_answers=answers or {"trust": "1"},
            language="en",
            source=Source.API,
        )
        ids.append(accepted.response.pk)
    noon = datetime.combine(day, time(12), tzinfo=timezone.get_default_timezone())
    Response.objects.filter(pk__in=ids).update(received_at=noon)
    return ids
