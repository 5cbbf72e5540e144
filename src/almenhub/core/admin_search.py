"""Wagtail's own search index (the one the admin's choosers and snippet
listings search) kept complete for rows that migrations create.

Wagtail indexes a row from a `post_save` signal. Rows that a data migration
seeds (the theme taxonomy, the indicator catalogue, the operations tasks) are
written through historical models, which send no such signal, so an editor's
chooser search found none of them until someone ran `update_index` — which no
deployment does. After `migrate` applies an app's migrations, its indexed
models other than pages are indexed again: they are catalogues and contacts
(hundreds of rows, not millions), and pages are indexed by Wagtail on publish.
"""

from __future__ import annotations

from typing import Any

from django.apps import AppConfig
from django.db import DEFAULT_DB_ALIAS
from wagtail.models import Page
from wagtail.search.backends import get_search_backends
from wagtail.search.index import class_is_indexed

CHUNK_SIZE = 500


def index_rows_after_migrate(
    sender: AppConfig,
    *,
    plan: list[tuple[Any, bool]] | None = None,
    using: str = DEFAULT_DB_ALIAS,
    **kwargs: Any,
) -> None:
    if using != DEFAULT_DB_ALIAS or not plan:
        return
    migrated = {migration.app_label for migration, backwards in plan if not backwards}
    if sender.label not in migrated:
        return
    models = [
        model
        for model in sender.get_models()
        if class_is_indexed(model) and not issubclass(model, Page)
    ]
    for backend in get_search_backends(with_auto_update=True):
        for model in models:
            objects = model.get_indexed_objects().order_by("pk")
            for start in range(0, objects.count(), CHUNK_SIZE):
                backend.add_bulk(model, list(objects[start : start + CHUNK_SIZE]))
