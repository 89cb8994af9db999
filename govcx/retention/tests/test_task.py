"""The purge runs as a background task that the scheduler queues daily (ADR 17)."""

from datetime import date
from io import StringIO

from django.core.management import call_command
from django.test import override_settings
from django_tasks_db.models import DBTaskResult

from govcx.analytics.rollups import rollup_catch_up
from govcx.collection.models import Response
from govcx.collection.tests.helpers import published_survey
from govcx.retention.tasks import retention_purge
from govcx.testing.factories import World, noon, respond_many


def test_the_task_purges_what_is_due_today(world: World) -> None:
    survey = published_survey(world)
    respond_many(survey, {"trust": "1"}, 2, when=noon(date(2020, 8, 1)))
    rollup_catch_up()
    assert retention_purge.enqueue().return_value == 2
    assert Response.objects.count() == 0


@override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
def test_schedule_queues_one_purge_at_a_time(db: None) -> None:
    out = StringIO()
    call_command("retention", "schedule", stdout=out)
    call_command("retention", "schedule", stdout=out)
    assert out.getvalue().splitlines() == ["Purge task queued.", "A purge task is already queued."]
    assert DBTaskResult.objects.filter(task_path=retention_purge.module_path).count() == 1
