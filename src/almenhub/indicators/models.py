from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.models import Orderable
from wagtail.search import index

from almenhub.core.pages.visibility import is_public


class BottomLine(models.TextChoices):
    SOCIAL = "social", "Social"
    CLIMATE_ENVIRONMENT = "climate_environment", "Klima og miljø"
    ECONOMIC = "economic", "Økonomi"


# The order in which the sector talks about the triple bottom line.
BOTTOM_LINE_ORDER: dict[str, int] = {
    BottomLine.SOCIAL: 0,
    BottomLine.CLIMATE_ENVIRONMENT: 1,
    BottomLine.ECONOMIC: 2,
}


class UnitKind(models.TextChoices):
    AMOUNT = "amount", "Mængde (fx m², kg, timer)"
    COUNT = "count", "Antal (hele tal)"
    PERCENT = "percent", "Procent (0–100)"
    CURRENCY = "currency", "Kroner"


class Indicator(index.Indexed, models.Model):
    """A catalogue entry that example values are measured against.

    Biodiversity is a flag under climate & environment rather than a bottom
    line of its own: the sector reports three bottom lines, and every
    biodiversity figure must also count towards climate & environment.
    """

    name = models.CharField(
        "navn",
        max_length=200,
        unique=True,
        help_text=(
            "Fx “Græsplæne omlagt til vild eng”. Vises i "
            "indikatorkataloget, i eksemplernes tabeller og i sektorens "
            "tal."
        ),
    )
    slug = models.SlugField(
        "kortnavn",
        max_length=80,
        unique=True,
        help_text=(
            "Bruges som anker i kataloget (…#kortnavn), i adresser og i de "
            "åbne data. Kun små bogstaver, tal og bindestreger."
        ),
    )
    bottom_line = models.CharField(
        "bundlinje",
        max_length=30,
        choices=BottomLine.choices,
        help_text="Bundlinjen, som indikatorens værdier tælles med under.",
    )
    biodiversity = models.BooleanField(
        "undergruppe: biodiversitet",
        default=False,
        help_text=(
            "Kun for indikatorer under klima og miljø. Vises som "
            "undergruppen biodiversitet."
        ),
    )
    unit = models.CharField(
        "enhed", max_length=40, help_text="Fx “m²”, “antal arter”, “kr./år”."
    )
    unit_kind = models.CharField(
        "type af enhed",
        max_length=20,
        choices=UnitKind.choices,
        default=UnitKind.AMOUNT,
        help_text="Bestemmer, hvilke værdier der kan indtastes.",
    )
    higher_is_better = models.BooleanField(
        "mere er bedre",
        default=True,
        help_text="Fjern markeringen, hvis et lavere tal er en forbedring.",
    )
    allow_negative = models.BooleanField(
        "tillad negative værdier",
        default=False,
        help_text="Fx en besparelse, der kan vise sig at være en merudgift.",
    )
    definition = models.TextField(
        "definition", help_text="Præcis hvad der tælles. Vises i indikatorkataloget."
    )
    how_to_measure = models.TextField(
        "sådan måles den",
        blank=True,
        help_text=(
            "Vejledning til dem, der indtaster tal. Vises i kataloget under "
            "“Sådan måles den”."
        ),
    )
    sort_order = models.PositiveIntegerField(
        "rækkefølge", default=0, help_text="Lavere tal står først inden for bundlinjen."
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldRowPanel([FieldPanel("bottom_line"), FieldPanel("biodiversity")]),
        FieldRowPanel([FieldPanel("unit"), FieldPanel("unit_kind")]),
        FieldRowPanel([FieldPanel("higher_is_better"), FieldPanel("allow_negative")]),
        FieldPanel("definition"),
        FieldPanel("how_to_measure"),
        FieldPanel("sort_order"),
    ]
    search_fields = [
        index.SearchField("name", boost=3),
        index.AutocompleteField("name"),
        index.SearchField("definition"),
        index.FilterField("bottom_line"),
    ]

    class Meta:
        verbose_name = "indikator"
        verbose_name_plural = "indikatorer"
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.unit})"

    def clean(self) -> None:
        if self.biodiversity and self.bottom_line != BottomLine.CLIMATE_ENVIRONMENT:
            raise ValidationError(
                {
                    "biodiversity": (
                        "Biodiversitet er en undergruppe af klima og miljø: "
                        "vælg bundlinjen “Klima og miljø”."
                    )
                }
            )
        if self.unit_kind == UnitKind.PERCENT and self.allow_negative:
            raise ValidationError(
                {"allow_negative": "En procentdel ligger altid mellem 0 og 100."}
            )

    @property
    def is_summable(self) -> bool:
        """Percentages describe a share, so adding them up means nothing."""
        return self.unit_kind != UnitKind.PERCENT

    @property
    def bottom_line_label(self) -> str:
        label = self.get_bottom_line_display()
        return f"{label} › Biodiversitet" if self.biodiversity else label

    @property
    def sort_key(self) -> tuple[int, bool, int, str]:
        return (
            BOTTOM_LINE_ORDER.get(self.bottom_line, 9),
            self.biodiversity,
            self.sort_order,
            self.name,
        )


class ValueMethod(models.TextChoices):
    MEASURED = "measured", "Målt"
    ESTIMATED = "estimated", "Skønnet"
    TARGET = "target", "Mål"


EARLIEST_YEAR = 1990
LATEST_YEAR = 2100


# The values the sector's figures are made of: achievements of live examples.
COUNTED = models.Q(page_live=True) & ~models.Q(method=ValueMethod.TARGET)


class IndicatorValue(Orderable):
    """One figure an example reports for an indicator over a period.

    The unit is the indicator's, never the value's own, so that figures from
    different examples can be added up.

    Four columns repeat what is stored elsewhere, because the sector dashboard
    filters or groups on them across every value on every request and a join
    per value is too slow at the sector's scale: `year` is the year of
    `period_end`, set on save; `page_live` says the example page is public
    (live and outside every private section), set on save and kept in step by
    the signal handlers in `signals.py` when a page is published or
    unpublished or a view restriction is set or lifted; `organisation` and
    `department` are the example's, set on save and kept in step when the
    example is saved.
    """

    page = ParentalKey(
        "examples.ExamplePage", on_delete=models.CASCADE, related_name="values"
    )
    indicator = models.ForeignKey(
        Indicator,
        verbose_name="indikator",
        on_delete=models.PROTECT,
        related_name="values",
        help_text=(
            "Hvad der er målt. Værdien skrives i indikatorens enhed (står i parentes)."
        ),
    )
    value = models.DecimalField(
        "værdi",
        max_digits=16,
        decimal_places=3,
        help_text=(
            "Tallet i indikatorens enhed. Vises i eksemplets tabel ved "
            "siden af sektorens median."
        ),
    )
    period_start = models.DateField(
        "periode fra", help_text="Første dag i perioden, tallet dækker."
    )
    period_end = models.DateField(
        "periode til",
        help_text=(
            "Sidste dag i perioden; dens år er det år, tallet tælles med i. "
            "1. januar–31. december vises som årstallet."
        ),
    )
    method = models.CharField(
        "metode",
        max_length=20,
        choices=ValueMethod.choices,
        default=ValueMethod.MEASURED,
        help_text=(
            "Målt eller skønnet. “Mål” er en målsætning og tælles ikke med "
            "i sektorens tal."
        ),
    )
    source = models.CharField(
        "kilde eller note",
        max_length=300,
        blank=True,
        help_text=(
            "Hvor tallet kommer fra, fx “driftsregnskab 2024”. Vises under "
            "indikatorens navn."
        ),
    )
    year = models.PositiveSmallIntegerField("år", editable=False, db_index=True)
    page_live = models.BooleanField(
        "eksemplet er offentliggjort", default=False, editable=False
    )
    # The example's organisation and department, for the organisation's page
    # of value (rank against the other organisations) and the figures per
    # home: grouping every value by them through the example is a join per
    # value.
    organisation = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,
    )
    department = models.ForeignKey(
        "organisations.Department",
        null=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,
    )

    panels = [
        FieldPanel("indicator"),
        FieldRowPanel([FieldPanel("value"), FieldPanel("method")]),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("period_start"), FieldPanel("period_end")])],
            heading="Periode",
        ),
        FieldPanel("source"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "indikatorværdi"
        verbose_name_plural = "indikatorværdier"
        # Two partial indexes over exactly the values the sector's figures
        # count, each covering the dashboard's queries so that no table row
        # is read: one in example order per indicator (totals and the number
        # of distinct examples), one in value order per indicator (medians by
        # offset). The filter columns are included so that SQLite's planner
        # sees them as covering; without them it picks the smaller index and
        # reads every row.
        indexes = [
            models.Index(
                fields=["indicator", "page", "year", "value", "method", "page_live"],
                condition=COUNTED,
                name="indval_counted_by_page",
            ),
            models.Index(
                fields=["indicator", "value", "year", "method", "page_live"],
                condition=COUNTED,
                name="indval_counted_by_value",
            ),
            # The values of a set of examples (a theme's, an organisation's
            # page list): one seek per example, the example's values
            # together, covering what the figures read.
            models.Index(
                fields=["page", "indicator", "year", "value", "method", "page_live"],
                condition=COUNTED,
                name="indval_counted_of_page",
            ),
            # The organisation's page: each organisation's figures per
            # indicator, and the figures per home (by department, with the
            # page for counting the examples behind them). The
            # organisation or department leads, so that neither index can
            # serve (and the planner never picks it for) the indicator-led
            # reads above: without statistics on a new index SQLite takes
            # it for the more selective one and sorts every median's group.
            models.Index(
                fields=[
                    "organisation",
                    "indicator",
                    "value",
                    "year",
                    "method",
                    "page_live",
                ],
                condition=COUNTED,
                name="indval_counted_by_org",
            ),
            models.Index(
                fields=[
                    "department",
                    "indicator",
                    "page",
                    "value",
                    "year",
                    "method",
                    "page_live",
                ],
                condition=COUNTED,
                name="indval_counted_by_dept",
            ),
        ]

    def __str__(self) -> str:
        unit = self.indicator.unit if self.indicator_id else ""
        return f"{self.value} {unit}".strip()

    @property
    def period_display(self) -> str:
        """“2024” for a calendar year, else “01.11.2023–31.03.2024”."""
        start, end = self.period_start, self.period_end
        if (
            start.year == end.year
            and (start.month, start.day) == (1, 1)
            and (end.month, end.day) == (12, 31)
        ):
            return str(end.year)
        return f"{start:%d.%m.%Y}–{end:%d.%m.%Y}"

    def save(self, *args, **kwargs) -> None:
        if self.period_end:
            self.year = self.period_end.year
        self.page_live = is_public(self.page)
        self.organisation_id = self.page.organisation_id
        self.department_id = self.page.department_id
        super().save(*args, **kwargs)

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.indicator_id and isinstance(self.value, Decimal | int):
            message = value_error(self.indicator, Decimal(self.value))
            if message:
                errors["value"] = message
        for field in ("period_start", "period_end"):
            day = getattr(self, field)
            if isinstance(day, datetime.date) and not (
                EARLIEST_YEAR <= day.year <= LATEST_YEAR
            ):
                label = self._meta.get_field(field).verbose_name
                errors[field] = (
                    f"{label.capitalize()}: året skal ligge mellem "
                    f"{EARLIEST_YEAR} og {LATEST_YEAR}."
                )
        if (
            self.period_start
            and self.period_end
            and "period_end" not in errors
            and self.period_end < self.period_start
        ):
            errors["period_end"] = (
                "Periode til: slutdatoen skal ligge på eller efter startdatoen "
                f"({self.period_start:%d.%m.%Y})."
            )
        if errors:
            raise ValidationError(errors)


def value_error(indicator: Indicator, value: Decimal) -> str:
    """Why `value` cannot be a figure for `indicator`, or "" when it can."""
    unit = indicator.unit
    if not value.is_finite():
        return "Værdi: skriv et tal, fx 1250 eller 12,5."
    if indicator.unit_kind == UnitKind.PERCENT and not (0 <= value <= 100):
        return f"Værdi: en procentdel skal ligge mellem 0 og 100 (enhed: {unit})."
    if value < 0 and not indicator.allow_negative:
        return f"Værdi: kan ikke være negativ for “{indicator.name}” (enhed: {unit})."
    if indicator.unit_kind == UnitKind.COUNT and value != value.to_integral_value():
        return f"Værdi: skal være et helt tal (enhed: {unit})."
    return ""


# The year of a rollup row that sums every year: its number of examples then
# counts an example with values in several years once, as the values would.
ALL_YEARS = 0
# A rollup row's theme_key for the rows over every example, whatever its themes.
ALL_THEMES = 0


# A rollup row's key, the theme and the year first (the pages read one of
# each), and its figures (ValueRollup).
ROLLUP_KEY = ("theme_key", "year", "indicator", "organisation_key", "department_key")
ROLLUP_FIGURES = (
    "values_count",
    "examples_count",
    "value_sum",
    "value_min",
    "value_max",
)


class ValueRollup(models.Model):
    """The counted values (`COUNTED`) pre-summed per indicator, organisation,
    department and year, and per indicator, organisation and department over
    all years (`year` = ALL_YEARS).

    Derived from `IndicatorValue` and kept by indicators.rollup in the same
    transaction as every change of a value, so that the first request after
    an edit adds up a few thousand of these rows instead of every value of
    the sector. Every figure the sector's pages sum (counts, sums, smallest
    and largest) adds up across rows exactly: an example's values all carry
    its one organisation and department, so the examples behind a year or an
    organisation are the sum of its rows'. Medians are not summable and are
    still read from the values. The organisation and the department are kept
    as plain numbers (0 = none): the row says which values it sums, and a
    unique key with NULLs would not be unique.

    The rows with `theme_key` = ALL_THEMES sum every counted value; those
    with a theme's id sum the values of the examples "in" that theme, as the
    dashboard's theme filter reads it: tagged with the theme or one of its
    sub-themes. An example with several themes is in the rows of each, once
    (so rows of different themes do not add up to the sector's).
    """

    # Derived: writing it retires no cached page (core.content).
    public_content = False

    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="+", db_index=False
    )
    year = models.PositiveSmallIntegerField()
    organisation_key = models.PositiveBigIntegerField(default=0)
    department_key = models.PositiveBigIntegerField(default=0)
    theme_key = models.PositiveBigIntegerField(default=ALL_THEMES)
    values_count = models.PositiveIntegerField()
    examples_count = models.PositiveIntegerField()
    # In thousandths of the indicator's unit (a value has three decimals):
    # whole numbers add up exactly on both engines (SQLite keeps decimals as
    # floating point) and are read without a decimal conversion per row.
    value_sum = models.BigIntegerField()
    value_min = models.BigIntegerField()
    value_max = models.BigIntegerField()

    class Meta:
        verbose_name = "forudregnet sum af værdier"
        verbose_name_plural = "forudregnede summer af værdier"
        constraints = [
            # The theme and the year lead: the sector's pages read one theme
            # (or ALL_THEMES) and one year (or ALL_YEARS).
            models.UniqueConstraint(
                fields=list(ROLLUP_KEY),
                name="valuerollup_one_row_per_cell",
            )
        ]
        indexes = [
            # Every column, in the unique key's order: a page's selection
            # (one theme, one year) is read from the index alone, its
            # thousands of rows side by side, not one table row each (9 ms
            # against 1 ms for the sector's 3,000 on bench/dashboard.py's
            # data).
            models.Index(
                fields=[*ROLLUP_KEY, *ROLLUP_FIGURES],
                name="valuerollup_read",
            ),
            models.Index(
                fields=["organisation_key", "theme_key", "year"],
                name="valuerollup_by_org",
            ),
            models.Index(
                fields=["indicator", "organisation_key", "department_key"],
                name="valuerollup_by_cell",
            ),
        ]

    def __str__(self) -> str:
        year = "alle år" if self.year == ALL_YEARS else str(self.year)
        cell = f"{self.indicator_id}/{self.organisation_key}/{self.department_key}"
        theme = "" if self.theme_key == ALL_THEMES else f", tema {self.theme_key}"
        return f"{cell}: {year}{theme}"


def example_page_model() -> type[models.Model]:
    """The page model that holds the values (examples.ExamplePage), read from
    their relation. The examples app builds on this one (its pages record
    values of the catalogue's indicators), so the value register reaches the
    example pages through that relation and never imports them."""
    return IndicatorValue._meta.get_field("page").related_model


PERCENT_FIELD = {"max_digits": 5, "decimal_places": 2}

SOURCE_DEFAULT = "Danmarks Statistik, forbrugerprisindeks (2015 = 100), årsgennemsnit"


class PriceIndex(models.Model):
    """A consumer price index per year, to bring kroner of different years
    to one price year. Shipped with the project (migrations 0005, 0007 and
    0009):
    the yearly averages of Danmarks Statistik's consumer price index
    (2015 = 100), checked against the monthly figures it publishes; each
    row's source says how far it was checked. Editors add later years and
    correct a row here."""

    year = models.PositiveSmallIntegerField(
        "år", unique=True, help_text="Året, indekset er et gennemsnit for."
    )
    index = models.DecimalField(
        "indeks",
        max_digits=8,
        decimal_places=2,
        help_text=(
            "Årsgennemsnittet af Danmarks Statistiks forbrugerprisindeks "
            "(2015 = 100), med én decimal som i Statistikbanken. Kilden ved "
            "hvert år siger, om tallet er efterprøvet: for 2016, 2021 og 2022 "
            "er sidste decimal usikker (månedstallenes gennemsnit ligger på en "
            "afrundingsgrænse). Kontrollér dem mod statistikbanken.dk "
            "(PRIS8 eller PRIS113, årsgennemsnit) og ret dem her."
        ),
    )
    source = models.CharField(
        "kilde",
        max_length=200,
        default=SOURCE_DEFAULT,
        help_text=(
            "Hvor tallet kommer fra, og om det er efterprøvet. Vises i "
            "listen over prisindeks."
        ),
    )

    panels = [FieldPanel("year"), FieldPanel("index"), FieldPanel("source")]

    class Meta:
        verbose_name = "prisindeks"
        verbose_name_plural = "prisindeks"
        ordering = ["year"]

    def __str__(self) -> str:
        return f"{self.year}: {self.index}"

    def clean(self) -> None:
        if self.year is not None and not (EARLIEST_YEAR <= self.year <= LATEST_YEAR):
            raise ValidationError(
                {"year": f"År: skal ligge mellem {EARLIEST_YEAR} og {LATEST_YEAR}."}
            )
        if self.index is not None and self.index <= 0:
            raise ValidationError({"index": "Indeks: skal være et positivt tal."})


class ValueProxy(models.Model):
    """What one unit of an indicator is worth in kroner, for the value bank.

    In the manner of social value banks: a proxy value with its source and
    price year, and the two adjustments that keep a claim honest: deadweight
    (what would have happened anyway) and attribution (the share due to
    others). A low and a high proxy give the range the dashboard shows, so
    that no figure reads more precise than its method.
    """

    indicator = models.OneToOneField(
        Indicator,
        verbose_name="indikator",
        on_delete=models.CASCADE,
        related_name="proxy",
        help_text="Indikatoren, hvis enhed værdien i kroner gælder for.",
    )
    low = models.DecimalField(
        "lav værdi (kr. pr. enhed)",
        max_digits=14,
        decimal_places=2,
        help_text="Et forsigtigt skøn over, hvad én enhed er værd.",
    )
    central = models.DecimalField(
        "central værdi (kr. pr. enhed)",
        max_digits=14,
        decimal_places=2,
        help_text="Det bedste skøn; det tal, der står først på dashboardet.",
    )
    high = models.DecimalField(
        "høj værdi (kr. pr. enhed)",
        max_digits=14,
        decimal_places=2,
        help_text="Et rundhåndet skøn over, hvad én enhed er værd.",
    )
    price_year = models.PositiveSmallIntegerField(
        "prisår",
        help_text="Året, kronebeløbene er i. Skal findes i prisindekset.",
    )
    source = models.CharField(
        "kilde",
        max_length=300,
        help_text="Hvor værdien kommer fra, fx en rapport med år og side.",
    )
    deadweight = models.DecimalField(
        "dødvægt (%)",
        default=0,
        **PERCENT_FIELD,
        help_text="Den del af virkningen, der var sket alligevel (0–100).",
    )
    attribution = models.DecimalField(
        "andres andel (%)",
        default=0,
        **PERCENT_FIELD,
        help_text="Den del af virkningen, der skyldes andre end eksemplet (0–100).",
    )
    note = models.TextField(
        "metode", blank=True, help_text="Hvordan værdien er fundet. Vises offentligt."
    )

    panels = [
        FieldPanel("indicator"),
        FieldRowPanel([FieldPanel("low"), FieldPanel("central"), FieldPanel("high")]),
        FieldRowPanel([FieldPanel("price_year"), FieldPanel("source")]),
        FieldRowPanel([FieldPanel("deadweight"), FieldPanel("attribution")]),
        FieldPanel("note"),
    ]

    class Meta:
        verbose_name = "værdi i kroner"
        verbose_name_plural = "værdier i kroner"
        ordering = ["indicator__sort_order", "indicator__name"]

    def __str__(self) -> str:
        return f"{self.indicator.name}: {self.central} kr. ({self.price_year})"

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.indicator_id and self.indicator.unit_kind == UnitKind.PERCENT:
            errors["indicator"] = (
                "Indikator: en procentdel kan ikke lægges sammen og derfor ikke "
                "sættes i kroner."
            )
        for name in ("deadweight", "attribution"):
            share = getattr(self, name)
            if share is not None and not (0 <= share <= 100):
                label = self._meta.get_field(name).verbose_name
                errors[name] = f"{label.capitalize()}: skal ligge mellem 0 og 100."
        low, central, high = self.low, self.central, self.high
        if None not in (low, central, high) and not (low <= central <= high):
            errors["central"] = (
                "Værdierne skal stige: lav ≤ central ≤ høj "
                f"(nu {low} · {central} · {high})."
            )
        if (
            self.price_year is not None
            and not PriceIndex.objects.filter(year=self.price_year).exists()
        ):
            years = list(PriceIndex.objects.values_list("year", flat=True))
            known = f"{years[0]}–{years[-1]}" if years else "ingen endnu"
            errors["price_year"] = (
                f"Prisår: {self.price_year} findes ikke i prisindekset "
                f"(kendte år: {known}). Tilføj året under Prisindeks først."
            )
        if errors:
            raise ValidationError(errors)
