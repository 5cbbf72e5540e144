"""Following by address while the mail server is down: the form still says
"Se din mail", and the confirmation goes out once the server is back."""

from __future__ import annotations

import pytest
from django.core import mail

from almenhub.follows.models import Follow
from almenhub.follows.tests.test_follow import confirm_path, follow_by_address
from almenhub.taxonomy.models import Theme
from almenhub.worker.testing import (
    mail_server_down,
    mail_server_up,
    mail_tries,
    worker_run_ready_tasks,
)

pytestmark = pytest.mark.django_db


def test_a_follow_succeeds_while_mail_is_down_and_its_confirmation_follows(client):
    nature = Theme.objects.get(name="Natur og biodiversitet", parent__isnull=False)
    with mail_server_down():
        response = follow_by_address(client, nature)
        assert response.status_code == 200
        assert "Se din mail" in response.content.decode()
        worker_run_ready_tasks()  # the try meets the server down
        assert mail.outbox == []
        assert mail_tries(status="READY") == 1  # a retry waits
        assert mail_tries(status="FAILED") == 0

        mail_server_up()
        mail_server_up()  # nothing left to send twice
    (message,) = mail.outbox
    assert message.to == ["ole@example.dk"]
    assert client.post(confirm_path(message)).status_code == 200
    assert Follow.objects.get(email="ole@example.dk").confirmed_at is not None
