"""The long-lived background processes: heartbeats, a worker that outlives database outages, and
the return of tasks whose worker died.

django-tasks' database worker (``db_worker``) stops for good on the first database error. The
worker here runs the same loop and, like healthchecks' ``sendalerts``, closes its connections,
backs off and carries on; the tasks it had claimed when the database went away go back to the
queue. A process supervisor (systemd, the Procfile runner, the platform) restarts it if it
exits for any other reason.
"""

import logging
import os
import socket
import threading
import time
from datetime import datetime

from django.db import DatabaseError, close_old_connections, connections
from django.utils import timezone
from django.utils.crypto import get_random_string
from django_tasks_db.management.commands.db_worker import Worker

from govcx.operations.models import Heartbeat
from govcx.operations.periodic import HEARTBEAT_SECONDS, STALE_AFTER

logger = logging.getLogger("govcx.background")
MAX_BACKOFF = 10.0


def connections_reset() -> None:
    """Drop this thread's connections, broken ones included, so the next query reconnects."""
    for connection in connections.all(initialized_only=True):
        try:
            connection.close()
        except DatabaseError:
            connection.connection = None


def heartbeat_write(process: str, kind: Heartbeat.Kind, started: datetime) -> None:
    Heartbeat.objects.update_or_create(
        process_id=process,
        defaults={
            "kind": kind,
            "hostname": socket.gethostname()[:255],
            "pid": os.getpid(),
            "started_at": started,
            "seen_at": timezone.now(),
        },
    )


class HeartbeatThread(threading.Thread):
    """Writes this process's heartbeat every few seconds on its own connection, whatever the
    main loop is doing (a long task included); stops with the process."""

    def __init__(self, process: str, kind: Heartbeat.Kind) -> None:
        super().__init__(name=f"heartbeat-{kind}", daemon=True)
        self.process = process
        self.kind = kind
        self.started = timezone.now()
        self.stopping = threading.Event()

    def run(self) -> None:
        while not self.stopping.is_set():
            try:
                heartbeat_write(self.process, self.kind, self.started)
            except DatabaseError:
                connections_reset()
            self.stopping.wait(HEARTBEAT_SECONDS)
        connections_reset()


def orphans_requeue(*, now: datetime | None = None) -> int:
    """Put back in the queue the tasks left RUNNING by a process that stopped sending
    heartbeats (a worker killed mid-task). Tasks are run at least once: govcx's tasks are
    written to be safe to run again."""
    from django_tasks_db.models import DBTaskResult

    now = now or timezone.now()
    dead = set(
        Heartbeat.objects.filter(seen_at__lt=now - STALE_AFTER).values_list("process_id", flat=True)
    )
    live = set(
        Heartbeat.objects.filter(seen_at__gte=now - STALE_AFTER).values_list(
            "process_id", flat=True
        )
    )
    stuck = [
        result.pk
        for result in DBTaskResult.objects.filter(status="RUNNING").only("pk", "worker_ids")
        if result.worker_ids and result.worker_ids[-1] in dead and result.worker_ids[-1] not in live
    ]
    requeued = _requeue(stuck)
    # Forget processes long gone, so the table stays as small as the fleet.
    Heartbeat.objects.filter(seen_at__lt=now - 100 * STALE_AFTER).delete()
    if requeued:
        logger.warning("requeued %d task(s) left running by a stopped worker", requeued)
    return requeued


def _requeue(ids: list[object]) -> int:
    from django_tasks_db.models import DBTaskResult

    if not ids:
        return 0
    return DBTaskResult.objects.filter(pk__in=ids, status="RUNNING").update(
        status="READY", started_at=None
    )


class ResilientWorker(Worker):
    """django-tasks' database worker, restarted in place after a database error."""

    def run(self) -> None:
        backoff = 1.0
        while self.running:
            began = time.monotonic()
            try:
                super().run()
                return  # --batch or --max-tasks: the loop ended by design
            except DatabaseError as error:
                if time.monotonic() - began > 60:
                    backoff = 1.0  # a fresh outage after a good run starts from a short wait
                logger.warning(
                    "database unavailable (%s: %s); worker %s retries in %.0f s",
                    type(error).__name__,
                    str(error)[:200],
                    self.worker_id,
                    backoff,
                )
                connections_reset()
                time.sleep(backoff)
                backoff = min(backoff * 2, MAX_BACKOFF)
                self._claimed_return()

    def _claimed_return(self) -> None:
        """Tasks this worker claimed before the outage are not finished: queue them again."""
        from django_tasks_db.models import DBTaskResult

        try:
            mine = [
                result.pk
                for result in DBTaskResult.objects.filter(status="RUNNING").only("pk", "worker_ids")
                if result.worker_ids and result.worker_ids[-1] == self.worker_id
            ]
            _requeue(mine)
        except DatabaseError:
            connections_reset()  # still down: the loop above waits and tries again
        finally:
            close_old_connections()


def new_process_id(kind: str) -> str:
    return f"{kind}-{socket.gethostname()[:20]}-{os.getpid()}-{get_random_string(8)}"
