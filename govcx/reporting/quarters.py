"""Fiscal quarters as reporting needs them: bounds in local time, the due date, which are over."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from govcx.analytics.periods import Period, fiscal_quarter, quarter_period

# quarterly data is due within 30 days after the quarter ends.
DUE_AFTER_DAYS = 30


@dataclass(frozen=True)
class Quarter:
    fiscal_year: int
    quarter: int

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

    @property
    def due(self) -> date:
        return self.period.end + timedelta(days=DUE_AFTER_DAYS)

    def bounds(self) -> tuple[datetime, datetime]:
        """[start, end) as aware datetimes at local midnight, matching the rollups' local days."""
        zone = timezone.get_current_timezone()
        start = datetime.combine(self.period.start, time.min, tzinfo=zone)
        end = datetime.combine(self.period.end + timedelta(days=1), time.min, tzinfo=zone)
        return start, end

    def is_over(self, today: date) -> bool:
        return today > self.period.end

    def previous(self) -> "Quarter":
        if self.quarter > 1:
            return Quarter(self.fiscal_year, self.quarter - 1)
        return Quarter(self.fiscal_year - 1, 4)


def quarter_of(day: date) -> Quarter:
    return Quarter(*fiscal_quarter(day))


def last_completed(today: date) -> Quarter:
    return quarter_of(today).previous()


def recent_completed(today: date, count: int) -> list[Quarter]:
    """The ``count`` most recent completed quarters, newest first."""
    quarters = [last_completed(today)]
    while len(quarters) < count:
        quarters.append(quarters[-1].previous())
    return quarters
