from django.db import migrations

from almenhub.core.db.operations import PostgresOnly


class Migration(migrations.Migration):
    """The PostgreSQL engine's kept top lists of its broad terms (see
    engines/pg_toplists.py): per term, the documents that rank first for it
    alone, with the facet columns a filter reads, and the list's floor."""

    dependencies = [("sitesearch", "0009_editors_promote_results")]
    operations = [
        PostgresOnly(
            sql=[
                """CREATE TABLE search_pgtermlist (
                    lexeme text NOT NULL,
                    key varchar(80) NOT NULL,
                    score real NOT NULL,
                    pub timestamptz NOT NULL,
                    kind varchar(20) NOT NULL,
                    status varchar(20) NOT NULL,
                    year smallint,
                    owner varchar(20) NOT NULL,
                    programme varchar(20) NOT NULL,
                    themes jsonb NOT NULL
                )""",
                # In the order a single-term search shows its hits.
                "CREATE INDEX search_pgtermlist_order ON search_pgtermlist "
                "(lexeme, score DESC, pub DESC, key)",
                "CREATE INDEX search_pgtermlist_key ON search_pgtermlist (key)",
                # A broad term filtered to a few documents (a year, an owner)
                # is ranked over the bitmap AND of these and the GIN index,
                # not over every row holding the term.
                "CREATE INDEX search_pgdoc_year ON search_postgresdocument (year)",
                "CREATE INDEX search_pgdoc_owner ON search_postgresdocument (owner)",
                """CREATE TABLE search_pgtermfloor (
                    lexeme text PRIMARY KEY,
                    floor_score real NOT NULL,
                    floor_pub timestamptz NOT NULL,
                    floor_key varchar(80) NOT NULL,
                    weights text NOT NULL
                )""",
            ],
            reverse_sql=[
                "DROP INDEX IF EXISTS search_pgdoc_owner",
                "DROP INDEX IF EXISTS search_pgdoc_year",
                "DROP TABLE IF EXISTS search_pgtermfloor",
                "DROP TABLE IF EXISTS search_pgtermlist",
            ],
        )
    ]
