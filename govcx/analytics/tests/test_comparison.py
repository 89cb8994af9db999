"""Comparing a period with another: the change is tested, and called significant only when the
two-proportion z-test says so; too few answers in either period means no verdict."""

import csv
import io
from datetime import date

from django.urls import reverse
from scipy.stats import norm  # type: ignore[import-untyped]

from govcx.analytics.metrics import MeasureResult, compare_measures
from govcx.analytics.periods import quarter_period
from govcx.analytics.rollups import rollup_catch_up
from govcx.analytics.scope import PeriodForm
from govcx.analytics.stats import wilson
from govcx.collection.tests.helpers import published_survey
from govcx.testing.factories import World, noon, respond_many, signed_in


def _trust(positive: int, n: int) -> MeasureResult:
    return MeasureResult("trust", "Trust", wilson(positive, n), None, {}, n >= 30)


def test_a_real_change_is_significant_and_a_small_one_is_not() -> None:
    (big,) = compare_measures([_trust(80, 100)], [_trust(50, 100)])
    assert big.change is not None
    assert big.change.significant
    pooled = 130 / 200
    z = 0.3 / (pooled * (1 - pooled) * (2 / 100)) ** 0.5
    assert abs(big.change.p_value - 2 * norm.sf(z)) < 1e-12
    (small,) = compare_measures([_trust(52, 100)], [_trust(50, 100)])
    assert small.change is not None
    assert not small.change.significant


def test_too_few_answers_in_either_period_gives_no_verdict() -> None:
    (few,) = compare_measures([_trust(20, 20)], [_trust(10, 100)])
    assert (few.enough, few.change) == (False, None)
    (missing,) = compare_measures([_trust(60, 100)], [])
    assert (missing.enough, missing.change, missing.then.n) == (False, None, 0)


def test_the_period_before_and_a_year_before() -> None:
    today = date(2026, 11, 25)
    q2 = quarter_period(2026, 2)  # 1 January to 31 March 2026
    form = PeriodForm({"period": "FY26Q2", "compare": "previous"}, today=today)
    before = form.compared_with(form.chosen())
    assert before is not None
    assert (before.start, before.end) == (date(2025, 10, 3), date(2025, 12, 31))
    assert (before.end - before.start) == (q2.end - q2.start)
    form = PeriodForm({"period": "FY26Q2", "compare": "year_before"}, today=today)
    year = form.compared_with(form.chosen())
    assert year is not None
    assert (year.start, year.end) == (date(2025, 1, 1), date(2025, 3, 31))
    form = PeriodForm({"period": "FY26Q2", "compare": "FY26Q1"}, today=today)
    named = form.compared_with(form.chosen())
    assert named is not None
    assert named.code == "FY26 Q1"
    assert PeriodForm({"period": "FY26Q2"}, today=today).compared_with(q2) is None


def test_the_dashboard_shows_and_downloads_the_comparison(world: World) -> None:
    survey = published_survey(world)
    respond_many(survey, {"trust": "1"}, 40, when=noon(date(2026, 2, 10)))
    respond_many(survey, {"trust": "0"}, 10, when=noon(date(2026, 2, 11)))
    respond_many(survey, {"trust": "1"}, 20, when=noon(date(2025, 11, 10)))
    respond_many(survey, {"trust": "0"}, 30, when=noon(date(2025, 11, 11)))
    rollup_catch_up()
    url = reverse("analytics:service", args=[world.service.pk])
    query = {"period": "custom", "start": "2026-01-01", "end": "2026-03-31", "compare": "previous"}
    client = signed_in(world.member)
    page = client.get(url, query).content.decode()
    assert "Compared with" in page
    assert "80% (n=50)" in page
    assert "40% (n=50)" in page
    assert "(significant)" in page
    rows = list(
        csv.reader(io.StringIO(client.get(url, {**query, "csv": "comparison"}).content.decode()))
    )
    trust = dict(zip(rows[0], next(r for r in rows[1:] if r[2] == "trust"), strict=True))
    assert trust["period"] == "2026-01-01/2026-03-31"
    assert trust["compared_with"] == "2025-10-03/2025-12-31"
    assert (trust["percent_positive"], trust["compared_percent_positive"]) == ("80.0", "40.0")
    assert (trust["change_points"], trust["significant"]) == ("40.0", "yes")


def test_far_dates_are_refused_with_the_field_named_not_a_server_error(world: World) -> None:
    client = signed_in(world.member)
    url = reverse("analytics:service", args=[world.service.pk])
    for query in (
        {"start": "0001-01-01", "end": "0001-01-02", "compare": "previous"},
        {"start": "0001-01-01", "end": "0001-01-02", "compare": "year_before"},
        {"start": "0001-01-01", "end": "9999-12-31", "compare": "previous"},
        {"start": "2026-01-01", "end": "9999-12-31", "csv": "comparison", "compare": "previous"},
    ):
        page = client.get(url, {"period": "custom", **query})
        if "csv" in query:
            assert page.status_code == 404  # no comparison to download
        else:
            assert page.status_code == 200, query  # the default period, and the form's message
            assert "Give a date between 1900-01-01 and 2999-12-31." in page.content.decode()
    today = date(2026, 5, 1)
    form = PeriodForm({"period": "custom", "start": "1900-01-01", "end": "2999-12-31"}, today=today)
    assert form.compared_with(form.chosen()) is None
    far = PeriodForm(
        {"period": "custom", "start": "1900-01-01", "end": "2999-12-31", "compare": "previous"},
        today=today,
    )
    assert far.compared_with(far.chosen()) is not None
