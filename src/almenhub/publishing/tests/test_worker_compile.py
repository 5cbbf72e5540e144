"""A compile the editor starts runs in the worker, not in the request; the
status screen shows it queued, then compiled."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from almenhub.publishing.services import BuildState
from almenhub.publishing.tests.test_state import status_json, status_screen
from almenhub.worker.testing import DATABASE_TASKS, worker_run_ready_tasks

pytestmark = pytest.mark.django_db


def test_the_compile_runs_in_the_worker_and_the_editor_sees_its_progress(
    draft, client, editor, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = DATABASE_TASKS
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("publishing_admin:compile", args=[draft.pk]))
    assert response.status_code == 302
    queued = DBTaskResult.objects.filter(task_path__endswith="publication_compile_task")
    assert queued.filter(status="READY").count() == 1
    assert status_screen(client, draft) == (BuildState.QUEUED, "I kø til kompilering")

    worker_run_ready_tasks()

    data = status_json(client, draft)
    assert data["state"] == BuildState.COMPILED and data["progress"] == 100
    assert data["pages"] and not data["busy"]
    assert queued.get().status == "SUCCESSFUL"
