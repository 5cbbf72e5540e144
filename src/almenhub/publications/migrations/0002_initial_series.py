from django.db import migrations

SERIES = [
    ("AlmenRapport", "almenrapport", "Rapporter om erfaringer og undersøgelser."),
    ("AlmenHæfte", "almenhaefte", "Korte hæfter til praksis."),
    ("Håndbog", "haandbog", "Håndbøger og vejledninger."),
    ("Værktøj", "vaerktoej", "Værktøjer til brug i hverdagen."),
]


def create_series(apps, schema_editor):
    PublicationSeries = apps.get_model("publications", "PublicationSeries")
    for name, slug, description in SERIES:
        PublicationSeries.objects.get_or_create(
            name=name, defaults={"slug": slug, "description": description}
        )


def remove_series(apps, schema_editor):
    PublicationSeries = apps.get_model("publications", "PublicationSeries")
    PublicationSeries.objects.filter(name__in=[s[0] for s in SERIES]).delete()


class Migration(migrations.Migration):
    dependencies = [("publications", "0001_initial")]
    operations = [migrations.RunPython(create_series, remove_series)]
