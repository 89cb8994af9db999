"""Who has reported: ratings per service and per HISP, and OMB's government-wide screen."""

from datetime import date, datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from govcx.catalog.models import Service
from govcx.reporting.lifecycle import collection_transition
from govcx.reporting.models import Collection
from govcx.reporting.quarters import due_date
from govcx.reporting.services import collection_open
from govcx.reporting.status import Rating, combined_rating, quarter_status, service_rating
from govcx.reporting.tests.helpers import Q2
from govcx.testing.factories import World, signed_in

DUE = date(2026, 4, 30)


def _collection(world: World, state: str, submitted: date | None = None) -> Collection:
    collection = Collection(
        hisp=world.fema, service=world.service, fiscal_year=2026, quarter=2, state=state
    )
    if submitted:
        collection.submitted_at = datetime(
            submitted.year,
            submitted.month,
            submitted.day,
            12,
            tzinfo=timezone.get_current_timezone(),
        )
    return collection


def test_service_ratings(world: World) -> None:
    assert due_date(Q2) == DUE
    on_time, late = date(2026, 4, 30), date(2026, 5, 1)
    assert service_rating(_collection(world, "submitted", on_time), Q2, late) == Rating.TRUE
    assert service_rating(_collection(world, "published", on_time), Q2, late) == Rating.TRUE
    assert service_rating(_collection(world, "submitted", late), Q2, late) == Rating.PARTIAL
    assert service_rating(_collection(world, "change_requested"), Q2, late) == Rating.PARTIAL
    assert service_rating(_collection(world, "not_reported"), Q2, on_time) == Rating.FALSE
    assert service_rating(_collection(world, "draft"), Q2, on_time) == Rating.NOT_DUE
    assert service_rating(_collection(world, "draft"), Q2, late) == Rating.FALSE
    assert service_rating(None, Q2, late) == Rating.FALSE
    assert service_rating(None, Q2, on_time) == Rating.NOT_DUE


def test_hisp_ratings_combine_their_services() -> None:
    t, p, f, n = Rating.TRUE, Rating.PARTIAL, Rating.FALSE, Rating.NOT_DUE
    assert combined_rating([t, t]) == t
    assert combined_rating([t, f]) == p
    assert combined_rating([p]) == p
    assert combined_rating([f, f]) == f
    assert combined_rating([]) == f
    assert combined_rating([n, n]) == n
    assert combined_rating([t, n]) == p


def test_services_belong_to_their_nearest_hisp(world: World) -> None:
    world.fema_office.is_hisp = True
    world.fema_office.save()
    office_service = Service.objects.create(organization=world.fema_office, name="IA visits")
    statuses = {s.hisp.slug: [r.service for r in s.services] for s in quarter_status(Q2, DUE)}
    assert statuses["fema"] == [world.service]
    assert statuses["fema-ia"] == [office_service]
    assert statuses["ssa"] == [world.ssa_service]


def test_the_government_view_is_for_platform_admins_and_bounded(world: World) -> None:
    collection = collection_open(world.ssa_service, Q2, by=world.outsider)
    collection_transition(
        collection, "not_reported", by=world.outsider, today=DUE, note="No survey ran"
    )
    for n in range(10):
        Service.objects.create(organization=world.fema, name=f"Service {n}")
    url = reverse("reporting:government") + "?quarter=2026-2"
    assert signed_in(world.owner).get(url).status_code == 403
    client = signed_in(world.platform)
    with CaptureQueriesContext(connection) as queries:
        page = client.get(url)
    assert page.status_code == 200
    assert len(queries) < 15
    text = page.content.decode()
    assert "Social Security Administration" in text
    assert "Not reported" in text
    rows = b"".join(client.get(url + "&format=csv").streaming_content).decode().splitlines()  # type: ignore[attr-defined]
    assert rows[0].startswith("service_provider,service_provider_rating,service,state")
    assert "Social Security Administration,FALSE,Apply for retirement benefits,not_reported" in (
        "\n".join(rows)
    )
