"""Quarterly reports for the demo: the two older completed quarters published (so the public
trust pages have something to show), the latest one submitted for some services and still a
draft for others (so the reporting screens have work to do). Each survey row carries its own
reflection (govcx/demo/reflections.py)."""

import random
from datetime import date

from govcx.accounts.models import User
from govcx.analytics.periods import recent_completed
from govcx.catalog.models import Organization
from govcx.demo.reflections import reflection
from govcx.reporting.lifecycle import TransitionError, collection_transition
from govcx.reporting.services import collection_open, detail_update, hisp_services


def demo_reports_build(today: date, *, seed: int = 280) -> int:
    """Build the demo's quarterly reports; returns how many were created."""
    rng = random.Random(seed)  # noqa: S311  # nosec B311 - reproducible demo data, not secrets
    admin = User.objects.filter(is_superuser=True).order_by("pk").first()
    if admin is None:
        return 0
    latest, *older = recent_completed(today, 3)
    made = 0
    for hisp in Organization.objects.filter(is_hisp=True).order_by("name"):
        for index, service in enumerate(hisp_services(hisp)):
            for position, quarter in enumerate((*reversed(older), latest)):
                collection = collection_open(service, quarter, by=admin)
                made += 1
                for detail in collection.details.select_related("touchpoint"):
                    respondents = detail.volume_of_respondents
                    offered = respondents * rng.randint(3, 8) + rng.randint(0, 50)
                    detail_update(
                        detail,
                        {
                            "volume_of_customers": offered * rng.randint(2, 6),
                            "volume_of_customers_provided_survey_opportunity": offered,
                            "reflection_text": reflection(
                                service.name, detail.touchpoint.name, position, quarter.label
                            ),
                        },
                        by=admin,
                    )
                if quarter == latest and index % 2:
                    continue  # left as a draft to work on
                try:
                    collection = collection_transition(collection, "submit", by=admin, today=today)
                    if quarter != latest:
                        collection_transition(collection, "publish", by=admin, today=today)
                except TransitionError:
                    continue  # e.g. nothing collected: stays a draft, as it would for real
    return made
