"""Sign-ups while the mail server is down: every one succeeds on screen, and
each confirmation goes out exactly once when the server is back.

A real SMTP server (aiosmtpd) on loopback, the real database queue and the
real worker loop (django_tasks_db's); the backoff's wait is skipped by
moving the retries' due time.
"""

from __future__ import annotations

from email import message_from_bytes
from email.header import decode_header, make_header

import pytest
from aiosmtpd.controller import Controller
from django.core.cache import cache
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from almenhub.meetings.factories import meeting_create
from almenhub.meetings.tests.test_pages import form_data
from almenhub.worker.testing import (
    DATABASE_TASKS,
    free_port,
    worker_run_ready_tasks,
)


class Inbox:
    def __init__(self) -> None:
        self.messages: list[tuple[list[str], bytes]] = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's name
        self.messages.append((list(envelope.rcpt_tos), envelope.content))
        return "250 OK"


@pytest.mark.isolated
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_sign_ups_succeed_while_the_mail_server_is_down_and_mail_follows(series):
    cache.clear()
    meeting = meeting_create(series, capacity=50)
    port = free_port()
    inbox = Inbox()
    server = Controller(inbox, hostname="127.0.0.1", port=port)
    server.start()
    server.stop()  # the mail server goes down
    with override_settings(
        TASKS=DATABASE_TASKS,
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=port,
        EMAIL_TIMEOUT=5,
        MAIL_RETRY_DELAYS=[600] * 3,
    ):
        from django.test import Client

        for n in range(20):
            client = Client(REMOTE_ADDR=f"10.0.0.{n + 1}")
            response = client.post(
                meeting.url + "tilmeld/",
                form_data(n, organisation=f"Org {n}"),
                follow=True,
            )
            assert response.status_code == 200
            assert "Tak for din tilmelding" in response.content.decode()

        worker_run_ready_tasks()  # every try meets a closed port
        assert inbox.messages == []
        waiting = DBTaskResult.objects.filter(task_path__endswith="email_send")
        # One try waiting per message (a retry, not yet due), none given up.
        assert waiting.filter(status="READY").count() == 20
        assert not waiting.filter(status="FAILED").exists()

        server = Controller(inbox, hostname="127.0.0.1", port=port)
        server.start()  # back
        try:
            # Ten minutes on: the retries fall due (their run_after moved,
            # rather than the test waiting the backoff out).
            waiting.filter(status="READY").update(run_after=timezone.now())
            worker_run_ready_tasks()
            waiting.filter(status="READY").update(run_after=timezone.now())
            worker_run_ready_tasks()  # nothing left to send twice
        finally:
            server.stop()

    recipients = sorted(r for rcpts, _ in inbox.messages for r in rcpts)
    assert recipients == sorted(f"deltager{n}@example.dk" for n in range(20))
    subjects = {
        str(make_header(decode_header(message_from_bytes(content)["Subject"])))
        for _, content in inbox.messages
    }
    assert subjects == {f"Du er tilmeldt: {meeting.title}"}
