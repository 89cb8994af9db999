"""Rollups: counted once, from a watermark, equal to a recount of the raw responses."""

import threading
from datetime import timedelta
from io import StringIO

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.models import F
from django.test import override_settings
from django.utils import timezone

from govcx.analytics.counting import AnswerCell, MomentCell
from govcx.analytics.models import AnswerCount, MomentSum, RollupState, SegmentCount
from govcx.analytics.rollup_tables import describe
from govcx.analytics.rollups import rollup_advance, rollup_catch_up
from govcx.analytics.tasks import rollups_catch_up
from govcx.analytics.tests.helpers import segmented_survey
from govcx.collection.models import Response, Source
from govcx.collection.services import response_build
from govcx.collection.tests.helpers import published_survey
from govcx.testing.factories import World, respond


def counts(key: str) -> dict[str, int]:
    rows = AnswerCount.objects.filter(question_key=key).values_list("answer", "count")
    totals: dict[str, int] = {}
    for value, n in rows:
        totals[value] = totals.get(value, 0) + n
    return totals


def test_answers_are_counted_once_per_cell(world: World) -> None:
    survey = published_survey(world)
    respond(survey, {"trust": "1", "went_well": ["ease", "efficiency"], "comment": "ok"})
    respond(survey, {"trust": "1", "went_well": ["ease"]}, language="es")
    respond(survey, {"trust": "0", "went_poorly": ["ease"]})
    assert rollup_catch_up() == 3
    assert counts("trust") == {"1": 2, "0": 1}
    assert counts("went_well") == {"ease": 2, "efficiency": 1}
    assert counts("_responses") == {"": 3}
    assert "comment" not in set(AnswerCount.objects.values_list("question_key", flat=True))
    row = AnswerCount.objects.filter(question_key="trust").first()
    assert row is not None
    assert (row.measure, row.service_id, row.channel) == ("trust", world.service.pk, "website")
    assert rollup_catch_up() == 0
    assert counts("trust") == {"1": 2, "0": 1}


def test_the_task_counts_new_responses(world: World) -> None:
    survey = published_survey(world)
    respond(survey, {"trust": "1"})
    result = rollups_catch_up.enqueue()
    assert result.return_value == 1
    assert RollupState.objects.get().last_id == Response.objects.get().pk


@override_settings(GOVCX_ROLLUP_GAP_SECONDS=10)
def test_a_hole_in_the_ids_is_waited_for_then_passed(world: World) -> None:
    survey = published_survey(world)
    respond(survey, {"trust": "1"})
    first = Response.objects.get()
    RollupState.objects.update_or_create(pk=1, defaults={"last_id": first.pk - 1})
    version = survey.published_version()
    assert version is not None
    late = response_build(
        survey=survey,
        version=version,
        touchpoint=world.touchpoint,
        answers={"trust": "0"},
        language="en",
        source=Source.API,
    )
    late.pk = first.pk + 2  # as if first.pk + 1 were still committing
    late.received_at = timezone.now()
    late.save(force_insert=True)
    now = timezone.now()
    assert rollup_advance(now=now) == 1  # stops at the hole
    assert rollup_advance(now=now + timedelta(seconds=1)) == 0
    assert rollup_advance(now=now + timedelta(seconds=11)) == 1
    assert counts("trust") == {"1": 1, "0": 1}


def test_the_check_command_finds_no_difference_or_reports_one(world: World) -> None:
    survey = published_survey(world)
    for trust in ("1", "1", "0"):
        respond(survey, {"trust": trust})
    call_command("rollups", "catch-up", stdout=StringIO())
    out = StringIO()
    call_command("rollups", "check", stdout=out)
    assert "match the raw responses (3 recounted)" in out.getvalue()
    AnswerCount.objects.filter(question_key="trust", answer="0").update(count=5)
    with pytest.raises(CommandError, match="differ"):
        call_command("rollups", "check", stdout=StringIO(), stderr=StringIO())
    call_command("rollups", "rebuild", stdout=StringIO())
    call_command("rollups", "check", stdout=StringIO())


def test_the_check_command_compares_the_moment_sums_too(world: World) -> None:
    survey = published_survey(world, "a11_legacy")
    scale = ["trust", "satisfaction", "effectiveness", "ease", "efficiency", "transparency"]
    scale.append("employee")
    for score in ("4", "5", "2"):
        respond(survey, dict.fromkeys(scale, score))
    call_command("rollups", "catch-up", stdout=StringIO())
    call_command("rollups", "check", stdout=StringIO())
    assert MomentSum.objects.get(term="n").total == 3
    MomentSum.objects.filter(term="s:trust").update(total=F("total") + 1)
    errors = StringIO()
    with pytest.raises(CommandError, match="differ"):
        call_command("rollups", "check", stdout=StringIO(), stderr=errors)
    assert "MomentSum" in errors.getvalue()
    assert "'s:trust'): stored 12, recount 11" in errors.getvalue()
    MomentSum.objects.filter(term="n").delete()
    errors = StringIO()
    with pytest.raises(CommandError, match="differ"):
        call_command("rollups", "check", stdout=StringIO(), stderr=errors)
    assert "'n'): stored 0, recount 3" in errors.getvalue()
    call_command("rollups", "rebuild", stdout=StringIO())
    call_command("rollups", "check", stdout=StringIO())


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks are PostgreSQL's")
@pytest.mark.django_db(transaction=True)
def test_several_workers_at_once_count_each_response_once(world: World) -> None:
    survey = segmented_survey(world)
    for n in range(60):
        respond(survey, {"trust": str(n % 2), "age_group": "65_plus"})
    errors: list[BaseException] = []

    def work() -> None:
        try:
            while rollup_advance(batch=7):
                pass
        except BaseException as error:  # reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert counts("trust") == {"0": 30, "1": 30}
    assert counts("_responses") == {"": 60}
    segments = SegmentCount.objects.filter(segment_key="age_group", segment_value="65_plus")
    assert sorted(segments.values_list("answer", "count")) == [("0", 30), ("1", 30)]


def test_trust_is_cross_tabulated_with_each_segment_question(world: World) -> None:
    survey = segmented_survey(world, "a11_legacy")
    respond(survey, {"trust": "5", "ease": "2", "age_group": "65_plus", "veteran": "yes"})
    respond(survey, {"trust": "4", "age_group": "65_plus"})
    respond(survey, {"trust": "1", "veteran": "no"}, language="es")
    respond(survey, {"ease": "3", "age_group": "25_44"})  # no trust answer
    assert rollup_catch_up() == 4
    by_question = {
        (row.segment_key, row.segment_value, row.question_key, row.answer): row.count
        for row in SegmentCount.objects.all()
    }
    assert by_question == {
        ("age_group", "65_plus", "trust", "5"): 1,
        ("age_group", "65_plus", "ease", "2"): 1,
        ("veteran", "yes", "trust", "5"): 1,
        ("veteran", "yes", "ease", "2"): 1,
        ("age_group", "65_plus", "trust", "4"): 1,
        ("veteran", "", "trust", "4"): 1,
        ("age_group", "", "trust", "1"): 1,
        ("veteran", "no", "trust", "1"): 1,
        ("age_group", "25_44", "ease", "3"): 1,
        ("veteran", "", "ease", "3"): 1,
    }
    assert counts("age_group") == {}  # counted against each scored answer only
    row = SegmentCount.objects.get(segment_key="veteran", segment_value="no")
    assert (row.measure, row.channel, row.service_id) == (
        "trust",
        "website",
        world.service.pk,
    )
    assert rollup_catch_up() == 0
    out = StringIO()
    call_command("rollups", "check", stdout=out)
    assert "match the raw responses (4 recounted)" in out.getvalue()
    SegmentCount.objects.filter(segment_value="no").update(count=7)
    with pytest.raises(CommandError, match="differ"):
        call_command("rollups", "check", stdout=StringIO(), stderr=StringIO())
    call_command("rollups", "rebuild", stdout=StringIO())
    call_command("rollups", "check", stdout=StringIO())
    assert SegmentCount.objects.get(segment_key="veteran", segment_value="no").count == 1


@pytest.mark.skipif(connection.vendor != "postgresql", reason="a PostgreSQL storage parameter")
def test_rollup_tables_leave_room_for_updates_in_place(db: None) -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relname, reloptions FROM pg_class WHERE relname IN "
            "('analytics_answercount', 'analytics_segmentcount', 'analytics_momentsum')"
        )
        options = dict(cursor.fetchall())
    assert sorted(options) == [
        "analytics_answercount",
        "analytics_momentsum",
        "analytics_segmentcount",
    ]
    assert all(value == ["fillfactor=70"] for value in options.values())


def test_a_cell_type_that_drifts_from_its_model_is_refused(db: None) -> None:
    assert describe(MomentSum, MomentCell, "total").key == (
        "day",
        "survey_id",
        "touchpoint_id",
        "language",
        "term",
    )
    with pytest.raises(ImproperlyConfigured, match="AnswerCell does not match MomentSum"):
        describe(MomentSum, AnswerCell, "total")
