"""Background work for the publication builder: a task runs a service, and
the builder queues it here."""

from __future__ import annotations

from functools import partial

from django.db import transaction
from django_tasks import task

from almenhub.publishing.models import CompileStatus, PublicationDraft
from almenhub.publishing.services import draft_compile_run, draft_progress_set


@task()
def publication_compile_task(*, draft_id: int) -> str:
    result = draft_compile_run(draft_id=draft_id)
    return result.outcome.value if result is not None else "failed"


def draft_compile_enqueue(*, draft: PublicationDraft) -> None:
    """Queue the compile as a background task once this transaction commits."""
    draft_progress_set(
        draft_id=draft.pk,
        progress=0,
        message="Venter på at blive kompileret",
        status=CompileStatus.QUEUED,
        error="",
    )
    transaction.on_commit(partial(publication_compile_task.enqueue, draft_id=draft.pk))
