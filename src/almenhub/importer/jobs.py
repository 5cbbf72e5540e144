"""Imports started in the admin: the upload is kept as an ImportJob and
imported by the worker, page by page in the same order as the command
(`services.import_uploads`), with its progress where the editor's page
can read it while the import's transaction is still open."""

from __future__ import annotations

import functools
import logging
from collections.abc import Iterable, Iterator, Sequence

from django.core.cache import caches
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from .files import ImportSetupError, PageFile
from .models import ImportJob, ImportJobFile, ImportStatus
from .services import import_uploads
from .summary import summary_to_data

logger = logging.getLogger(__name__)

# The shared cache reaches every process (web and worker); a batch's pages
# are written in one transaction, so a count in the database would only
# move once per batch.
PROGRESS_SECONDS = 24 * 3600


def _progress_key(job_id: int) -> str:
    return f"importer:job:{job_id}:done"


def import_job_progress(*, job: ImportJob) -> int:
    """How many of the job's pages have been imported so far."""
    if not job.is_busy:
        return job.total
    return caches["shared"].get(_progress_key(job.pk), 0)


def import_job_create(
    *,
    user,
    files: Iterable[tuple[str, bytes]],
    programme,
    dry_run: bool,
    skipped: Sequence[str] = (),
) -> ImportJob:
    """Keep an upload to be imported by the worker, which is told once the
    job's rows are committed."""
    with transaction.atomic():
        job = ImportJob.objects.create(
            created_by=user if user.is_authenticated else None,
            programme=programme,
            dry_run=dry_run,
            skipped=list(skipped),
        )
        # One at a time, so that one file at a time is in memory.
        for position, (name, data) in enumerate(files):
            ImportJobFile.objects.create(
                job=job, position=position, name=name, data=data
            )
        transaction.on_commit(functools.partial(import_job_task.enqueue, job_id=job.pk))
    return job


def import_job_run(*, job_id: int) -> ImportJob | None:
    """Import a job's files and keep its summary; the files are deleted
    afterwards. A job that is not queued (run already) is left alone."""
    claimed = ImportJob.objects.filter(pk=job_id, status=ImportStatus.QUEUED).update(
        status=ImportStatus.RUNNING
    )
    if not claimed:
        return None
    job = ImportJob.objects.get(pk=job_id)
    cache = caches["shared"]
    key = _progress_key(job.pk)
    cache.set(key, 0, PROGRESS_SECONDS)

    def progress(files: Sequence[PageFile]) -> Iterable[PageFile]:
        ImportJob.objects.filter(pk=job.pk).update(total=len(files))

        def counted() -> Iterator[PageFile]:
            for done, file in enumerate(files):
                cache.set(key, done, PROGRESS_SECONDS)
                yield file

        return counted()

    uploads = [
        (name, bytes(data))
        for name, data in job.files.order_by("position").values_list("name", "data")
    ]
    try:
        summary = import_uploads(
            files=uploads,
            programme=job.programme,
            dry_run=job.dry_run,
            progress=progress,
        )
    except ImportSetupError as error:
        job.status, job.error = ImportStatus.FAILED, str(error)
    except Exception as error:  # the editor must learn that it stopped
        logger.exception("Import %s fejlede", job.pk)
        job.status = ImportStatus.FAILED
        job.error = f"Importen stoppede ved en uventet fejl ({type(error).__name__})."
    else:
        job.status, job.summary = ImportStatus.DONE, summary_to_data(summary)
        job.total = summary.found
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "error", "summary", "total", "finished_at"])
    job.files.all().delete()
    cache.delete(key)
    return job


@task()
def import_job_task(*, job_id: int) -> str:
    """The worker's entry: run the job (see import_job_run)."""
    job = import_job_run(job_id=job_id)
    return job.status if job is not None else "skipped"
