"""An import an editor started in the admin: the uploaded files, kept until
the worker has imported them, and what came of it."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class ImportStatus(models.TextChoices):
    QUEUED = "queued", "I kø"
    RUNNING = "running", "Importerer"
    DONE = "done", "Færdig"
    FAILED = "failed", "Fejlet"


class ImportJob(models.Model):
    """One upload, imported by the worker (`tasks.import_job_run`) so that
    the editor's request does not wait for it and can show its progress."""

    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    programme = models.ForeignKey(
        "projects.ProgrammePage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Tom: “Importerede projekter”.",
    )
    dry_run = models.BooleanField(default=False)
    status = models.CharField(
        max_length=10, choices=ImportStatus.choices, default=ImportStatus.QUEUED
    )
    # Pages to import (known once the upload is unpacked and ordered).
    total = models.PositiveIntegerField(default=0)
    # Files the form left out (same content as another), for the result.
    skipped = models.JSONField(default=list, blank=True)
    # The ImportSummary, once done (summary.summary_to_data).
    summary = models.JSONField(null=True, blank=True)
    error = models.TextField(blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "import"
        verbose_name_plural = "importer"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Import {self.pk} ({self.get_status_display()})"

    @property
    def is_busy(self) -> bool:
        return self.status in (ImportStatus.QUEUED, ImportStatus.RUNNING)


class ImportJobFile(models.Model):
    """An uploaded file (a page, an addresses.csv or a zip archive), in the
    order of the upload; deleted once the job has run."""

    job = models.ForeignKey(ImportJob, on_delete=models.CASCADE, related_name="files")
    position = models.PositiveIntegerField()
    name = models.CharField(max_length=255)
    data = models.BinaryField()

    class Meta:
        ordering = ["position"]

    def __str__(self) -> str:
        return self.name
