"""Every statistic against an independent reference (scipy) on fixed data, edge cases included."""

from datetime import date

import pytest
from scipy import stats as reference  # type: ignore[import-untyped]

from govcx.analytics.periods import (
    custom_period,
    fiscal_quarter,
    fiscal_year,
    fiscal_year_period,
    last_quarters,
    quarter_period,
)
from govcx.analytics.stats import mean, shown, suppressed, two_proportion_test, wilson

CASES = [(0, 1), (1, 1), (0, 30), (30, 30), (3, 7), (57, 100), (812, 1000), (1, 2), (9, 10)]


@pytest.mark.parametrize(("positive", "n"), CASES)
def test_wilson_interval_matches_scipy(positive: int, n: int) -> None:
    ours = wilson(positive, n)
    ci = reference.binomtest(positive, n).proportion_ci(confidence_level=0.95, method="wilson")
    assert ours.low == pytest.approx(ci.low, abs=1e-9)
    assert ours.high == pytest.approx(ci.high, abs=1e-9)
    assert ours.margin == pytest.approx((ci.high - ci.low) / 2, abs=1e-9)


def test_no_answers_gives_an_empty_proportion() -> None:
    empty = wilson(0, 0)
    assert (empty.n, empty.share, empty.low, empty.high) == (0, 0.0, 0.0, 0.0)


@pytest.mark.parametrize(
    ("before", "after"),
    [((40, 100), (55, 100)), ((400, 1000), (430, 1000)), ((5, 9), (2, 11)), ((88, 120), (75, 90))],
)
def test_two_proportion_test_matches_scipy(before: tuple[int, int], after: tuple[int, int]) -> None:
    change = two_proportion_test(before, after)
    assert change is not None
    table = [[before[0], before[1] - before[0]], [after[0], after[1] - after[0]]]
    chi2, p_value, _dof, _expected = reference.chi2_contingency(table, correction=False)
    assert change.z**2 == pytest.approx(chi2, rel=1e-9)
    assert change.p_value == pytest.approx(p_value, rel=1e-9)
    assert change.significant == bool(p_value < 0.05)
    assert change.difference == pytest.approx(after[0] / after[1] - before[0] / before[1])


def test_a_change_is_significant_only_when_it_is() -> None:
    small = two_proportion_test((40, 100), (45, 100))
    large = two_proportion_test((400, 1000), (450, 1000))
    assert small is not None
    assert large is not None
    assert not small.significant
    assert large.significant


@pytest.mark.parametrize(
    ("before", "after"), [((0, 0), (5, 10)), ((10, 10), (20, 20)), ((0, 10), (0, 20))]
)
def test_no_test_without_answers_or_variation(
    before: tuple[int, int], after: tuple[int, int]
) -> None:
    assert two_proportion_test(before, after) is None


def test_mean_and_the_honesty_rules() -> None:
    assert mean({1: 1, 5: 3}) == pytest.approx(4.0)
    assert mean({}) is None
    assert not shown(29)
    assert shown(30)
    assert suppressed(9)
    assert not suppressed(10)
    assert not suppressed(0)


@pytest.mark.parametrize(
    ("day", "year", "quarter"),
    [
        (date(2025, 10, 1), 2026, 1),
        (date(2025, 12, 31), 2026, 1),
        (date(2026, 1, 1), 2026, 2),
        (date(2026, 3, 31), 2026, 2),
        (date(2026, 4, 1), 2026, 3),
        (date(2026, 9, 30), 2026, 4),
    ],
)
def test_fiscal_quarters(day: date, year: int, quarter: int) -> None:
    assert fiscal_quarter(day) == (year, quarter)
    period = quarter_period(year, quarter)
    assert period.start <= day <= period.end
    assert fiscal_year(day) == year


def test_period_boundaries() -> None:
    assert quarter_period(2026, 1).start == date(2025, 10, 1)
    assert quarter_period(2026, 1).end == date(2025, 12, 31)
    assert quarter_period(2026, 4).end == date(2026, 9, 30)
    assert fiscal_year_period(2026).start == date(2025, 10, 1)
    assert [p.label for p in last_quarters(date(2026, 2, 1), 3)] == [
        "FY25 Q4",
        "FY26 Q1",
        "FY26 Q2",
    ]
    with pytest.raises(ValueError, match="ends before"):
        custom_period(date(2026, 2, 1), date(2026, 1, 1))


def test_period_labels_follow_the_language_and_codes_do_not() -> None:
    from django.utils import translation

    from govcx.analytics.periods import month_period, week_period

    with translation.override("es"):
        quarter = quarter_period(2026, 2)
        assert (quarter.code, quarter.label) == ("FY26 Q2", "AF26 T2")
        assert fiscal_year_period(2026).label == "AF26"
        assert month_period(2026, 1).label == "enero de 2026"
        assert week_period(date(2026, 1, 7)).label == "Semana del 2026-01-05"
        assert custom_period(date(2026, 1, 1), date(2026, 3, 31)).code == "2026-01-01/2026-03-31"
    with translation.override("en"):
        assert quarter_period(2026, 2).label == "FY26 Q2"
        assert month_period(2026, 1).label == "January 2026"
        assert week_period(date(2026, 1, 7)).code == "2026-W02"
