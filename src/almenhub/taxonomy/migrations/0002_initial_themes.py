from django.db import migrations

THEMES = {
    "Drift og administration": [
        "Drift og vedligehold",
        "Økonomi og styring",
        "Digitalisering",
    ],
    "Energi, klima og miljø": [
        "Natur og biodiversitet",
        "Energi og ressourcer",
        "Klimatilpasning",
    ],
    "Beboere og fællesskab": [
        "Beboerdemokrati",
        "Tryghed og trivsel",
        "Beskæftigelse og uddannelse",
    ],
    "Byggeri og renovering": ["Renovering", "Nybyggeri", "Tilgængelighed"],
}


def slug(name):
    from django.utils.text import slugify

    return slugify(name.lower().replace("æ", "ae").replace("ø", "oe").replace("å", "aa"))


def create_themes(apps, schema_editor):
    Theme = apps.get_model("taxonomy", "Theme")
    for i, (parent_name, children) in enumerate(THEMES.items()):
        parent, _ = Theme.objects.get_or_create(
            name=parent_name,
            parent=None,
            defaults={"slug": slug(parent_name), "sort_order": i},
        )
        for j, child_name in enumerate(children):
            Theme.objects.get_or_create(
                name=child_name,
                parent=parent,
                defaults={"slug": slug(child_name), "sort_order": j},
            )


def remove_themes(apps, schema_editor):
    Theme = apps.get_model("taxonomy", "Theme")
    Theme.objects.filter(parent__isnull=False).delete()
    Theme.objects.filter(parent__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("taxonomy", "0001_initial")]
    operations = [migrations.RunPython(create_themes, remove_themes)]
