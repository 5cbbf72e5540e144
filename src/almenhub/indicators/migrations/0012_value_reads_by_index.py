from django.db import migrations, models


def analyse_values(apps, schema_editor) -> None:
    # SQLite plans from the statistics ANALYZE leaves (sqlite_stat1); a new
    # index has none until the next, and without them the planner passes
    # over the values' index of pages for the sector's values in a theme. PostgreSQL's autovacuum
    # analyses by itself.
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute("ANALYZE indicators_indicatorvalue")
        schema_editor.execute("ANALYZE indicators_valuerollup")


class Migration(migrations.Migration):
    dependencies = [
        ("examples", "0003_danish_help_texts"),
        ("indicators", "0011_value_rollup_per_theme"),
        ("organisations", "0008_slug_help_names_both_pages"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="indicatorvalue",
            index=models.Index(
                condition=models.Q(("page_live", True))
                & ~models.Q(("method", "target")),
                fields=["page", "indicator", "year", "value", "method", "page_live"],
                name="indval_counted_of_page",
            ),
        ),
        migrations.AddIndex(
            model_name="valuerollup",
            index=models.Index(
                fields=[
                    "theme_key",
                    "year",
                    "indicator",
                    "organisation_key",
                    "department_key",
                    "values_count",
                    "examples_count",
                    "value_sum",
                    "value_min",
                    "value_max",
                ],
                name="valuerollup_read",
            ),
        ),
        migrations.RunPython(analyse_values, migrations.RunPython.noop),
    ]
