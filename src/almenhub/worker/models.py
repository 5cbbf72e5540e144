"""The scheduler's state and log, in the database every process shares: a
row per job holds its next due time and, while it runs, who runs it (the
lock that keeps two schedulers from running it twice); a row per run is the
log an operator reads."""

from __future__ import annotations

from django.db import models


class ScheduledJob(models.Model):
    name = models.CharField("navn", max_length=100, unique=True)
    next_run_at = models.DateTimeField("næste kørsel")
    running_since = models.DateTimeField("kører siden", null=True, blank=True)
    # Which claim holds the lock: only that run may release it.
    claim = models.CharField("kørsel", max_length=64, blank=True)

    class Meta:
        verbose_name = "planlagt job"
        verbose_name_plural = "planlagte job"

    def __str__(self) -> str:
        return self.name


class JobRun(models.Model):
    class Outcome(models.TextChoices):
        RUNNING = "running", "Kører"
        SUCCEEDED = "succeeded", "Gennemført"
        FAILED = "failed", "Fejlet"

    name = models.CharField("job", max_length=100, db_index=True)
    started_at = models.DateTimeField("startet")
    finished_at = models.DateTimeField("afsluttet", null=True, blank=True)
    outcome = models.CharField(
        "udfald", max_length=20, choices=Outcome.choices, default=Outcome.RUNNING
    )
    message = models.TextField("besked", blank=True)

    class Meta:
        verbose_name = "jobkørsel"
        verbose_name_plural = "jobkørsler"
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return f"{self.name} {self.started_at:%Y-%m-%d %H:%M}"
