"""Published trust figures do not move: the public pages show each published quarter as it was
submitted, whatever is imported into the quarter afterwards. A report returned for changes and
submitted again shows its new figures."""

import importlib
import re
from datetime import date, datetime
from typing import Any
from unittest import mock

from django.apps import apps as django_apps
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from govcx.analytics import metrics
from govcx.analytics.models import AnswerCount
from govcx.analytics.periods import FiscalQuarter
from govcx.analytics.rollups import rollup_catch_up
from govcx.catalog.models import LifeEvent, Service, Touchpoint
from govcx.collection.imports import responses_import
from govcx.reporting.lifecycle import collection_transition
from govcx.reporting.models import Collection, CollectionDetail
from govcx.reporting.services import collection_open, detail_update
from govcx.reporting.tests.helpers import IN_Q2, Q2, at
from govcx.surveys.lifecycle import survey_transition
from govcx.surveys.models import Survey
from govcx.surveys.tests.helpers import make_survey
from govcx.testing.factories import World, respond, respond_many

Q1 = Q2.previous()  # FY26 Q1: October to December 2025
AFTER = date(2026, 5, 1)
TODAY = date(2026, 11, 25)  # the last eight completed quarters end with FY26 Q4


Q1_DAY = datetime(2025, 11, 3, 12, tzinfo=timezone.get_current_timezone())


def _paper_survey(world: World) -> Survey:
    """A published survey whose version has existed since before FY26 Q1, so paper responses
    dated inside the quarters can be imported into it."""
    survey = survey_transition(
        survey=make_survey(world, "a11_current_thumbs"), name="publish", by=world.owner
    )
    since = datetime(2025, 9, 1, tzinfo=timezone.get_current_timezone())
    survey.versions.update(created_at=since)
    return survey


def _report(world: World, quarter: FiscalQuarter, *, service: Service | None = None) -> Collection:
    """The quarter's report, submitted and published."""
    collection = collection_open(service or world.service, quarter, by=world.owner)
    for detail in collection.details.all():
        detail_update(
            detail,
            {
                "volume_of_customers": 10_000,
                "volume_of_customers_provided_survey_opportunity": 5_000,
                "reflection_text": "We will call back",
            },
            by=world.owner,
        )
    return _resubmit(world, collection)


def _resubmit(world: World, collection: Collection) -> Collection:
    collection = collection_transition(collection, "submit", by=world.owner, today=AFTER)
    return collection_transition(collection, "publish", by=world.platform, today=AFTER)


def _get(url: str) -> Any:
    with mock.patch("django.utils.timezone.localdate", return_value=TODAY):
        response = Client().get(url)
    assert response.status_code == 200
    return response


def _public(world: World) -> dict[str, Any]:
    """Everything the public sees of the world's service: its agency's, its own and its life
    event's page, JSON and CSV, and the trust index, each in full."""
    service, event = world.service.pk, "disaster"
    documents: dict[str, Any] = {}
    for name, args in (
        ("trust:hisp-data", ["fema"]),
        ("trust:service-data", [service]),
        ("trust:life-event-data", [event]),
    ):
        documents[f"{name}.json"] = _get(reverse(name, args=[*args, "json"])).json()
        csv = _get(reverse(name, args=[*args, "csv"]))
        documents[f"{name}.csv"] = b"".join(csv.streaming_content).decode()
    for name, args in (
        ("trust:hisp", ["fema"]),
        ("trust:service", [service]),
        ("trust:life-event", [event]),
        ("trust:index", []),
    ):
        page = _get(reverse(name, args=args)).content.decode()
        # The script nonce and the language form's token are new on every response.
        documents[name] = re.sub(r'(nonce|value)="[^"]{24,}"', "", page)
    return documents


def _quarter(documents: dict[str, Any], label: str) -> dict[str, Any]:
    quarters = documents["trust:service-data.json"]["quarters"]
    return next(q for q in quarters if q["label"] == label)


def _import(world: World, survey: Survey, trust: str, count: int, day: str) -> None:
    rows = "".join(f"L-{trust}-{day}-{i},{trust},{day}\n" for i in range(count))
    result = responses_import(
        survey=survey,
        touchpoint=world.touchpoint,
        data=f"id,trust,received_at\n{rows}".encode(),
        layout="columns",
        by=world.manager,
    )
    assert (result.errors, result.stored) == ([], count)
    rollup_catch_up()  # the live counts now include the late rows


def _two_published_quarters(world: World) -> Survey:
    event = LifeEvent.objects.create(name="Test journey", slug="disaster", kind="life_event")
    world.service.life_events.add(event)
    survey = _paper_survey(world)
    respond_many(survey, {"trust": "1"}, 40, when=Q1_DAY)
    respond_many(survey, {"trust": "0"}, 10, when=Q1_DAY)
    respond_many(survey, {"trust": "1"}, 30, when=at(2, 10))
    respond_many(survey, {"trust": "0"}, 11, when=at(3, 10))
    rollup_catch_up()
    _report(world, Q1)
    _report(world, Q2)
    return survey


def test_published_figures_do_not_move_when_rows_are_imported_into_the_quarter(
    world: World,
) -> None:
    survey = _two_published_quarters(world)
    published = _public(world)
    q2 = _quarter(published, "FY26 Q2")
    assert (q2["status"], q2["respondents"], q2["trust_percent"]) == ("reported", 41, 73.2)
    assert _quarter(published, "FY26 Q1")["respondents"] == 50

    # Enough late thumbs-down to move every figure of both quarters and the change between them.
    _import(world, survey, "0", 45, "2026-02-20")
    _import(world, survey, "0", 30, "2025-12-01")

    assert _public(world) == published


def test_a_report_returned_for_changes_and_submitted_again_shows_its_new_figures(
    world: World,
) -> None:
    survey = _two_published_quarters(world)
    before = _quarter(_public(world), "FY26 Q2")
    _import(world, survey, "0", 45, "2026-02-20")
    collection = Collection.objects.get(fiscal_year=2026, quarter=2)
    returned = collection_transition(
        collection, "request_changes", by=world.platform, today=AFTER, note="Late paper forms"
    )
    assert _quarter(_public(world), "FY26 Q2")["status"] == "not_published"
    assert set(returned.details.values_list("frozen_trust_n", "frozen_trust_positive")) == {
        (None, None)
    }

    _resubmit(world, returned)

    q2 = _quarter(_public(world), "FY26 Q2")
    assert (before["respondents"], before["change_significant"]) == (41, False)
    assert (q2["status"], q2["respondents"], q2["trust_percent"]) == ("reported", 86, 34.9)
    assert q2["change_significant"] is True  # from 80% in FY26 Q1


def test_the_migration_freezes_the_figures_of_reports_submitted_before_it(world: World) -> None:
    migration = importlib.import_module("govcx.reporting.migrations.0003_frozen_trust_figures")
    survey = _two_published_quarters(world)
    published = _public(world)
    draft = collection_open(world.service, Q2.next(), by=world.owner)
    _import(world, survey, "0", 45, "2026-02-20")
    CollectionDetail.objects.update(frozen_trust_n=None, frozen_trust_positive=None)

    migration.freeze_trust_figures(django_apps, None)

    assert _public(world) == published
    assert set(draft.details.values_list("frozen_trust_n", flat=True)) <= {None}


def test_a_service_provider_page_reads_a_fixed_number_of_queries(world: World) -> None:
    """The page lists each service's latest figure: no query per service."""
    _two_published_quarters(world)
    url = reverse("trust:hisp-data", args=["fema", "json"])
    with CaptureQueriesContext(connection) as one:
        _get(url)
    second = Service.objects.create(organization=world.fema_office, name="Housing help")
    point = Touchpoint.objects.create(
        service=second, name="Office", channel="in_person", stage="start"
    )
    other = survey_transition(
        survey=make_survey(world, "a11_current_thumbs"), name="publish", by=world.owner
    )
    other.touchpoints.set([point])
    respond_many(other, {"trust": "1"}, 35, touchpoint=point, when=IN_Q2)
    _report(world, Q2, service=second)
    with CaptureQueriesContext(connection) as two:
        data = _get(url).json()
    assert {s["name"] for s in data["services"]} == {world.service.name, "Housing help"}
    assert len(two) == len(one) <= 8


def test_the_frozen_figure_counts_the_agreement_scale_as_the_dashboards_do(world: World) -> None:
    """4-5 is positive; the figure at publication is the one the live counts gave."""
    legacy = make_survey(world, "a11_legacy")
    survey = survey_transition(survey=legacy, name="publish", by=world.owner)
    for trust, count in (("5", 20), ("4", 15), ("3", 6), ("1", 4)):
        for _ in range(count):
            respond(survey, {"trust": trust, "satisfaction": "2"}, when=IN_Q2)
    rollup_catch_up()
    counts = AnswerCount.objects.filter(service_id=world.service.pk)
    live = metrics.trend(counts, [Q2.period])[0].proportion
    _report(world, Q2)
    data = _get(reverse("trust:service-data", args=[world.service.pk, "json"])).json()
    q2 = next(q for q in data["quarters"] if q["label"] == "FY26 Q2")
    assert (live.n, live.positive) == (45, 35)
    assert (q2["respondents"], q2["trust_percent"]) == (45, round(35 / 45 * 100, 1))


def test_the_methodology_page_says_published_numbers_stay(world: World) -> None:
    url = reverse("trust:methodology")
    english = Client().get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    spanish = Client().get(url, HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "answers that arrive later do not change them" in english
    assert "las respuestas que llegan después no las cambian" in spanish
