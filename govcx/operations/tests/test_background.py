"""Periodic work cannot stop for good: each tick queues it whatever the last run did, one run at
a time anywhere, and work left behind by a dead or disconnected worker goes back to the queue."""

import threading
from collections.abc import Iterator
from datetime import timedelta

import pytest
from django.db import connection
from django.test import override_settings
from django.utils import timezone
from django_tasks import task
from django_tasks_db.models import DBTaskResult

from govcx.operations.models import Heartbeat, PeriodicJob
from govcx.operations.periodic import (
    Periodic,
    overdue_enqueue,
    periodic_enqueue,
    periodic_job,
    periodic_register,
    periodic_run,
    process_id_set,
)
from govcx.operations.scheduler import scheduler_build, tick
from govcx.operations.worker import ResilientWorker, orphans_requeue

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
calls: list[str] = []


@task()
def flaky() -> str:
    return periodic_run("test-flaky", _flaky_work) or "skipped"


def _flaky_work() -> str:
    calls.append("run")
    if len(calls) == 1:
        raise RuntimeError("the first run fails")
    return "done"


FLAKY = periodic_register(Periodic(name="test-flaky", task=flaky, every=lambda: 60))


@pytest.fixture(autouse=True)
def fresh_calls() -> Iterator[None]:
    calls.clear()
    yield
    process_id_set("")


def worker(**options: object) -> ResilientWorker:
    settings: dict[str, object] = {
        "queue_names": ["default"],
        "interval": 0.05,
        "batch": True,
        "backend_name": "default",
        "startup_delay": False,
        "max_tasks": None,
        "worker_id": "worker-test",
        "excluded_queue_names": [],
    }
    settings.update(options)
    return ResilientWorker(**settings)  # type: ignore[arg-type]


@pytest.mark.django_db(transaction=True)  # the worker manages its connection as in production
@override_settings(TASKS=DATABASE_TASKS)
def test_a_failing_run_leaves_the_work_scheduled() -> None:
    assert periodic_enqueue(FLAKY)
    assert not periodic_enqueue(FLAKY)  # one waiting run at a time
    worker().run()
    first = DBTaskResult.objects.get(task_path=flaky.module_path)
    assert first.status == "FAILED"
    record = PeriodicJob.objects.get(name="test-flaky")
    assert (record.failures, record.last_error, record.last_succeeded_at) == (
        1,
        "RuntimeError",
        None,
    )
    tick(FLAKY)  # the scheduler's next tick queues it again: no chain to break
    worker().run()
    record.refresh_from_db()
    assert record.last_succeeded_at is not None
    assert record.leased_by == ""
    assert calls == ["run", "run"]


@pytest.mark.django_db(transaction=True)
def test_two_workers_never_run_the_same_work_at_once() -> None:
    inside = threading.Event()
    release = threading.Event()
    outcomes: list[str | None] = []

    def slow() -> str:
        inside.set()
        release.wait(10)
        return "first"

    def first_worker() -> None:
        outcomes.append(periodic_run("test-flaky", slow))
        connection.close()

    thread = threading.Thread(target=first_worker)
    thread.start()
    assert inside.wait(10)
    process_id_set("another-worker")
    assert periodic_run("test-flaky", lambda: "second") is None  # held elsewhere: skipped
    release.set()
    thread.join(10)
    assert outcomes == ["first"]
    assert periodic_run("test-flaky", lambda: "second") == "second"  # free again


def test_a_lease_held_by_a_dead_worker_is_taken_over(db: None) -> None:
    long_ago = timezone.now() - timedelta(minutes=5)
    Heartbeat.objects.create(
        process_id="killed",
        kind="worker",
        hostname="h",
        pid=1,
        started_at=long_ago,
        seen_at=long_ago,
    )
    PeriodicJob.objects.create(
        name="test-flaky", leased_by="killed", lease_until=timezone.now() + timedelta(hours=1)
    )
    assert periodic_run("test-flaky", lambda: "ran") == "ran"


@override_settings(TASKS=DATABASE_TASKS)
def test_tasks_left_running_by_a_killed_worker_go_back_to_the_queue(db: None) -> None:
    now = timezone.now()
    Heartbeat.objects.create(
        process_id="killed",
        kind="worker",
        hostname="h",
        pid=1,
        started_at=now,
        seen_at=now - timedelta(minutes=2),
    )
    Heartbeat.objects.create(
        process_id="alive", kind="worker", hostname="h", pid=2, started_at=now, seen_at=now
    )
    orphan = flaky.enqueue()
    busy = flaky.enqueue()
    DBTaskResult.objects.filter(pk=orphan.id).update(status="RUNNING", worker_ids=["killed"])
    DBTaskResult.objects.filter(pk=busy.id).update(status="RUNNING", worker_ids=["alive"])
    assert orphans_requeue() == 1
    assert DBTaskResult.objects.get(pk=orphan.id).status == "READY"
    assert DBTaskResult.objects.get(pk=busy.id).status == "RUNNING"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="cuts a PostgreSQL session")
@pytest.mark.django_db(transaction=True)
@override_settings(TASKS=DATABASE_TASKS)
def test_the_worker_reconnects_after_its_connection_is_cut() -> None:
    """Its database session is terminated while it waits for work (what a restart does to
    it); it reconnects and runs what is queued next."""
    calls.append("the first run already failed")  # so the next run succeeds
    done = worker(batch=False, max_tasks=1, interval=0.1)

    def run() -> None:
        done.run()
        connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    with connection.cursor() as cursor:
        for _ in range(100):
            cursor.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid() "
                "AND backend_type = 'client backend'"
            )
            if cursor.fetchall():
                break
            threading.Event().wait(0.05)
    flaky.enqueue()
    thread.join(30)
    assert not thread.is_alive()
    assert DBTaskResult.objects.get(task_path=flaky.module_path).status == "SUCCESSFUL"


def test_the_scheduler_has_every_job_and_does_not_rerun_daily_work_on_restart(db: None) -> None:
    now = timezone.now()
    PeriodicJob.objects.create(name="retention-purge", last_started_at=now - timedelta(hours=1))
    jobs = {job.id: job for job in scheduler_build().get_jobs()}
    assert {"rollups", "retention-purge", "inactive-accounts", "pra-reminders"} <= set(jobs)
    assert "housekeeping" in jobs
    purge_in = jobs["retention-purge"].next_run_time - now
    assert timedelta(hours=22) < purge_in < timedelta(hours=24)
    assert jobs["rollups"].next_run_time - now < timedelta(seconds=5)
    assert periodic_job("rollups").every() == 5


@override_settings(TASKS=DATABASE_TASKS)
def test_overdue_work_is_queued_again_soon_after_a_fault_clears(db: None) -> None:
    """A daily run whose tick was lost in an outage is queued within a minute, not a day later;
    after a failed run the retry waits a few minutes; work done on time is left alone."""
    now = timezone.now()
    day_ago = now - timedelta(days=1, minutes=5)
    PeriodicJob.objects.create(
        name="retention-purge", last_started_at=day_ago, last_succeeded_at=day_ago
    )
    PeriodicJob.objects.create(
        name="inactive-accounts",
        last_started_at=now - timedelta(minutes=1),
        last_failed_at=now - timedelta(minutes=1),
        last_succeeded_at=day_ago,
    )
    PeriodicJob.objects.create(name="pra-reminders", last_succeeded_at=now - timedelta(hours=1))
    assert overdue_enqueue(now=now) == ["retention-purge"]
    assert overdue_enqueue(now=now) == []  # one waiting run is enough
    assert overdue_enqueue(now=now + timedelta(minutes=5)) == ["inactive-accounts"]
