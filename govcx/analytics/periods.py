"""Reporting periods, with the federal fiscal year: FY N runs 1 October N-1 to 30 September N.

A period has a ``code`` that is the same in every language ("FY26 Q2", "FY26", "2026-01",
"2026-W02", "2026-01-01/2026-03-31"): CSV files and URLs use it, so downloads join across
languages and years. Its ``label`` is for people, in the language active when it is made: in
Spanish "AF26 T2" (año fiscal, trimestre), the abbreviations federal Spanish-language
publications use for the fiscal year.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class Period:
    code: str  # machine-friendly, the same in every language
    start: date  # inclusive
    end: date  # inclusive
    label: str  # for people, in the active language


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
    # Translators: a federal fiscal quarter, e.g. "FY26 Q2"; Spanish "AF26 T2" (año fiscal,
    # trimestre).
    label = _("FY%(year)02d Q%(quarter)d") % {"year": year % 100, "quarter": quarter}
    return Period(f"FY{year % 100:02d} Q{quarter}", start, after - timedelta(days=1), label)


@dataclass(frozen=True, order=True)
class FiscalQuarter:
    """A federal fiscal quarter: the unit of A-11 reporting and of records retention."""

    fiscal_year: int
    quarter: int  # 1 (October-December) to 4 (July-September)

    @classmethod
    def of(cls, day: date) -> "FiscalQuarter":
        return cls(*fiscal_quarter(day))

    @property
    def period(self) -> Period:
        return quarter_period(self.fiscal_year, self.quarter)

    @property
    def label(self) -> str:
        """For people, in the active language ("AF26 T2" in Spanish)."""
        return self.period.label

    @property
    def code(self) -> str:
        """For files and machines, the same in every language ("FY26 Q2")."""
        return self.period.code

    def bounds(self) -> tuple[datetime, datetime]:
        """[start, end) as aware datetimes at midnight in the platform's time zone: the same days
        the rollups count a response on (its local date)."""
        zone = timezone.get_default_timezone()
        period = self.period
        start = datetime.combine(period.start, time.min, tzinfo=zone)
        after = datetime.combine(period.end + timedelta(days=1), time.min, tzinfo=zone)
        return start, after

    def is_over(self, today: date) -> bool:
        return today > self.period.end

    def previous(self) -> "FiscalQuarter":
        if self.quarter > 1:
            return FiscalQuarter(self.fiscal_year, self.quarter - 1)
        return FiscalQuarter(self.fiscal_year - 1, 4)

    def next(self) -> "FiscalQuarter":
        if self.quarter < 4:
            return FiscalQuarter(self.fiscal_year, self.quarter + 1)
        return FiscalQuarter(self.fiscal_year + 1, 1)


def recent_completed(today: date, count: int) -> list[FiscalQuarter]:
    """The ``count`` most recent completed fiscal quarters, newest first."""
    quarters = [FiscalQuarter.of(today).previous()]
    while len(quarters) < count:
        quarters.append(quarters[-1].previous())
    return quarters


def fiscal_year_period(year: int) -> Period:
    # Translators: a federal fiscal year, e.g. "FY26"; Spanish "AF26" (año fiscal).
    label = _("FY%(year)02d") % {"year": year % 100}
    return Period(f"FY{year % 100:02d}", date(year - 1, 10, 1), date(year, 9, 30), label)


def last_quarters(today: date, count: int) -> list[Period]:
    """The ``count`` fiscal quarters ending with the current one, oldest first."""
    year, quarter = fiscal_quarter(today)
    periods = []
    for _step in range(count):
        periods.append(quarter_period(year, quarter))
        year, quarter = (year, quarter - 1) if quarter > 1 else (year - 1, 4)
    return list(reversed(periods))


def month_period(year: int, month: int) -> Period:
    start = date(year, month, 1)
    end = date(year + (month == 12), month % 12 + 1, 1) - timedelta(days=1)
    return Period(f"{year}-{month:02d}", start, end, date_format(start, "YEAR_MONTH_FORMAT"))


def week_period(day: date) -> Period:
    start = day - timedelta(days=day.weekday())
    iso_year, week, _weekday = start.isocalendar()
    label = _("Week of %(date)s") % {"date": start.isoformat()}
    return Period(f"{iso_year}-W{week:02d}", start, start + timedelta(days=6), label)


def custom_period(start: date, end: date) -> Period:
    if end < start:
        raise ValueError("The period ends before it starts.")
    label = _("%(start)s to %(end)s") % {"start": start.isoformat(), "end": end.isoformat()}
    return Period(f"{start.isoformat()}/{end.isoformat()}", start, end, label)
