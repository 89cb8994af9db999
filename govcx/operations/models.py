"""What the background processes record about themselves, for leases and for /healthz."""

from django.db import models


class PeriodicJob(models.Model):
    """One kind of periodic work (rollups, purge, ...): who holds it now and how it last went.

    A run takes the lease with one conditional UPDATE, so two workers never run the same work at
    once; a lease whose holder stopped sending heartbeats (a killed worker) is taken over."""

    name = models.CharField(max_length=50, primary_key=True)
    lease_until = models.DateTimeField(null=True, blank=True)
    leased_by = models.CharField(max_length=64, blank=True)
    last_started_at = models.DateTimeField(null=True, blank=True)
    last_succeeded_at = models.DateTimeField(null=True, blank=True)
    last_failed_at = models.DateTimeField(null=True, blank=True)
    # The exception's class only: a message could quote a respondent's answer.
    last_error = models.CharField(max_length=200, blank=True)
    runs = models.PositiveBigIntegerField(default=0)
    failures = models.PositiveBigIntegerField(default=0)

    def __str__(self) -> str:
        return self.name


class Heartbeat(models.Model):
    """A live background process (worker or scheduler); ``seen_at`` moves every few seconds."""

    class Kind(models.TextChoices):
        WORKER = "worker"
        SCHEDULER = "scheduler"

    process_id = models.CharField(max_length=64, primary_key=True)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    hostname = models.CharField(max_length=255)
    pid = models.PositiveIntegerField()
    started_at = models.DateTimeField()
    seen_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"{self.kind} {self.hostname}:{self.pid}"
