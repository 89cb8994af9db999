"""Builders for reporting tests: responses at fixed times in a past fiscal quarter."""

from datetime import datetime
from typing import Any

from django.utils import timezone

from govcx.analytics.periods import FiscalQuarter
from govcx.catalog.models import Touchpoint
from govcx.collection.models import Response
from govcx.surveys.models import Survey

# FY26 Q2: January to March 2026. Over whenever the tests run.
Q2 = FiscalQuarter(2026, 2)


def at(month: int, day: int, hour: int = 12) -> datetime:
    return datetime(2026, month, day, hour, tzinfo=timezone.get_current_timezone())


def respond(
    survey: Survey,
    answers: dict[str, Any],
    *,
    when: datetime | None = None,
    key: str | None = None,
    touchpoint: Touchpoint | None = None,
) -> Response:
    version = survey.published_version()
    assert version is not None
    point = touchpoint or survey.touchpoints.first()
    assert point is not None
    return Response.objects.create(
        organization_id=survey.organization_id,
        survey=survey,
        version=version,
        touchpoint=point,
        channel=point.channel,
        language="en",
        source="import",
        received_at=when or at(2, 10),
        answers=answers,
        idempotency_key=key,
    )


def respond_many(survey: Survey, trust: str, count: int, **kwargs: Any) -> None:
    for _ in range(count):
        respond(survey, {"trust": trust}, **kwargs)
