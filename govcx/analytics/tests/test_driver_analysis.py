"""Driver analysis from rollup moments equals a regression on the raw answers (numpy)."""

import csv
import io
from itertools import combinations
from math import factorial

import numpy as np
import pytest
from django.urls import reverse

from govcx.analytics.drivers import driver_analysis, with_priorities
from govcx.analytics.models import MomentSum
from govcx.analytics.rollups import rollup_catch_up
from govcx.collection.tests.helpers import published_survey
from govcx.testing.factories import World, respond, signed_in

MEASURES = ["effectiveness", "ease", "efficiency", "transparency", "employee", "satisfaction"]
KEYS = {
    "satisfaction": "satisfaction",
    "trust": "trust",
    "effectiveness": "effectiveness",
    "ease": "ease",
    "efficiency": "efficiency",
    "transparency": "transparency",
    "employee": "employee",
}


def answers(seed: int, n: int) -> np.ndarray:
    """n respondents x (trust, *MEASURES) on 1-5, trust driven mostly by ease and effectiveness."""
    rng = np.random.default_rng(seed)
    latent = rng.normal(size=(n, len(MEASURES)))
    trust = 0.6 * latent[:, 1] + 0.4 * latent[:, 0] + 0.1 * latent[:, 4] + rng.normal(size=n) * 0.6
    raw = np.column_stack([trust, latent])
    return np.clip(np.round(3 + raw), 1, 5).astype(int)


def reference_shapley(data: np.ndarray) -> dict[str, float]:
    y, x = data[:, 0].astype(float), data[:, 1:].astype(float)

    def r2(columns: tuple[int, ...]) -> float:
        if not columns:
            return 0.0
        design = np.column_stack([np.ones(len(y)), x[:, list(columns)]])
        fitted = design @ np.linalg.lstsq(design, y, rcond=None)[0]
        return float(1 - ((y - fitted) ** 2).sum() / ((y - y.mean()) ** 2).sum())

    k = x.shape[1]
    values = {}
    for j in range(k):
        others = [i for i in range(k) if i != j]
        values[MEASURES[j]] = sum(
            factorial(s)
            * factorial(k - s - 1)
            / factorial(k)
            * (r2(tuple(sorted((*sub, j)))) - r2(tuple(sorted(sub))))
            for s in range(k)
            for sub in combinations(others, s)
        )
    return values


def test_shapley_importance_matches_a_regression_on_raw_answers(world: World) -> None:
    survey = published_survey(world, "a11_legacy")
    data = answers(seed=7, n=220)
    for row in data:
        given = {
            "trust": str(row[0]),
            **{KEYS[m]: str(v) for m, v in zip(MEASURES, row[1:], strict=True)},
        }
        respond(survey, given)
    rollup_catch_up()
    analysis = driver_analysis(MomentSum.objects.all())
    assert analysis is not None
    assert analysis.respondents == 220
    expected = reference_shapley(data)
    got = {d.measure: d.importance for d in analysis.drivers}
    for measure in MEASURES:
        assert got[measure] == pytest.approx(expected[measure], abs=1e-9)
    assert analysis.r2 == pytest.approx(sum(expected.values()), abs=1e-9)
    assert analysis.drivers[0].measure == "ease"
    placed = with_priorities(
        analysis,
        {
            "ease": 0.40,
            "effectiveness": 0.70,
            "efficiency": 0.6,
            "transparency": 0.6,
            "employee": 0.6,
            "satisfaction": 0.6,
        },
    )
    assert {d.measure: d.quadrant for d in placed.drivers}["ease"] == "priority"
    assert {d.measure: d.quadrant for d in placed.drivers}["effectiveness"] == "strength"
    download = signed_in(world.member).get(
        reverse("analytics:service", args=[world.service.pk]), {"csv": "analysis"}
    )
    rows = list(csv.reader(io.StringIO(download.content.decode())))
    assert rows[0][:2] == ["measure", "importance_share_of_r2"]
    ease = next(r for r in rows if r[0] == "ease")
    assert float(ease[1]) == pytest.approx(expected["ease"], abs=1e-4)
    assert ease[5] == "220"


def test_too_few_complete_respondents_give_no_analysis(world: World) -> None:
    survey = published_survey(world, "a11_legacy")
    for row in answers(seed=3, n=20):
        given = {
            "trust": str(row[0]),
            **{KEYS[m]: str(v) for m, v in zip(MEASURES, row[1:], strict=True)},
        }
        respond(survey, given)
    rollup_catch_up()
    assert driver_analysis(MomentSum.objects.all()) is None


def test_the_drivers_screen_places_each_measure_on_the_priority_matrix(world: World) -> None:
    survey = published_survey(world, "a11_legacy")
    for row in answers(seed=11, n=120):
        given = {
            "trust": str(row[0]),
            **{KEYS[m]: str(v) for m, v in zip(MEASURES, row[1:], strict=True)},
        }
        respond(survey, given)
    rollup_catch_up()
    member = signed_in(world.member)
    dashboard = member.get(reverse("analytics:service", args=[world.service.pk])).content.decode()
    url = reverse("analytics:service-drivers", args=[world.service.pk])
    assert url in dashboard
    page = member.get(url).content.decode()
    assert "Priority matrix" in page
    assert "from 120 respondents" in page
    assert page.count("<circle") == len(MEASURES)
    assert "Shapley decomposition" in page
    assert signed_in(world.outsider).get(url).status_code == 404
    assert member.get(reverse("analytics:organization-drivers", args=["fema"])).status_code == 200
    download = member.get(url, {"csv": "analysis"})
    assert download["Content-Type"].startswith("text/csv")
