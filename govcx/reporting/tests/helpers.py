"""Builders for reporting tests: responses at fixed times in a past fiscal quarter."""

from datetime import datetime

from django.utils import timezone

from govcx.analytics.periods import FiscalQuarter

# FY26 Q2: January to March 2026. Over whenever the tests run.
Q2 = FiscalQuarter(2026, 2)


def at(month: int, day: int, hour: int = 12) -> datetime:
    return datetime(2026, month, day, hour, tzinfo=timezone.get_current_timezone())


IN_Q2 = at(2, 10)  # when reporting tests' responses arrive unless they say
