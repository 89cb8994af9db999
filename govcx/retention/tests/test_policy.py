"""When the retention clock starts, how long it runs, and who sets it."""

from datetime import date, datetime

import pytest
from django.test import override_settings
from django.utils import timezone

from govcx.analytics.periods import FiscalQuarter
from govcx.reporting.models import Collection
from govcx.retention.models import RetentionPeriod
from govcx.retention.policy import (
    add_months,
    clock_start,
    purge_date,
    retention_months_by_organization,
    retention_of,
)
from govcx.testing.factories import World


@pytest.mark.parametrize(
    ("quarter", "starts"),
    [
        (FiscalQuarter(2026, 1), date(2026, 1, 1)),
        (FiscalQuarter(2026, 2), date(2026, 4, 1)),
        (FiscalQuarter(2026, 3), date(2026, 7, 1)),
        (FiscalQuarter(2026, 4), date(2026, 10, 1)),
    ],
)
def test_the_clock_starts_the_day_after_the_fiscal_quarter_ends(
    world: World, quarter: FiscalQuarter, starts: date
) -> None:
    assert clock_start(world.service, quarter) == starts
    assert purge_date(world.service, quarter, 12) == starts.replace(year=starts.year + 1)


def test_a_day_belongs_to_its_fiscal_quarter() -> None:
    assert FiscalQuarter.of(date(2025, 9, 30)) == FiscalQuarter(2025, 4)
    assert FiscalQuarter.of(date(2025, 10, 1)) == FiscalQuarter(2026, 1)
    assert FiscalQuarter(2025, 4).next() == FiscalQuarter(2026, 1)
    assert FiscalQuarter(2026, 1).label == "FY26 Q1"


def test_months_are_added_on_the_calendar() -> None:
    assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert add_months(date(2025, 1, 31), 13) == date(2026, 2, 28)
    assert add_months(date(2025, 10, 1), 12) == date(2026, 10, 1)
    assert add_months(date(2025, 12, 1), 1) == date(2026, 1, 1)


def test_an_organization_inherits_the_nearest_period_above_it(world: World) -> None:
    assert retention_of(world.fema_office).months == 12
    assert retention_of(world.fema_office).set_on is None
    RetentionPeriod.objects.create(organization=world.dhs, months=36)
    assert retention_of(world.fema_office) == retention_of(world.dhs)
    assert retention_of(world.fema_office).set_on == world.dhs
    RetentionPeriod.objects.create(organization=world.fema, months=24)
    assert (retention_of(world.fema_office).months, retention_of(world.dhs).months) == (24, 36)
    assert retention_of(world.ssa).months == 12
    assert retention_months_by_organization() == {
        world.dhs.pk: 36,
        world.fema.pk: 24,
        world.fema_office.pk: 24,
        world.ssa.pk: 12,
    }


@override_settings(GOVCX_RETENTION_MONTHS=84)
def test_the_platform_default_is_a_setting(world: World) -> None:
    assert retention_of(world.fema).months == 84
    assert retention_months_by_organization()[world.ssa.pk] == 84


def test_a_published_report_starts_the_clock_the_day_after_its_publication(world: World) -> None:
    published = datetime(2026, 5, 20, 15, tzinfo=timezone.get_current_timezone())
    Collection.objects.create(
        hisp=world.fema,
        service=world.service,
        fiscal_year=2026,
        quarter=2,
        state="published",
        published_at=published,
    )
    quarter = FiscalQuarter(2026, 2)
    assert clock_start(world.service, quarter) == date(2026, 5, 21)
    assert purge_date(world.service, quarter, 12) == date(2027, 5, 21)
    # Other services, and other quarters of this one, still count from the quarter's end.
    assert clock_start(world.ssa_service, quarter) == date(2026, 4, 1)
    assert clock_start(world.service, FiscalQuarter(2026, 1)) == date(2026, 1, 1)
