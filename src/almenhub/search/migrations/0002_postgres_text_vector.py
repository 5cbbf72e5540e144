from django.db import migrations


class PostgresOnly(migrations.RunSQL):
    """Adds the text vector and its indexes on PostgreSQL; a no-op elsewhere,
    where the embedded engine keeps its own index."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


class Migration(migrations.Migration):
    dependencies = [("sitesearch", "0001_initial")]
    operations = [
        PostgresOnly(
            sql=[
                "ALTER TABLE search_searchdocument ADD COLUMN tsv tsvector",
                "CREATE INDEX search_doc_tsv_gin ON search_searchdocument USING GIN (tsv)",
                "ALTER TABLE search_searchdocument ALTER COLUMN themes TYPE jsonb",
                "CREATE INDEX search_doc_themes_gin ON search_searchdocument "
                "USING GIN (themes jsonb_path_ops)",
            ],
            reverse_sql=[
                "DROP INDEX IF EXISTS search_doc_themes_gin",
                "DROP INDEX IF EXISTS search_doc_tsv_gin",
                "ALTER TABLE search_searchdocument DROP COLUMN IF EXISTS tsv",
            ],
        )
    ]
