"""The contact form while the mail server is down: the sender is told the
message is sent, and it reaches the person once the server is back."""

from __future__ import annotations

import pytest
from django.core import mail

from almenhub.members.tests.test_contact import example, person, send  # noqa: F401
from almenhub.worker.testing import (
    mail_server_down,
    mail_server_up,
    mail_tries,
    worker_run_ready_tasks,
)

pytestmark = pytest.mark.django_db


def test_a_message_is_accepted_while_mail_is_down_and_delivered_after(
    client,
    example,  # noqa: F811
    person,  # noqa: F811
):
    with mail_server_down():
        response = send(client, example, person)
        assert response.status_code == 200
        assert "Beskeden er sendt" in response.content.decode()
        worker_run_ready_tasks()
        assert mail.outbox == []
        assert mail_tries(status="READY") == 1
        assert mail_tries(status="FAILED") == 0

        mail_server_up()
        mail_server_up()
    (message,) = mail.outbox
    assert message.to == ["mette.hemmelig@engen.dk"]
    assert message.reply_to == ["ole@kommune.dk"]
    assert "Hvordan fik I beboerne med?" in message.body
