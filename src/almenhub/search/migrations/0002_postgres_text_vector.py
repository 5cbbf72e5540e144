from django.db import migrations

from almenhub.core.db.operations import PostgresOnly


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
