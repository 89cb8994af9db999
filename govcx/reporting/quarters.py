"""A-11's deadline for a fiscal quarter's customer experience data."""

from datetime import date, timedelta

from govcx.analytics.periods import FiscalQuarter

# quarterly data is due within 30 days after the quarter ends.
DUE_AFTER_DAYS = 30


def due_date(quarter: FiscalQuarter) -> date:
    return quarter.period.end + timedelta(days=DUE_AFTER_DAYS)
