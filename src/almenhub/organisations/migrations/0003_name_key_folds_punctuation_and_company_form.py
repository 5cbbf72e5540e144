from django.db import migrations


def refill_name_keys(apps, schema_editor):
    # The key function of today: a key is only ever compared with keys made
    # by the same function, so the stored ones follow it.
    from almenhub.organisations.services import organisation_key

    Organisation = apps.get_model("organisations", "Organisation")
    for org in Organisation.objects.only("pk", "name"):
        Organisation.objects.filter(pk=org.pk).update(
            name_key=organisation_key(org.name)[:200]
        )


class Migration(migrations.Migration):
    dependencies = [
        ("organisations", "0002_organisation_name_key"),
    ]

    operations = [
        migrations.RunPython(refill_name_keys, migrations.RunPython.noop),
    ]
