"""Public trust pages: published quarters only, minimum n and suppression, no comments, the
same data as HTML, JSON and CSV, English and Spanish."""

import csv
import io
import re
from datetime import date
from typing import Any
from unittest import mock

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from govcx.analytics.rollups import rollup_catch_up
from govcx.catalog.models import LifeEvent, Service, Touchpoint
from govcx.reporting.lifecycle import collection_transition
from govcx.reporting.models import Collection
from govcx.reporting.services import collection_open, detail_update
from govcx.reporting.tests.helpers import IN_Q2, Q2
from govcx.surveys.lifecycle import survey_transition
from govcx.surveys.models import Survey
from govcx.surveys.tests.helpers import make_survey
from govcx.testing.factories import World, respond, respond_many

AFTER = date(2026, 5, 1)
TODAY = date(2026, 11, 25)  # FY27 Q1: the last eight completed quarters end with FY26 Q4


def _publish(
    world: World, service: Service, by: object, reflection: str = "We will call back"
) -> Collection:
    collection = collection_open(service, Q2, by=world.owner)
    for detail in collection.details.all():
        detail_update(
            detail,
            {
                "volume_of_customers": 10_000,
                "volume_of_customers_provided_survey_opportunity": 5_000,
                "reflection_text": reflection,
            },
            by=world.owner,
        )
    collection = collection_transition(collection, "submit", by=by, today=AFTER)  # type: ignore[arg-type]
    return collection


def _survey(world: World) -> Survey:
    return survey_transition(survey=make_survey(world), name="publish", by=world.owner)


def _get(url: str, language: str = "en") -> Any:
    with mock.patch("django.utils.timezone.localdate", return_value=TODAY):
        return Client().get(url, HTTP_ACCEPT_LANGUAGE=language)


def test_only_published_quarters_are_public(world: World) -> None:
    survey = _survey(world)
    respond_many(survey, {"trust": "1"}, 30, when=IN_Q2)
    respond_many(survey, {"trust": "0"}, 10, when=IN_Q2)
    respond(survey, {"trust": "0", "comment": "My case number is secret-words"}, when=IN_Q2)
    rollup_catch_up()
    collection = _publish(world, world.service, world.owner)
    url = reverse("trust:hisp", args=["fema"])
    assert "73%" not in _get(url).content.decode()
    assert _get(reverse("trust:service", args=[world.service.pk])).status_code == 404

    collection_transition(collection, "publish", by=world.platform, today=AFTER)
    page = _get(url).content.decode()
    assert "73%" in page  # 30 of 41
    assert "We will call back" in page
    assert "secret-words" not in page
    data = _get(reverse("trust:hisp-data", args=["fema", "json"])).json()
    q2 = next(q for q in data["quarters"] if q["label"] == "FY26 Q2")
    assert (q2["status"], q2["respondents"], q2["trust_percent"]) == ("reported", 41, 73.2)
    assert q2["ci_low_percent"] < 73.2 < q2["ci_high_percent"]
    other = next(q for q in data["quarters"] if q["label"] == "FY26 Q1")
    assert other["status"] == "not_published"
    assert other["trust_percent"] is None
    assert "secret-words" not in str(data)
    rows = list(
        csv.DictReader(
            io.StringIO(
                b"".join(
                    _get(reverse("trust:hisp-data", args=["fema", "csv"])).streaming_content
                ).decode()
            )
        )
    )
    assert next(r for r in rows if r["label"] == "FY26 Q2")["trust_percent"] == "73.2"
    index = _get(reverse("trust:index")).content.decode()
    assert "Federal Emergency Management Agency" in index
    assert "Social Security" not in index


def _published_quarter(world: World, answers: int) -> Any:
    survey = _survey(world)
    respond_many(survey, {"trust": "1"}, answers, when=IN_Q2)
    rollup_catch_up()
    collection = _publish(world, world.service, world.owner)
    collection_transition(collection, "publish", by=world.platform, today=AFTER)
    data = _get(reverse("trust:service-data", args=[world.service.pk, "json"])).json()
    return next(q for q in data["quarters"] if q["label"] == "FY26 Q2")


def test_under_the_minimum_n_the_percent_is_not_shown(world: World) -> None:
    q2 = _published_quarter(world, 12)
    assert (q2["status"], q2["respondents"], q2["trust_percent"]) == (
        "not_enough_responses",
        12,
        None,
    )


def test_under_ten_respondents_not_even_the_count_is_shown(world: World) -> None:
    q2 = _published_quarter(world, 4)
    assert (q2["status"], q2["respondents"], q2["trust_percent"]) == ("suppressed", None, None)
    page = _get(reverse("trust:service", args=[world.service.pk])).content.decode()
    assert "hidden to protect respondents" in page


def test_a_life_event_counts_its_services_together_in_spanish_too(world: World) -> None:
    event = LifeEvent.objects.create(name="Test journey", slug="disaster", kind="life_event")
    world.service.life_events.add(event)
    world.ssa_service.life_events.add(event)
    ssa_point = Touchpoint.objects.create(
        service=world.ssa_service, name="Office", channel="in_person", stage="start"
    )
    fema = _survey(world)
    respond_many(fema, {"trust": "1"}, 20, when=IN_Q2)
    ssa = survey_transition(survey=_ssa_survey(world, ssa_point), name="publish", by=world.outsider)
    respond_many(ssa, {"trust": "0"}, 20, when=IN_Q2)
    rollup_catch_up()
    for service, admin in ((world.service, world.owner), (world.ssa_service, world.outsider)):
        collection = _publish(world, service, admin)
        collection_transition(collection, "publish", by=world.platform, today=AFTER)
    data = _get(reverse("trust:life-event-data", args=["disaster", "json"])).json()
    q2 = next(q for q in data["quarters"] if q["label"] == "FY26 Q2")
    assert (q2["respondents"], q2["trust_percent"]) == (40, 50.0)
    assert {s["name"] for s in data["services"]} == {world.service.name, world.ssa_service.name}
    page = _get(reverse("trust:life-event", args=["disaster"]), language="es").content.decode()
    assert "Confianza por trimestre fiscal" in page
    assert 'lang="es"' in page


def _ssa_survey(world: World, point: Touchpoint) -> Survey:
    from govcx.surveys.services import survey_create
    from govcx.surveys.tests.helpers import VALID_PRA, in_days

    survey = survey_create(
        organization=world.ssa,
        name="SSA office",
        template="a11_current_thumbs",
        touchpoints=[point],
        by=world.outsider,
    )
    Survey.objects.filter(pk=survey.pk).update(pra_expiration=in_days(365), **VALID_PRA)
    survey.refresh_from_db()
    return survey


def _index(language: str = "en") -> tuple[str, int]:
    with CaptureQueriesContext(connection) as queries:
        page = _get(reverse("trust:index"), language).content.decode()
    return page, len(queries)


def _agency_row(page: str, name: str) -> str:
    """The index's table row for one agency, tags removed."""
    row = re.search(rf"<tr>(?:(?!</tr>).)*?{re.escape(name)}.*?</tr>", page, re.S)
    assert row is not None, f"{name} is not listed"
    return " ".join(re.sub(r"<[^>]+>", " ", row.group()).split())


def test_the_index_shows_each_agencys_latest_trust_with_a_bounded_query_count(
    world: World,
) -> None:
    ssa_point = Touchpoint.objects.create(
        service=world.ssa_service, name="Office", channel="in_person", stage="start"
    )
    fema = _survey(world)
    respond_many(fema, {"trust": "1"}, 30, when=IN_Q2)
    respond_many(fema, {"trust": "0"}, 11, when=IN_Q2)
    ssa = survey_transition(survey=_ssa_survey(world, ssa_point), name="publish", by=world.outsider)
    # Published, but under the minimum n for a percent.
    respond_many(ssa, {"trust": "1"}, 12, when=IN_Q2)
    rollup_catch_up()
    fema_report = _publish(world, world.service, world.owner)
    collection_transition(fema_report, "publish", by=world.platform, today=AFTER)
    page, one_agency = _index()
    row = _agency_row(page, "Federal Emergency Management Agency")
    assert "73%" in row  # 30 of 41, as on the agency's own page
    assert "FY26 Q2" in row
    assert "41" in row
    hisp = _get(reverse("trust:hisp-data", args=["fema", "json"])).json()
    q2 = next(q for q in hisp["quarters"] if q["label"] == "FY26 Q2")
    assert (q2["trust_percent"], q2["respondents"]) == (73.2, 41)

    ssa_report = _publish(world, world.ssa_service, world.outsider)
    collection_transition(ssa_report, "publish", by=world.platform, today=AFTER)
    page, two_agencies = _index()
    row = _agency_row(page, "Social Security Administration")
    assert "Not enough responses to show" in row
    assert "%" not in row
    assert "12" not in row
    assert two_agencies == one_agency  # no query per agency
    assert one_agency <= 6

    spanish, _ = _index("es")
    row = _agency_row(spanish, "Federal Emergency Management Agency")
    assert "73%" in row
    assert "AF26 T2" in row
    assert "No hay suficientes respuestas para mostrar" in _agency_row(
        spanish, "Social Security Administration"
    )


def test_the_index_never_shows_a_count_under_ten(world: World) -> None:
    survey = _survey(world)
    respond_many(survey, {"trust": "1"}, 4, when=IN_Q2)
    rollup_catch_up()
    collection = _publish(world, world.service, world.owner)
    collection_transition(collection, "publish", by=world.platform, today=AFTER)
    row = _agency_row(_index()[0], "Federal Emergency Management Agency")
    assert "Not enough responses to show" in row
    assert not re.search(r"\b4\b", row)


def test_each_reflection_card_names_its_channel(world: World) -> None:
    """A service reports one reflection per survey and touchpoint: the card says which."""
    survey = _survey(world)
    respond_many(survey, {"trust": "1"}, 12, when=IN_Q2)
    rollup_catch_up()
    collection = _publish(world, world.service, world.owner, reflection="Uploads were slow.")
    collection_transition(collection, "publish", by=world.platform, today=AFTER)
    url = reverse("trust:service", args=[world.service.pk])
    for language, channel in (("en", "Website"), ("es", "Sitio web")):
        page = _get(url, language).content.decode()
        card = re.search(r'<div class="usa-summary-box__text">.*?</div>', page, re.S)
        assert card is not None
        assert channel in card.group()
        assert "Uploads were slow." in card.group()
    data = _get(reverse("trust:service-data", args=[world.service.pk, "json"])).json()
    assert data["reflections"][0]["channel"] == "website"
