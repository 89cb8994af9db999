"""GET /api/v1/metrics: the dashboards' numbers, with minimum n and suppression in the API too."""

from typing import Any

from django.urls import reverse

from govcx.accounts.tests.api_helpers import api_get, token_for, two_tenants
from govcx.analytics.tests.test_dashboards import fill, table
from govcx.collection.tests.helpers import published_survey
from govcx.testing.factories import World, signed_in


def metrics(world: World, **params: Any) -> dict[str, Any]:
    response = api_get("/api/v1/metrics", token_for(world.member, ["metrics:read"]), **params)
    assert response.status_code == 200, response.content
    result: dict[str, Any] = response.json()
    return result


def pct(value: float | None) -> str:
    return "" if value is None else f"{value:.1f}"


def test_the_api_reports_the_dashboard_s_numbers(world: World) -> None:
    survey = published_survey(world)
    fill(world, survey, up=30, down=10)
    fill(world, survey, up=20, down=5, language="es")  # 25: a count, no percent
    dashboard = reverse("analytics:service", args=[world.service.pk])
    client = signed_in(world.member)
    measures_csv = table(client.get(dashboard + "?csv=measures"))
    trend_csv = table(client.get(dashboard + "?csv=trend"))
    languages_csv = table(client.get(dashboard + "?csv=languages"))
    api = metrics(world, service=world.service.pk)
    trust = next(m for m in api["measures"] if m["measure"] == "trust")
    row = dict(
        zip(measures_csv[0], next(r for r in measures_csv[1:] if r[3] == "trust"), strict=True)
    )
    assert [str(trust["n"]), f"{trust['percent_positive']:.1f}"] == [
        row["n"],
        row["percent_positive"],
    ]
    assert [f"{trust['ci_low']:.1f}", f"{trust['ci_high']:.1f}"] == [row["ci_low"], row["ci_high"]]
    assert [[p["quarter"], str(p["n"])] for p in api["trend"]] == [
        [r[0], r[3]] for r in trend_csv[1:]
    ]
    languages = next(b for b in api["breakdowns"] if b["key"] == "languages")
    shown = [[s["label"], str(s["n"]), pct(s["percent_positive"])] for s in languages["segments"]]
    assert shown == [r[1:4] for r in languages_csv[1:]]
    assert shown[1][2] == ""
    assert api["volume"] == 65


def test_minimum_n_and_suppression_apply_in_the_api(world: World) -> None:
    survey = published_survey(world)
    fill(world, survey, up=18, down=4)
    fill(world, survey, up=3, down=2, language="es")  # a cell of 5: suppressed
    api = metrics(world, organization="fema")
    trust = next(m for m in api["measures"] if m["measure"] == "trust")
    # 27 answers, under the minimum n of 30: the count, and no percent
    assert (trust["n"], trust["percent_positive"], trust["ci_low"], trust["mean"]) == (
        27,
        None,
        None,
        None,
    )
    languages = next(b for b in api["breakdowns"] if b["key"] == "languages")
    spanish = next(s for s in languages["segments"] if s["key"] == "es")
    assert spanish == {
        "key": "es",
        "label": "Español (Spanish)",
        "suppressed": True,
        "suppressed_reason": "fewer_than_10",
        "n": None,
        "percent_positive": None,
        "ci_low": None,
        "ci_high": None,
        "gap_points": None,
        "significant_gap": None,
    }
    # English alone is shown nowhere either: its count would be the total minus Spanish's 5.
    english = next(s for s in languages["segments"] if s["key"] == "en")
    assert (english["suppressed"], english["suppressed_reason"], english["n"]) == (
        True,
        "complementary",
        None,
    )


def test_periods_and_subjects_are_checked(world: World) -> None:
    token = token_for(world.member, ["metrics:read"])
    for params in (
        {},
        {"organization": "fema", "service": world.service.pk},
        {"organization": "fema", "start": "2026-01-01"},
        {"organization": "fema", "start": "2026-03-01", "end": "2026-01-01"},
    ):
        response = api_get("/api/v1/metrics", token, **params)
        assert response.status_code == 400, params
        assert response.json()["errors"]
    fixed = metrics(world, touchpoint=world.touchpoint.pk, start="2026-01-01", end="2026-03-31")
    assert (fixed["start"], fixed["end"], fixed["subject"]) == (
        "2026-01-01",
        "2026-03-31",
        f"touchpoint:{world.touchpoint.pk}",
    )


def test_a_life_event_s_aggregates_reach_its_participants_only(world: World) -> None:
    data = two_tenants(world, responses=40)  # FEMA and SSA both take part in the journey
    api = metrics(world, life_event=data.journey.slug)
    assert (api["subject"], api["volume"]) == ("life_event:test-journey", 80)
    by_organization = next(b for b in api["breakdowns"] if b["key"] == "organizations")
    shown = {s["label"]: s["n"] for s in by_organization["segments"]}
    assert shown == {world.fema.name: 40, world.ssa.name: 40}
    dashboard = reverse("analytics:life-event", args=[data.journey.slug])
    rows = table(signed_in(world.member).get(dashboard + "?csv=organizations"))
    assert {r[1]: int(r[2]) for r in rows[1:]} == shown

    token = token_for(world.member, ["metrics:read"])
    for slug in (data.ssa_journey.slug, "no-such-event"):
        response = api_get("/api/v1/metrics", token, life_event=slug)
        assert response.status_code == 404, slug
        assert "SSA" not in response.content.decode()
    ssa_reader = api_get(
        "/api/v1/metrics",
        token_for(world.outsider, ["metrics:read"]),
        life_event=data.ssa_journey.slug,
    )
    assert (ssa_reader.status_code, ssa_reader.json()["volume"]) == (200, 40)
