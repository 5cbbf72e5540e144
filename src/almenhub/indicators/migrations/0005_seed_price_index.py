"""The consumer price index the value bank brings kroner to one year with.

Danmarks Statistik, table PRIS112, the yearly average of the consumer price
index (2015 = 100). Editors add later years in the admin (Prisindeks).
"""

from decimal import Decimal

from django.db import migrations

SOURCE = "Danmarks Statistik, PRIS112 (årsgennemsnit, 2015 = 100)"
INDEX = {
    2015: "100.0",
    2016: "100.3",
    2017: "101.4",
    2018: "102.2",
    2019: "103.0",
    2020: "103.4",
    2021: "105.4",
    2022: "113.5",
    2023: "117.3",
    2024: "118.9",
}


def seed(apps, schema_editor):
    PriceIndex = apps.get_model("indicators", "PriceIndex")
    for year, value in INDEX.items():
        PriceIndex.objects.get_or_create(
            year=year, defaults={"index": Decimal(value), "source": SOURCE}
        )


class Migration(migrations.Migration):
    dependencies = [("indicators", "0004_value_bank")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
