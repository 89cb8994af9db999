"""Dashboards: who sees what, honest numbers, suppression everywhere, bounded queries."""

import csv
import io
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from govcx.analytics.metrics import Cell, breakdown
from govcx.analytics.rollups import rollup_catch_up
from govcx.catalog.models import LifeEvent
from govcx.collection.tests.helpers import published_survey
from govcx.surveys.models import Survey
from govcx.testing.factories import World, make_user, respond, signed_in, thumbs


def fill(world: World, survey: Survey, up: int, down: int, language: str = "en") -> None:
    for trust in ["1"] * up + ["0"] * down:
        respond(survey, thumbs(trust), language=language)
    rollup_catch_up()


def table(response: Any) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode())))


def test_dashboards_by_role(world: World) -> None:
    urls = [
        reverse("analytics:organization", args=["fema"]),
        reverse("analytics:service", args=[world.service.pk]),
        reverse("analytics:touchpoint", args=[world.touchpoint.pk]),
    ]
    for url in urls:
        assert signed_in(world.member).get(url).status_code == 200
        assert signed_in(world.dhs_admin).get(url).status_code == 200
        assert signed_in(world.outsider).get(url).status_code == 404
        assert Client().get(url).status_code == 302


def test_the_numbers_and_their_interval(world: World) -> None:
    survey = published_survey(world)
    fill(world, survey, up=30, down=10)
    page = signed_in(world.member).get(reverse("analytics:service", args=[world.service.pk]))
    measures = page.context["measures"]
    trust = next(m for m in measures if m.measure == "trust")
    assert (trust.n, trust.proportion.positive, trust.enough) == (40, 30, True)
    rows = table(
        signed_in(world.member).get(
            reverse("analytics:service", args=[world.service.pk]) + "?csv=measures"
        )
    )
    assert rows[0][:6] == [
        "period",
        "period_start",
        "period_end",
        "measure",
        "n",
        "percent_positive",
    ]
    assert rows[1][3:6] == ["trust", "40", "75.0"]
    assert rows[0][-1] == "distribution"
    assert rows[1][-1] == "1=30;0=10"
    assert "Thumbs up: 30 · Thumbs down: 10" in page.content.decode()
    drivers = page.context["drivers"]
    ease = next(r for r in drivers.rows if r.driver == "ease")
    assert (ease.positive.share, ease.negative.share) == (1.0, 1.0)


def test_too_few_answers_show_no_percent(world: World) -> None:
    survey = published_survey(world)
    fill(world, survey, up=20, down=5)
    page = signed_in(world.member).get(reverse("analytics:service", args=[world.service.pk]))
    assert "Not enough responses" in page.content.decode()
    rows = table(
        signed_in(world.member).get(
            reverse("analytics:service", args=[world.service.pk]) + "?csv=measures"
        )
    )
    assert rows[1][3:6] == ["trust", "25", ""]


def test_small_segments_are_suppressed_on_screen_and_in_csv(world: World) -> None:
    survey = published_survey(world)
    fill(world, survey, up=30, down=10)
    fill(world, survey, up=3, down=2, language="es")
    url = reverse("analytics:service", args=[world.service.pk])
    page = signed_in(world.member).get(url).content.decode()
    assert "Fewer than 10 answers: hidden" in page
    assert "Hidden so that the smaller hidden group cannot be worked out from the total" in page
    rows = table(signed_in(world.member).get(url + "?csv=languages"))
    assert ["es", "Español (Spanish)", "fewer than 10", "", "", "", "", ""] in rows
    # English's 40 would be the total minus Spanish's 5, which the total would then give away.
    assert ["en", "English", "hidden with a smaller group", "", "", "", "", ""] in rows


def counted(channel: str, up: int, down: int) -> list[Cell]:
    return [
        Cell("trust", "thumbs", "trust", answer, channel, "en", 1, 1, 1, count)
        for answer, count in (("1", up), ("0", down))
        if count
    ]


def test_one_hidden_group_hides_the_smallest_shown_group_with_it() -> None:
    cells = counted("web", 40, 10) + counted("phone", 20, 10) + counted("mail", 25, 15)
    cells += counted("kiosk", 3, 2)
    segments = {s.key: s for s in breakdown(cells, "channel")}
    assert (segments["kiosk"].hidden, segments["kiosk"].complement) == (True, False)
    assert (segments["phone"].hidden, segments["phone"].complement) == (True, True)
    assert segments["phone"].gap is None
    assert [s.hidden for s in (segments["web"], segments["mail"])] == [False, False]
    assert segments["web"].gap is not None


def test_no_complement_is_needed_when_two_groups_are_small_or_none_is() -> None:
    two_small = counted("web", 40, 10) + counted("phone", 3, 2) + counted("kiosk", 4, 0)
    assert [s.key for s in breakdown(two_small, "channel") if s.hidden] == ["phone", "kiosk"]
    assert not any(s.complement for s in breakdown(two_small, "channel"))
    none_small = counted("web", 40, 10) + counted("phone", 8, 2)
    assert not any(s.hidden for s in breakdown(none_small, "channel"))
    alone = counted("kiosk", 3, 2)
    assert [(s.hidden, s.complement) for s in breakdown(alone, "channel")] == [(True, False)]


def test_significant_gaps_are_flagged(world: World) -> None:
    from govcx.catalog.models import Touchpoint

    survey = published_survey(world)
    fill(world, survey, up=90, down=10)
    phone = Touchpoint.objects.create(
        service=world.service, name="Phone", channel="phone", stage="middle", allowed_origins=[]
    )
    survey.touchpoints.add(phone)
    for trust in ["1"] * 20 + ["0"] * 30:
        respond(survey, {"trust": trust}, touchpoint=phone)
    rollup_catch_up()
    page = signed_in(world.member).get(reverse("analytics:service", args=[world.service.pk]))
    channels = next(b for b in page.context["breakdowns"] if b.key == "channels")
    by_channel = {s.key: s for s in channels.segments}
    assert by_channel["phone"].gap is not None
    assert by_channel["phone"].gap.significant
    assert "significant gap" in page.content.decode()


def test_life_event_aggregates_reach_every_participating_organization(world: World) -> None:
    survey = published_survey(world)
    fill(world, survey, up=30, down=10)
    event = LifeEvent.objects.get(slug="recovering-from-a-disaster")
    world.service.life_events.add(event)
    world.ssa_service.life_events.add(event)
    url = reverse("analytics:life-event", args=[event.slug])
    page = signed_in(world.outsider).get(url)  # SSA takes part in the journey
    assert page.status_code == 200
    assert page.context["volume"] == 40
    assert "Call me" not in page.content.decode()
    stranger = make_user("nobody@example.gov")
    assert signed_in(stranger).get(url).status_code == 403
    lone = LifeEvent.objects.get(slug="traveling")
    assert (
        signed_in(world.outsider).get(reverse("analytics:life-event", args=[lone.slug])).status_code
        == 403
    )


@pytest.mark.parametrize("responses", [40, 400])
def test_dashboard_queries_do_not_grow_with_the_data(
    world: World, responses: int, django_assert_max_num_queries: Any
) -> None:
    survey = published_survey(world)
    fill(world, survey, up=responses // 2, down=responses // 2)
    client = signed_in(world.member)
    client.get(reverse("analytics:organization", args=["fema"]))  # warm the session
    with django_assert_max_num_queries(16):
        client.get(reverse("analytics:organization", args=["fema"]))


def test_custom_periods_and_bad_dates(world: World) -> None:
    url = reverse("analytics:service", args=[world.service.pk])
    page = signed_in(world.member).get(
        url, {"period": "custom", "start": "2026-05-01", "end": "2026-04-01"}
    )
    assert "Give a start date on or before the end date." in page.content.decode()
    good = signed_in(world.member).get(
        url, {"period": "custom", "start": "2026-01-01", "end": "2026-03-31"}
    )
    assert good.context["period"].label == "2026-01-01 to 2026-03-31"


def test_trust_by_service_stage_and_monthly_periods(world: World) -> None:
    survey = published_survey(world)
    fill(world, survey, up=30, down=10)
    url = reverse("analytics:service", args=[world.service.pk])
    page = signed_in(world.member).get(url)
    stages = next(b for b in page.context["breakdowns"] if b.key == "stages")
    assert [(s.key, s.proportion.n) for s in stages.segments] == [("start", 40)]
    monthly = signed_in(world.member).get(url, {"period": "week"})
    assert monthly.context["period"].label.startswith("Week of")
    assert monthly.context["volume"] == 40
