"""Migration operations shared by the apps."""

from __future__ import annotations

from django.db import migrations


class PostgresOnly(migrations.RunSQL):
    """SQL that only PostgreSQL runs (text vectors, GIN indexes); a no-op on
    other databases, where the embedded search engine keeps its own index."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)
