from django.db import migrations, models


def fill_parts(apps, schema_editor):
    """Each row's parts as the engines index them today, from the vocabulary,
    so that the vocabulary's counts can be lowered exactly from now on."""
    # The analysis itself, not a copy: it is what the rows must agree with.
    from almenhub.search.documents import Analysed  # lazy: a migration's own code

    document = apps.get_model("sitesearch", "SearchDocument")
    term = apps.get_model("sitesearch", "SearchTerm")
    vocabulary = set(term.objects.values_list("term", flat=True))
    changed = []
    for row in document.objects.iterator(chunk_size=2000):
        row.parts = " ".join(Analysed.of(row).parts(vocabulary))
        if row.parts:
            changed.append(row)
    document.objects.bulk_update(changed, ["parts"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("sitesearch", "0004_pending_index_changes"),
    ]

    operations = [
        migrations.AddField(
            model_name="searchdocument",
            name="parts",
            field=models.TextField(blank=True, default=""),
        ),
        migrations.RunPython(fill_parts, migrations.RunPython.noop),
    ]
