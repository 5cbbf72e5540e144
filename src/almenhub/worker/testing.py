"""For tests: run what the database queue holds, with the real worker loop."""

from __future__ import annotations

import contextlib
import socket
from collections.abc import Iterator
from unittest import mock

from django.core.mail.backends import locmem
from django.db import connection
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.management.commands import db_worker
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def worker_run_ready_tasks() -> None:
    """Run every task that is due now (django_tasks_db's worker in batch
    mode, in this process and this test's database), then return.

    Inside a test's transaction the worker must not close the connection
    between tasks as it does in its own process (that would end the test's
    transaction); everything else is the worker's own code."""
    keep = mock.patch.object(db_worker, "close_old_connections", lambda: None)
    with keep if connection.in_atomic_block else contextlib.nullcontext():
        _worker().run()


def _worker() -> Worker:
    return Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    )


def free_port() -> int:
    """A loopback port nothing listens on (for a server a test starts)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class OutageEmailBackend(locmem.EmailBackend):
    """Django's test mail backend with a mail server that can be down: while
    `down` is set, every send fails as a refused connection would."""

    down = False

    def send_messages(self, messages):
        if OutageEmailBackend.down:
            raise ConnectionRefusedError(111, "Connection refused")
        return super().send_messages(messages)


@contextlib.contextmanager
def mail_server_down() -> Iterator[None]:
    """Mail through the database queue and a mail server that is down until
    the block's caller calls `mail_server_up` (or the block ends)."""
    OutageEmailBackend.down = True
    try:
        with override_settings(
            TASKS=DATABASE_TASKS,
            EMAIL_BACKEND="almenhub.worker.testing.OutageEmailBackend",
            MAIL_RETRY_DELAYS=[600] * 3,
        ):
            yield
    finally:
        OutageEmailBackend.down = False


def mail_server_up() -> None:
    """The server is back and the waiting retries are due (their time
    moved, rather than waiting the backoff out); the worker sends them."""
    OutageEmailBackend.down = False
    DBTaskResult.objects.filter(
        task_path__endswith="email_send", status="READY"
    ).update(run_after=timezone.now())
    worker_run_ready_tasks()


def mail_tries(*, status: str) -> int:
    """How many of the queue's mail tasks have `status` (READY: waiting for
    their retry; FAILED: given up)."""
    return DBTaskResult.objects.filter(
        task_path__endswith="email_send", status=status
    ).count()
