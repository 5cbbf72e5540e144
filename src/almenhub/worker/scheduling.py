"""Periodic jobs, declared in code in one place per app and run by the worker.

An app declares its jobs in its own `jobs.py` (found by `WorkerConfig.ready`)::

    from datetime import timedelta
    from almenhub.worker.scheduling import periodic

    @periodic(every=timedelta(days=1))
    def meetings_anonymise() -> str:
        return f"{registrations_anonymise(months=6)} anonymiseret"

The scheduler (`manage.py run_scheduler`, started beside the web server by
`make run` and `make prod-demo`) claims each due job with one conditional
UPDATE on its `ScheduledJob` row, which moves the due time on and takes the
row's lock in the same statement; the database lets exactly one of several
schedulers win it. The winner enqueues the run as a task, the worker runs it,
logs it as a `JobRun` and releases the lock. A run that died holding the lock
(its worker killed) gives it up after the job's `timeout`.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Q
from django.utils import timezone
from django_tasks import task

from almenhub.worker.models import JobRun, ScheduledJob

logger = logging.getLogger(__name__)

JobFunction = Callable[[], object]


@dataclass(frozen=True)
class Job:
    name: str
    every: timedelta
    timeout: timedelta
    function: JobFunction


_jobs: dict[str, Job] = {}


def periodic(
    *,
    every: timedelta,
    name: str | None = None,
    timeout: timedelta = timedelta(hours=1),
) -> Callable[[JobFunction], JobFunction]:
    """Declare a function (no arguments; what it returns is logged) as a job
    run every `every`. Named `<module>.<function>` unless `name` is given; a
    name is its identity in the database, so renaming one starts it afresh."""

    def declare(function: JobFunction) -> JobFunction:
        job_name = name or f"{function.__module__}.{function.__qualname__}"
        if job_name in _jobs and _jobs[job_name].function is not function:
            raise ValueError(f"Two periodic jobs are named {job_name}")
        _jobs[job_name] = Job(
            name=job_name, every=every, timeout=timeout, function=function
        )
        return function

    return declare


def jobs() -> dict[str, Job]:
    return dict(_jobs)


def job_claim(*, job: Job, now: datetime) -> str | None:
    """Take the job's run now if it is due and nobody runs it; returns the
    claim that releases it, or None when it is not this caller's to run."""
    ScheduledJob.objects.bulk_create(
        [ScheduledJob(name=job.name, next_run_at=now)], ignore_conflicts=True
    )
    claim = uuid.uuid4().hex
    won = (
        ScheduledJob.objects.filter(name=job.name, next_run_at__lte=now)
        .filter(Q(running_since__isnull=True) | Q(running_since__lt=now - job.timeout))
        .update(next_run_at=now + job.every, running_since=now, claim=claim)
    )
    return claim if won else None


def scheduler_tick(*, now: datetime | None = None) -> list[str]:
    """Enqueue every due job this scheduler wins; returns their names."""
    now = now or timezone.now()
    started = []
    for job in _jobs.values():
        claim = job_claim(job=job, now=now)
        if claim is not None:
            scheduled_job_run.enqueue(name=job.name, claim=claim)
            started.append(job.name)
    return started


def job_run(*, name: str, claim: str) -> JobRun:
    """Run a claimed job, log the run and release the claim."""
    run = JobRun.objects.create(name=name, started_at=timezone.now())
    job = _jobs.get(name)
    try:
        if job is None:
            raise LookupError(f"No periodic job is named {name}")
        result = job.function()
    except Exception as error:  # noqa: BLE001 - logged, and the lock released
        logger.exception("Job %s fejlede", name)
        run.outcome = JobRun.Outcome.FAILED
        run.message = f"{type(error).__name__}: {error}"
    else:
        run.outcome = JobRun.Outcome.SUCCEEDED
        run.message = "" if result is None else str(result)
        logger.info("Job %s gennemført: %s", name, run.message)
    finally:
        run.finished_at = timezone.now()
        run.save(update_fields=["outcome", "message", "finished_at"])
        ScheduledJob.objects.filter(name=name, claim=claim).update(
            running_since=None, claim=""
        )
    return run


@task()
def scheduled_job_run(*, name: str, claim: str) -> str:
    return job_run(name=name, claim=claim).outcome
