"""The equity screen: trust by channel, language and every segment question, with intervals and
gaps checked against scipy, suppression on screen and in CSV, bounded queries."""

import csv
import io
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from scipy.stats import binomtest, chi2_contingency  # type: ignore[import-untyped]

from govcx.analytics.periods import last_quarters
from govcx.analytics.rollups import rollup_catch_up
from govcx.analytics.tests.helpers import fill_segment, segmented_survey
from govcx.catalog.models import LifeEvent
from govcx.testing.factories import World, make_user, signed_in


def table(response: Any) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode())))


def equity_data(world: World) -> None:
    survey = segmented_survey(world)
    fill_segment(world, survey, up=55, down=5, age_group="65_plus", veteran="yes")
    fill_segment(world, survey, up=20, down=40, age_group="under_25", veteran="no")
    fill_segment(world, survey, up=3, down=2, age_group="25_44")
    fill_segment(world, survey, up=20, down=20)
    rollup_catch_up()


def test_equity_screens_by_role(world: World) -> None:
    urls = [
        reverse("analytics:organization-equity", args=["fema"]),
        reverse("analytics:service-equity", args=[world.service.pk]),
    ]
    for url in urls:
        assert signed_in(world.member).get(url).status_code == 200
        assert signed_in(world.dhs_admin).get(url).status_code == 200
        assert signed_in(world.outsider).get(url).status_code == 404
        assert Client().get(url).status_code == 302


def test_trust_by_segment_matches_scipy_and_flags_the_gap(world: World) -> None:
    equity_data(world)
    url = reverse("analytics:service-equity", args=[world.service.pk])
    page = signed_in(world.member).get(url)
    ages = next(b for b in page.context["breakdowns"] if b.key == "segment-age_group")
    assert ages.title == "Trust by answer to “What is your age?”"
    groups = {s.key: s for s in ages.segments}
    assert [s.key for s in ages.segments] == ["under_25", "25_44", "65_plus", ""]
    young = groups["under_25"]
    assert (young.label, young.proportion.positive, young.proportion.n) == ("Under 25", 20, 60)
    reference = binomtest(20, 60).proportion_ci(method="wilson")
    assert young.proportion.low == pytest.approx(reference.low)
    assert young.proportion.high == pytest.approx(reference.high)
    rest = (55 + 3 + 20, 60 + 5 + 40)  # everyone else asked the age question
    _chi2, p_value, _dof, _expected = chi2_contingency(
        [[20, 40], [rest[0], rest[1] - rest[0]]], correction=False
    )
    assert young.gap is not None
    assert young.gap.p_value == pytest.approx(p_value)
    assert young.gap.significant
    assert young.gap.difference == pytest.approx(20 / 60 - rest[0] / rest[1])
    assert groups["25_44"].hidden
    assert groups[""].label == "No answer"
    veterans = next(b for b in page.context["breakdowns"] if b.key == "segment-veteran")
    assert {s.key: s.proportion.n for s in veterans.segments} == {"yes": 60, "no": 60, "": 45}
    html = page.content.decode()
    assert "Significant gaps" in html
    assert "Fewer than 10 answers: hidden to protect respondents" in html
    rows = table(signed_in(world.member).get(url, {"csv": "segment-age_group"}))
    assert rows[0] == [
        "code",
        "segment",
        "n",
        "percent_positive",
        "ci_low",
        "ci_high",
        "gap_points",
        "significant_gap",
    ]
    assert ["25_44", "25 to 44", "fewer than 10", "", "", "", "", ""] in rows
    young_row = next(r for r in rows if r[0] == "under_25")
    assert young_row[2:4] == ["60", "33.3"]
    assert young_row[7] == "yes"
    channels = table(signed_in(world.member).get(url, {"csv": "channels"}))
    assert channels[1][:3] == ["website", "Website", "165"]
    assert signed_in(world.member).get(url, {"csv": "nothing"}).status_code == 404


def test_the_equity_screen_speaks_spanish(world: World) -> None:
    equity_data(world)
    url = reverse("analytics:service-equity", args=[world.service.pk])
    page = signed_in(world.member).get(url, HTTP_ACCEPT_LANGUAGE="es")
    html = page.content.decode()
    assert "Menos de 25" in html
    assert "¿Cuál es su edad?" in html
    labels = [label for _key, label in page.context["form"].fields["period"].choices]
    quarter = last_quarters(timezone.localdate(), 1)[0]
    assert f"AF{quarter.code[2:4]} T{quarter.code[-1]}" in labels
    assert f"AF{quarter.code[2:4]} T{quarter.code[-1]}" in html
    rows = table(signed_in(world.member).get(url, {"csv": "segment-age_group"}))
    assert rows[0][0] == "code"


def test_life_event_equity_reaches_every_participating_organization(world: World) -> None:
    equity_data(world)
    event = LifeEvent.objects.get(slug="recovering-from-a-disaster")
    world.service.life_events.add(event)
    world.ssa_service.life_events.add(event)
    url = reverse("analytics:life-event-equity", args=[event.slug])
    page = signed_in(world.outsider).get(url)  # SSA takes part in the journey
    assert page.status_code == 200
    ages = next(b for b in page.context["breakdowns"] if b.key == "segment-age_group")
    assert sum(s.proportion.n for s in ages.segments) == 165
    assert signed_in(make_user("nobody@example.gov")).get(url).status_code == 403


def test_no_segment_question_says_how_to_add_one(world: World) -> None:
    url = reverse("analytics:organization-equity", args=["fema"])
    html = signed_in(world.member).get(url).content.decode()
    assert "No survey in this view asks a segment question yet." in html


@pytest.mark.parametrize("per_group", [10, 100])
def test_equity_queries_do_not_grow_with_the_data(
    world: World, per_group: int, django_assert_max_num_queries: Any
) -> None:
    survey = segmented_survey(world)
    for age in ("under_25", "25_44", "45_64", "65_plus"):
        fill_segment(world, survey, up=per_group, down=per_group, age_group=age, veteran="no")
    rollup_catch_up()
    client = signed_in(world.member)
    url = reverse("analytics:organization-equity", args=["fema"])
    client.get(url)  # warm the session
    # 8 for the page and who is asking, 3 for recording the session's activity (idle timeout).
    with django_assert_max_num_queries(11):
        client.get(url)
