"""The scheduler: jobs declared in each app's jobs.py, claimed once, logged."""

from __future__ import annotations

import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import timezone

from almenhub.worker.models import JobRun, ScheduledJob
from almenhub.worker.scheduling import Job, job_claim, job_run, jobs, periodic

ROOT = Path(settings.BASE_DIR)


def test_the_existing_periodic_work_is_declared():
    names = set(jobs())
    assert {
        "meetings.anonymise_registrations",
        "meetings.reminders_send",
        "search.outbox_drain",
        "search.drift_repair",
        "sessions.clear_expired",
    } <= names


@pytest.mark.django_db
def test_a_due_job_is_claimed_once_until_it_is_due_again():
    job = Job(
        name="t.once",
        every=timedelta(hours=1),
        timeout=timedelta(minutes=90),
        function=lambda: None,
    )
    now = timezone.now()
    first = job_claim(job=job, now=now)
    assert first is not None
    assert job_claim(job=job, now=now) is None
    # Due again, but the first run still holds the lock.
    assert job_claim(job=job, now=now + timedelta(hours=1, seconds=1)) is None
    # A run that died holding it gives it up after the timeout.
    later = now + timedelta(hours=2)
    assert job_claim(job=job, now=later) is not None
    row = ScheduledJob.objects.get(name="t.once")
    assert row.next_run_at == later + timedelta(hours=1)


@pytest.mark.django_db
def test_a_run_is_logged_and_releases_its_lock_even_when_it_fails(caplog):
    calls = []

    @periodic(every=timedelta(minutes=1), name="t.flaky")
    def flaky() -> str:
        calls.append(1)
        if len(calls) == 1:
            raise RuntimeError("databasen var væk")
        return "ok"

    try:
        call_command("run_scheduler", once=True, stdout=open("/dev/null", "w"))
        failed = JobRun.objects.get(name="t.flaky")
        assert failed.outcome == JobRun.Outcome.FAILED
        assert "databasen var væk" in failed.message and failed.finished_at
        assert ScheduledJob.objects.get(name="t.flaky").running_since is None
        # Not due yet: nothing runs.
        call_command("run_scheduler", once=True, stdout=open("/dev/null", "w"))
        assert len(calls) == 1
        ScheduledJob.objects.filter(name="t.flaky").update(next_run_at=timezone.now())
        call_command("run_scheduler", once=True, stdout=open("/dev/null", "w"))
        assert JobRun.objects.filter(name="t.flaky").first().message == "ok"
    finally:
        from almenhub.worker import scheduling

        scheduling._jobs.pop("t.flaky")


@pytest.mark.django_db
def test_a_claim_no_longer_held_does_not_release_the_new_holder():
    job = Job(
        name="t.stale",
        every=timedelta(minutes=1),
        timeout=timedelta(minutes=5),
        function=lambda: None,
    )
    now = timezone.now()
    old = job_claim(job=job, now=now)
    new = job_claim(job=job, now=now + timedelta(minutes=10))
    assert old and new and old != new
    job_run(name="t.stale", claim=old)  # the first, late, finishes at last
    assert ScheduledJob.objects.get(name="t.stale").running_since is not None


SCHEDULER = """
import os, sys, time
import django
django.setup()
from django.core.management import call_command
import almenhub.worker.tests.slow_job  # registers test.slow
start = float(sys.argv[1])
time.sleep(max(0, start - time.time()))
call_command("run_scheduler", once=True)
"""


@pytest.mark.isolated
@pytest.mark.django_db(transaction=True)
def test_two_schedulers_at_once_run_each_job_once(hub_environment, tmp_path):
    log = tmp_path / "slow.log"
    env = {**hub_environment(), "SLOW_JOB_LOG": str(log)}
    # Both wait for the same moment once Django is up, so that they tick together.
    start = time.time() + 6
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", SCHEDULER, str(start)],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        for _ in range(2)
    ]
    outputs = [p.communicate(timeout=120)[0] for p in processes]
    assert all(p.returncode == 0 for p in processes), outputs
    assert time.time() > start, "the schedulers did not wait for each other"
    started = [
        line.removeprefix("Startet: ")
        for out in outputs
        for line in out.splitlines()
        if line.startswith("Startet: ")
    ]
    assert sorted(started) == sorted(set(started)), outputs
    assert "test.slow" in started and "meetings.anonymise_registrations" in started
    assert len(log.read_text().splitlines()) == 1
