"""Which rollup cells have lost their raw responses to the purge (for `govcx rollups`).

The purge belongs to the retention app, above this one in the layers: it tells the rollups
where its records are at start-up (RetentionConfig.ready) instead of being imported.
"""

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from datetime import date, datetime, time, timedelta
from typing import Any

from django.utils import timezone

# (survey, service, first day, last day) of every purged range.
PurgedRows = Iterable[tuple[int, int, date, date]]
_purged_rows: Callable[[], PurgedRows] = lambda: ()  # noqa: E731 - until retention says


def purged_rows_source_set(source: Callable[[], PurgedRows]) -> None:
    global _purged_rows
    _purged_rows = source


class PurgedRanges:
    """(survey, service) -> purged day ranges, loaded once; a few rows per survey and year."""

    def __init__(self) -> None:
        self.ranges: dict[tuple[int, int], list[tuple[date, date]]] = defaultdict(list)
        for survey_id, service_id, first, last in _purged_rows():
            self.ranges[(survey_id, service_id)].append((first, last))

    def __bool__(self) -> bool:
        return bool(self.ranges)

    def __len__(self) -> int:
        return sum(len(ranges) for ranges in self.ranges.values())

    def covers(self, survey_id: int, service_id: int, day: date) -> bool:
        ranges = self.ranges.get((survey_id, service_id), ())
        return any(first <= day <= last for first, last in ranges)

    def covers_cell(self, cell: tuple[Any, ...]) -> bool:
        """Whether a rollup cell (day, organization, service, survey, ...) lies in a purged
        range: answer counts and the segment cross-tab both start that way."""
        day, _organization, service_id, survey_id = cell[:4]
        return self.covers(survey_id, service_id, day)

    def moments(self) -> Iterator[tuple[int, int, datetime, datetime]]:
        """(survey, service, start, end) of each range, as aware [start, end) datetimes."""
        zone = timezone.get_default_timezone()
        for (survey_id, service_id), ranges in self.ranges.items():
            for first, last in ranges:
                start = datetime.combine(first, time.min, tzinfo=zone)
                end = datetime.combine(last + timedelta(days=1), time.min, tzinfo=zone)
                yield survey_id, service_id, start, end
