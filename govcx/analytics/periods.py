"""Reporting periods, with the federal fiscal year: FY N runs 1 October N-1 to 30 September N."""

from dataclasses import dataclass
from datetime import date, timedelta


@dataclass(frozen=True)
class Period:
    label: str
    start: date  # inclusive
    end: date  # inclusive


def fiscal_year(day: date) -> int:
    return day.year + 1 if day.month >= 10 else day.year


def fiscal_quarter(day: date) -> tuple[int, int]:
    """(fiscal year, quarter): Q1 Oct-Dec, Q2 Jan-Mar, Q3 Apr-Jun, Q4 Jul-Sep."""
    return fiscal_year(day), ((day.month - 10) % 12) // 3 + 1


def quarter_period(year: int, quarter: int) -> Period:
    if quarter not in (1, 2, 3, 4):
        raise ValueError("A fiscal quarter is 1, 2, 3 or 4.")
    month = {1: 10, 2: 1, 3: 4, 4: 7}[quarter]
    start = date(year - 1 if quarter == 1 else year, month, 1)
    after = date(start.year + (month == 10), (month + 2) % 12 + 1, 1)
    return Period(f"FY{year % 100:02d} Q{quarter}", start, after - timedelta(days=1))


def fiscal_year_period(year: int) -> Period:
    return Period(f"FY{year % 100:02d}", date(year - 1, 10, 1), date(year, 9, 30))


def last_quarters(today: date, count: int) -> list[Period]:
    """The ``count`` fiscal quarters ending with the current one, oldest first."""
    year, quarter = fiscal_quarter(today)
    periods = []
    for _ in range(count):
        periods.append(quarter_period(year, quarter))
        year, quarter = (year, quarter - 1) if quarter > 1 else (year - 1, 4)
    return list(reversed(periods))


def month_period(year: int, month: int) -> Period:
    start = date(year, month, 1)
    end = date(year + (month == 12), month % 12 + 1, 1) - timedelta(days=1)
    return Period(start.strftime("%b %Y"), start, end)


def week_period(day: date) -> Period:
    start = day - timedelta(days=day.weekday())
    return Period(f"Week of {start.isoformat()}", start, start + timedelta(days=6))


def custom_period(start: date, end: date) -> Period:
    if end < start:
        raise ValueError("The period ends before it starts.")
    return Period(f"{start.isoformat()} to {end.isoformat()}", start, end)
