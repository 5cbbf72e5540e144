"""For tests: run what the database queue holds, with the real worker loop."""

from __future__ import annotations

import contextlib
import socket
from unittest import mock

from django.db import connection
from django_tasks_db.management.commands import db_worker
from django_tasks_db.management.commands.db_worker import Worker

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
