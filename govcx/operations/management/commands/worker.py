"""``govcx worker``: run background tasks; survives database outages (docs/operations.md)."""

from argparse import ArgumentParser
from typing import Any

from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand

from govcx.operations.models import Heartbeat
from govcx.operations.periodic import process_id_set
from govcx.operations.worker import HeartbeatThread, ResilientWorker, new_process_id


class Command(DbWorkerCommand):
    help = (
        "Run background tasks (rollups, purge, emails, ...). Start one or more, on any number "
        "of machines; they share the queue in the database. Reconnects after database errors."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        super().add_arguments(parser)
        # A worker is a service under a supervisor, never reloaded from under a running task.
        parser.set_defaults(reload=False, worker_id=new_process_id("worker"))

    def configure_logging(self, verbosity: int) -> None:
        """Logging comes from settings.LOGGING (JSON in production), not from the verbosity."""

    def handle(self, *args: Any, **options: Any) -> None:
        queue_names = options["queue_name"].split(",")
        excluded = options["exclude_queues"].split(",") if options["exclude_queues"] else []
        worker = ResilientWorker(
            queue_names=queue_names,
            interval=options["interval"],
            batch=options["batch"],
            backend_name=options["backend_name"],
            startup_delay=options["startup_delay"],
            max_tasks=options["max_tasks"],
            worker_id=options["worker_id"],
            excluded_queue_names=excluded,
        )
        process_id_set(worker.worker_id)
        heartbeat = HeartbeatThread(worker.worker_id, Heartbeat.Kind.WORKER)
        heartbeat.start()
        worker.configure_signals()
        try:
            worker.run()
        finally:
            heartbeat.stopping.set()
