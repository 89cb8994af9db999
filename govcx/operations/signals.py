"""One log line and the metrics for every background task run, whichever process runs it."""

import logging
from typing import Any

from django.dispatch import receiver
from django_tasks.base import TaskResult
from django_tasks.signals import task_finished

from govcx.operations.metrics import TASK_RUNS, TASK_SECONDS

logger = logging.getLogger("govcx.task")


@receiver(task_finished)
def task_run_record(sender: type, task_result: TaskResult[Any], **kwargs: Any) -> None:
    name = task_result.task.name
    seconds = None
    if task_result.started_at and task_result.finished_at:
        seconds = (task_result.finished_at - task_result.started_at).total_seconds()
        TASK_SECONDS.labels(name).observe(seconds)
    status = str(task_result.status)
    TASK_RUNS.labels(name, status.lower()).inc()
    logger.info(
        "task %s %s",
        name,
        status.lower(),
        extra={
            "task_id": str(task_result.id),
            "task": name,
            "status": status.lower(),
            "ms": round(seconds * 1000, 1) if seconds is not None else None,
            "worker_id": task_result.worker_ids[-1] if task_result.worker_ids else None,
            # The exception's class only: its message could quote personal data.
            "error": task_result.errors[-1].exception_class_path if task_result.errors else None,
        },
    )
