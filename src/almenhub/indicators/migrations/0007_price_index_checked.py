"""The shipped consumer price index, checked against Danmarks Statistik.

Migration 0005 shipped the yearly averages 2015-2024 (2015 = 100) typed
without access to the source. They are checked here against the monthly
index (2015 = 100) that Danmarks Statistik publishes on its page on the
consumer price index (www.dst.dk, Forbrugerprisindeks, "Forbrugerprisindeks,
hovedtal", months January 2014 to April 2024, Statistikbanken PRIS113): the
mean of a year's twelve published months, each rounded to one decimal, is
within a few thousandths of the yearly average (the twelve rounding errors
mostly cancel), so it settles the yearly figure's one decimal unless it lies
near a rounding boundary:

    year  mean of the 12 months   shipped   now
    2015  100.000                 100.0     100.0  checked
    2016  100.250  (boundary)     100.3     100.3  last decimal open
    2017  101.400                 101.4     101.4  checked
    2018  102.225                 102.2     102.2  checked
    2019  103.000                 103.0     103.0  checked
    2020  103.433                 103.4     103.4  checked
    2021  105.350  (boundary)     105.4     105.4  last decimal open
    2022  113.458  (near it)      113.5     113.5  last decimal open
    2023  117.208                 117.3     117.2  corrected
    2024  only Jan-Apr seen       118.9     118.9  not checked

Each row's source says which. Rows an editor has changed since (another
source or, for 2023, another index) are left as the editor made them.
"""

from decimal import Decimal

from django.db import migrations, models

SHIPPED_SOURCE = "Danmarks Statistik, PRIS112 (årsgennemsnit, 2015 = 100)"
BASIS = "Danmarks Statistik, forbrugerprisindeks (2015 = 100)"
CHECKED = f"{BASIS}: gennemsnit af årets 12 månedstal, efterprøvet"
OPEN = (
    f"{BASIS}: månedstallenes gennemsnit er {{mean}}; sidste decimal ikke "
    "efterprøvet mod årsgennemsnittet"
)
SOURCES = {
    2015: CHECKED,
    2016: OPEN.format(mean="100,25"),
    2017: CHECKED,
    2018: CHECKED,
    2019: CHECKED,
    2020: CHECKED,
    2021: OPEN.format(mean="105,35"),
    2022: OPEN.format(mean="113,46"),
    2023: CHECKED,
    2024: (
        "Ikke efterprøvet: kun januar–april 2024 kunne ses (117,8–118,5). "
        "Kontrollér mod Danmarks Statistiks årsgennemsnit."
    ),
}
CORRECTED = {2023: (Decimal("117.3"), Decimal("117.2"))}


def check(apps, schema_editor):
    PriceIndex = apps.get_model("indicators", "PriceIndex")
    for year, source in SOURCES.items():
        row = PriceIndex.objects.filter(year=year, source=SHIPPED_SOURCE).first()
        if row is None:
            continue
        if year in CORRECTED:
            shipped, corrected = CORRECTED[year]
            if row.index != shipped:
                continue
            row.index = corrected
        row.source = source
        row.save(update_fields=["index", "source"])


def uncheck(apps, schema_editor):
    PriceIndex = apps.get_model("indicators", "PriceIndex")
    for year, source in SOURCES.items():
        row = PriceIndex.objects.filter(year=year, source=source).first()
        if row is None:
            continue
        if year in CORRECTED and row.index == CORRECTED[year][1]:
            row.index = CORRECTED[year][0]
        row.source = SHIPPED_SOURCE
        row.save(update_fields=["index", "source"])


class Migration(migrations.Migration):
    dependencies = [("indicators", "0006_values_carry_organisation_and_department")]

    operations = [
        migrations.AlterField(
            model_name="priceindex",
            name="index",
            field=models.DecimalField(
                decimal_places=2,
                help_text=(
                    "Årsgennemsnittet af Danmarks Statistiks forbrugerprisindeks "
                    "(2015 = 100), med én decimal som i Statistikbanken. Kilden ved "
                    "hvert år siger, om tallet er efterprøvet: 2024 er ikke, og for "
                    "2016, 2021 og 2022 er sidste decimal usikker. Kontrollér dem "
                    "mod statistikbanken.dk (forbrugerprisindeks, årsgennemsnit) og "
                    "ret dem her."
                ),
                max_digits=8,
                verbose_name="indeks",
            ),
        ),
        migrations.AlterField(
            model_name="priceindex",
            name="source",
            field=models.CharField(
                default=(
                    "Danmarks Statistik, forbrugerprisindeks (2015 = 100), "
                    "årsgennemsnit"
                ),
                help_text=(
                    "Hvor tallet kommer fra, og om det er efterprøvet. Vises i "
                    "listen over prisindeks."
                ),
                max_length=200,
                verbose_name="kilde",
            ),
        ),
        migrations.RunPython(check, uncheck),
    ]
