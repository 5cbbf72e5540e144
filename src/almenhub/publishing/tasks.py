"""Background work for the publication builder."""

from __future__ import annotations

from django_tasks import task

from almenhub.publishing.services import draft_compile_run


@task()
def publication_compile_task(*, draft_id: int) -> str:
    result = draft_compile_run(draft_id=draft_id)
    return result.outcome.value if result is not None else "failed"
