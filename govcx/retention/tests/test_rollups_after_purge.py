"""Dashboards keep the counts of purged quarters; the rollup check and rebuild leave them be."""

from io import StringIO
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from govcx.analytics.models import AnswerCount, MomentSum
from govcx.analytics.rollups import rollup_catch_up
from govcx.collection.models import Response
from govcx.collection.tests.helpers import published_survey
from govcx.retention.purge import purge_run
from govcx.retention.tests.helpers import DUE_DAY, NOT_DUE_DAY, TODAY
from govcx.surveys.models import Survey
from govcx.testing.factories import World, noon, respond_many

MEASURES = ["trust", "effectiveness", "ease", "efficiency", "transparency", "employee"]


def scores(*values: int) -> dict[str, str]:
    return {
        "satisfaction": str(values[0]),
        **{m: str(v) for m, v in zip(MEASURES, values[1:], strict=True)},
    }


def snapshot() -> list[Any]:
    counts = AnswerCount.objects.values_list("day", "question_key", "answer", "count")
    moments = MomentSum.objects.values_list("day", "term", "total")
    return sorted(counts) + sorted(moments)


def check() -> str:
    out = StringIO()
    call_command("rollups", "check", stdout=out, stderr=StringIO())
    return out.getvalue()


@pytest.fixture
def survey(world: World) -> Survey:
    survey = published_survey(world, "a11_legacy")
    respond_many(survey, scores(5, 4, 4, 3, 5, 4, 5), 1, when=noon(DUE_DAY))
    respond_many(survey, scores(2, 1, 2, 3, 2, 2, 1), 1, when=noon(DUE_DAY))
    respond_many(survey, scores(4, 4, 4, 4, 4, 4, 4), 1, when=noon(NOT_DUE_DAY))
    rollup_catch_up()
    return survey


def test_counts_survive_the_purge_and_the_check_passes(world: World, survey: Survey) -> None:
    before = snapshot()
    assert purge_run(today=TODAY, dry_run=False).deleted == 2
    assert snapshot() == before
    assert "match the raw responses (1 recounted)" in check()


def test_a_rebuild_keeps_the_counts_of_purged_quarters(world: World, survey: Survey) -> None:
    before = snapshot()
    purge_run(today=TODAY, dry_run=False)
    call_command("rollups", "rebuild", stdout=StringIO())
    assert snapshot() == before
    assert "match" in check()


def test_responses_left_in_a_purged_quarter_are_not_counted_twice(
    world: World, survey: Survey
) -> None:
    purge_run(today=TODAY, dry_run=False)
    respond_many(survey, scores(3, 3, 3, 3, 3, 3, 3), 1, when=noon(DUE_DAY))  # a late import
    rollup_catch_up()
    with_late_one = snapshot()
    call_command("rollups", "rebuild", stdout=StringIO())
    assert snapshot() == with_late_one
    assert purge_run(today=TODAY, dry_run=False).deleted == 1
    assert snapshot() == with_late_one
    assert Response.objects.count() == 1


def test_the_check_still_finds_differences_outside_purged_quarters(
    world: World, survey: Survey
) -> None:
    purge_run(today=TODAY, dry_run=False)
    AnswerCount.objects.filter(day=NOT_DUE_DAY, question_key="trust").update(count=9)
    with pytest.raises(CommandError, match="differ"):
        check()
