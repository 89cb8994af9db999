"""/healthz and `govcx status`: database, cache and every kind of periodic work, cheaply."""

from datetime import timedelta
from io import StringIO
from unittest import mock

import pytest
from django.core.management import call_command
from django.db import OperationalError
from django.test import Client, override_settings
from django.utils import timezone

from govcx.analytics.rollups import rollup_catch_up
from govcx.collection.models import Response
from govcx.collection.tests.helpers import published_survey, submit
from govcx.operations.models import Heartbeat, PeriodicJob
from govcx.operations.periodic import periodic_jobs
from govcx.testing.factories import World


def all_running(*, succeeded_ago: timedelta = timedelta(seconds=1)) -> None:
    """A worker and a scheduler alive, and every periodic job successful just now."""
    now = timezone.now()
    for kind in Heartbeat.Kind:
        Heartbeat.objects.create(
            process_id=f"{kind}-1", kind=kind, hostname="h", pid=1, started_at=now, seen_at=now
        )
    for job in periodic_jobs():
        PeriodicJob.objects.create(name=job.name, last_succeeded_at=now - succeeded_ago)


def health() -> dict[str, object]:
    response = Client().get("/healthz")
    assert response.status_code == 200
    assert "no-cache" in response["Cache-Control"]
    body: dict[str, object] = response.json()
    return body


def test_ok_when_workers_run_and_every_job_succeeded(db: None) -> None:
    all_running()
    body = health()
    assert body["status"] == "ok"
    checks = body["checks"]
    assert isinstance(checks, dict)
    assert checks["database"]["status"] == "ok"
    background = checks["background"]
    assert (background["workers"], background["schedulers"]) == (1, 1)
    assert set(background["jobs"]) == {job.name for job in periodic_jobs()}
    assert background["jobs"]["rollups"]["lag"]["uncounted"] == 0


def test_degraded_without_a_worker_or_a_scheduler(db: None) -> None:
    all_running()
    Heartbeat.objects.filter(kind=Heartbeat.Kind.WORKER).update(
        seen_at=timezone.now() - timedelta(minutes=5)
    )
    body = health()
    assert body["status"] == "degraded"
    assert any("no worker" in p for p in body["checks"]["background"]["problems"])  # type: ignore[index]


@override_settings(GOVCX_HEALTH_LAG_SECONDS=60)
def test_degraded_when_a_job_has_not_succeeded_within_its_interval(db: None) -> None:
    all_running(succeeded_ago=timedelta(days=2))
    body = health()
    assert body["status"] == "degraded"
    jobs = body["checks"]["background"]["jobs"]  # type: ignore[index]
    assert "last succeeded" in jobs["retention-purge"]["problem"]


@override_settings(GOVCX_HEALTH_LAG_SECONDS=60)
def test_reports_responses_waiting_to_be_counted_and_how_long(world: World) -> None:
    all_running()
    survey = published_survey(world)
    for _ in range(3):
        assert submit(survey, {"trust": "1"}).status_code == 201
    lag = health()["checks"]["background"]["jobs"]["rollups"]["lag"]  # type: ignore[index]
    assert lag["uncounted"] == 3
    assert lag["oldest_uncounted_seconds"] < 60
    Response.objects.update(received_at=timezone.now() - timedelta(minutes=10))
    body = health()
    assert body["status"] == "degraded"
    assert "waiting" in body["checks"]["background"]["jobs"]["rollups"]["problem"]  # type: ignore[index]
    rollup_catch_up()
    assert health()["checks"]["background"]["jobs"]["rollups"]["lag"]["uncounted"] == 0  # type: ignore[index]


def test_failing_with_503_when_the_database_does_not_answer(db: None) -> None:
    with mock.patch(
        "django.db.backends.utils.CursorWrapper.execute", side_effect=OperationalError("down")
    ):
        response = Client().get("/healthz")
    assert response.status_code == 503
    assert response.json()["status"] == "failing"
    assert response.json()["checks"]["database"]["status"] == "failing"


def test_head_works_for_probes(db: None) -> None:
    assert Client().head("/healthz").status_code == 200


@pytest.mark.parametrize(("fresh", "code"), [(True, 0), (False, 1)])
def test_status_command_prints_the_report_and_exits_with_its_level(
    db: None, fresh: bool, code: int
) -> None:
    all_running(succeeded_ago=timedelta(seconds=1) if fresh else timedelta(days=3))
    out = StringIO()
    with pytest.raises(SystemExit) as exit_:
        call_command("status", stdout=out)
    assert exit_.value.code == code
    text = out.getvalue()
    assert text.startswith(f"status: {'ok' if fresh else 'degraded'}")
    assert "rollups: every" in text
