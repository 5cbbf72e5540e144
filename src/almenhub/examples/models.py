from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.http import HttpRequest, HttpResponse
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    TitleFieldPanel,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from almenhub.core.blocks import RICH_TEXT_FEATURES
from almenhub.indicators.selectors import example_values_with_sector
from almenhub.indicators.valuation import example_kroner
from almenhub.people.models import CONTACTS_HELP_TEXT, ContactLink
from almenhub.search.registry import SearchKind
from almenhub.taxonomy.widgets import GroupedThemeCheckboxes

# Denmark's bounding box, Bornholm and Skagen included, with a little margin.
MIN_LATITUDE = Decimal("54.5")
MAX_LATITUDE = Decimal("57.8")
MIN_LONGITUDE = Decimal("8.0")
MAX_LONGITUDE = Decimal("15.2")

# Sub-page routes of the index; an example may not take these slugs.
RESERVED_SLUGS = frozenset({"kort", "indsend", "mine"})


class OperationsTask(index.Indexed, models.Model):
    """A recurring operations task (driftsopgave) that an example changed.

    A catalogue rather than free text so that the dashboard can compare
    examples that changed the same task.
    """

    name = models.CharField(
        "navn",
        max_length=120,
        unique=True,
        help_text=(
            "Fx “Græsslåning”. Vises over eksemplets titel og som filter i "
            "sektorens tal."
        ),
    )
    slug = models.SlugField(
        "kortnavn",
        max_length=140,
        unique=True,
        help_text=(
            "Bruges i adresser, fx filteret i sektorens tal "
            "(?opgave=kortnavn), og i de åbne data. Kun små bogstaver, tal "
            "og bindestreger."
        ),
    )
    description = models.TextField(
        "beskrivelse",
        blank=True,
        help_text=(
            "Hvad opgaven dækker, så den rigtige bliver valgt. Vises ikke "
            "på hjemmesiden."
        ),
    )
    sort_order = models.PositiveIntegerField(
        "rækkefølge",
        default=0,
        help_text="Lavere tal står først i lister og valgmuligheder.",
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("sort_order"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("description"),
    ]

    class Meta:
        verbose_name = "driftsopgave"
        verbose_name_plural = "driftsopgaver"
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name


class ExampleStatus(models.TextChoices):
    IDEA = "idea", "Idé"
    IN_PROGRESS = "in_progress", "I gang"
    IMPLEMENTED = "implemented", "Gennemført"


class ExampleIndexPage(RoutablePageMixin, Page):
    """The one list of examples, and the home of the map and the member forms.

    The member forms are routes here rather than Django views of their own so
    that they sit under the examples' URL (/eksempler/indsend/) and can add
    pages below this one.
    """

    intro = RichTextField(
        "introduktion",
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text=(
            "Tekst under overskriften, over eksemplerne. Tom: en "
            "standardtekst om, hvad eksemplerne er."
        ),
    )

    content_panels = [
        TitleFieldPanel(
            "title",
            help_text=(
                "Oversigtens overskrift, fx “Eksempler”; også navnet i "
                "hovedmenuen, når “vis i menuer” er markeret."
            ),
        ),
        FieldPanel("intro"),
    ]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["examples.ExamplePage"]
    template = "examples/example_index_page.html"
    max_count = 1

    class Meta:
        verbose_name = "eksempeloversigt"

    def subpage_url(self, name: str, **kwargs: Any) -> str:
        return self.url + self.reverse_subpage(name, kwargs=kwargs or None)

    def get_context(self, request, *args: Any, **kwargs: Any) -> dict[str, Any]:
        # lazy: the filters' selectors import this module
        from almenhub.examples.views import example_list_context

        context = super().get_context(request, *args, **kwargs)
        context.update(example_list_context(request, index=self))
        return context

    @path("kort/", name="map")
    def map_route(self, request: HttpRequest) -> HttpResponse:
        # lazy: routable page route; the views import this module
        from almenhub.examples.views import example_map

        return example_map(request, index=self)

    @path("indsend/", name="submit")
    def submit_route(self, request: HttpRequest) -> HttpResponse:
        # lazy: routable page route; the views import this module
        from almenhub.examples.views import example_submit

        return example_submit(request, index=self)

    @path("mine/", name="mine")
    def mine_route(self, request: HttpRequest) -> HttpResponse:
        # lazy: routable page route; the views import this module
        from almenhub.examples.views import example_mine

        return example_mine(request, index=self)

    @path("mine/<id:pk>/rediger/", name="edit")
    def edit_route(self, request: HttpRequest, pk: int) -> HttpResponse:
        # lazy: routable page route; the views import this module
        from almenhub.examples.views import example_edit

        return example_edit(request, index=self, pk=pk)


class ExamplePage(Page):
    """One housing organisation's change to a recurring operations task,
    with the value it created on the bottom lines."""

    teaser = models.TextField(
        "manchet",
        blank=True,
        help_text=(
            "1–2 sætninger om, hvad der blev ændret. Vises under "
            "overskriften, på eksempelkort og i søgeresultater."
        ),
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name="boligorganisation",
        on_delete=models.PROTECT,
        related_name="examples",
        help_text=(
            "Boligorganisationen bag eksemplet. Vises i fakta (med link til "
            "dens hjemmeside) og på eksempelkort."
        ),
    )
    department = models.ForeignKey(
        "organisations.Department",
        verbose_name="afdeling",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="examples",
        help_text=(
            "Afdelingen, hvor det blev gjort; skal høre til den valgte "
            "boligorganisation. Vises i fakta med afdelingens by."
        ),
    )
    municipality = models.CharField(
        "kommune",
        max_length=100,
        blank=True,
        help_text="Vises i fakta, på eksempelkort og i listen under kortet.",
    )
    latitude = models.DecimalField(
        "breddegrad",
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[
            MinValueValidator(MIN_LATITUDE, "Breddegraden ligger uden for Danmark."),
            MaxValueValidator(MAX_LATITUDE, "Breddegraden ligger uden for Danmark."),
        ],
        help_text=(
            "Placerer eksemplet på kortet. Fx 56.15674 (Aarhus); mellem "
            "54,5 og 57,8. Udfyld begge koordinater eller ingen."
        ),
    )
    longitude = models.DecimalField(
        "længdegrad",
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[
            MinValueValidator(MIN_LONGITUDE, "Længdegraden ligger uden for Danmark."),
            MaxValueValidator(MAX_LONGITUDE, "Længdegraden ligger uden for Danmark."),
        ],
        help_text=(
            "Fx 10.21076 (Aarhus); mellem 8,0 og 15,2. Udfyld begge "
            "koordinater eller ingen."
        ),
    )
    themes = ParentalManyToManyField(
        "taxonomy.Theme",
        verbose_name="temaer",
        related_name="examples",
        help_text=(
            "Vælg mindst ét tema. Eksemplet vises på temaernes sider og "
            "findes med temafilteret i søgningen; et undertema tæller også "
            "under sit hovedtema."
        ),
    )
    task = models.ForeignKey(
        OperationsTask,
        verbose_name="driftsopgave",
        on_delete=models.PROTECT,
        related_name="examples",
        help_text=(
            "Den faste opgave, som eksemplet har ændret. Vises over titlen; "
            "eksemplets tal sammenlignes med andre eksempler om samme "
            "opgave."
        ),
    )
    status = models.CharField(
        "status",
        max_length=20,
        choices=ExampleStatus.choices,
        default=ExampleStatus.IN_PROGRESS,
        help_text="Idé, i gang eller gennemført. Vises i fakta og på eksempelkort.",
    )
    what_was_done = RichTextField(
        "hvad blev gjort",
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text="Hvad I gjorde, trin for trin. Vises under “Hvad blev gjort”.",
    )
    results = RichTextField(
        "resultater",
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text=(
            "Hvad det gav, i ord. Vises under “Resultater”; tallene skrives "
            "under “Værdi på bundlinjen”."
        ),
    )
    lessons = RichTextField(
        "erfaringer",
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text=(
            "Hvad andre kan lære, også af det, der ikke virkede. Vises "
            "under “Erfaringer”."
        ),
    )

    content_panels = [
        TitleFieldPanel(
            "title",
            help_text=(
                "Eksemplets navn, fx “Vild eng i stedet for græsplæne”. Vises "
                "som overskrift, på eksempelkort, på kortet og i "
                "søgeresultater."
            ),
        ),
        FieldPanel("teaser"),
        FieldPanel("themes", widget=GroupedThemeCheckboxes),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("task"), FieldPanel("status")]),
                FieldPanel("organisation"),
                FieldPanel("department"),
                FieldPanel("municipality"),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
            ],
            heading="Fakta",
        ),
        InlinePanel(
            "contacts",
            label="kontaktperson",
            heading="Kontaktpersoner",
            help_text=CONTACTS_HELP_TEXT,
        ),
        FieldPanel("what_was_done"),
        InlinePanel(
            "building_blocks",
            label="byggesten",
            heading="Byggesten til genbrug",
            help_text=(
                "Dele, en anden afdeling kan kopiere, fx en udbudstekst eller "
                "en plejeplan. Vises nummereret under “Byggesten I kan "
                "genbruge”."
            ),
        ),
        FieldPanel("results"),
        InlinePanel(
            "values",
            label="indikatorværdi",
            heading="Værdi på bundlinjen",
            help_text=(
                "Tal, eksemplet har målt eller skønnet. Vises i en tabel ved "
                "siden af sektorens median og tælles med i sektorens tal, mens "
                "eksemplet er udgivet."
            ),
        ),
        FieldPanel("lessons"),
        InlinePanel(
            "images",
            label="billede",
            heading="Billeder",
            help_text="Vises nederst på siden i denne rækkefølge.",
        ),
    ]
    search_kind = SearchKind(
        kind="example",
        label="Eksempel",
        label_plural="Eksempler",
        slug="eksempel",
        position=4,
        names=("organisation", "contacts"),
        context=("task",),
        themes="themes",
        status="status",
        owner=("organisation",),
        text_relations=("building_blocks",),
    )
    search_fields = Page.search_fields + [
        index.SearchField("teaser", boost=2),
        index.SearchField("what_was_done"),
        index.SearchField("results"),
        index.SearchField("lessons"),
        index.SearchField("municipality"),
        index.FilterField("status"),
        index.FilterField("task"),
        index.FilterField("organisation"),
        index.RelatedFields("organisation", [index.SearchField("name")]),
        index.RelatedFields("task", [index.SearchField("name")]),
        index.RelatedFields("themes", [index.SearchField("name")]),
    ]

    parent_page_types = ["examples.ExampleIndexPage"]
    subpage_types: list[str] = []
    template = "examples/example_page.html"

    class Meta:
        verbose_name = "eksempel"
        verbose_name_plural = "eksempler"

    def clean(self) -> None:
        super().clean()
        errors: dict[str, str] = {}
        if (
            self.department_id
            and self.organisation_id
            and self.department.organisation_id != self.organisation_id
        ):
            errors["department"] = (
                "Afdeling: afdelingen hører ikke til den valgte boligorganisation."
            )
        if (self.latitude is None) != (self.longitude is None):
            missing = "longitude" if self.longitude is None else "latitude"
            errors[missing] = (
                "Angiv både breddegrad og længdegrad, eller lad begge stå tomme."
            )
        if self.slug in RESERVED_SLUGS:
            errors["slug"] = (
                f"Adressen “{self.slug}” bruges af oversigten: vælg en anden."
            )
        if errors:
            raise ValidationError(errors)

    @property
    def has_location(self) -> bool:
        return self.latitude is not None and self.longitude is not None

    def get_context(self, request, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        context["themes"] = self.themes.select_related("parent").order_by(
            "parent__sort_order", "sort_order"
        )
        context["contacts"] = [
            c.person
            for c in self.contacts.select_related("person__organisation")
            if c.person
        ]
        context["building_blocks"] = self.building_blocks.all()
        context["images"] = self.images.select_related("image")
        context["value_rows"] = example_values_with_sector(self)
        context["value_kroner"] = (
            example_kroner(self) if context["value_rows"] else None
        )
        parent = self.get_parent().specific
        if isinstance(parent, ExampleIndexPage) and self.has_location:
            context["map_url"] = parent.subpage_url("map")
        return context


class ExampleBuildingBlock(Orderable):
    """A reusable part of an example, written so another department can copy it."""

    page = ParentalKey(
        ExamplePage, on_delete=models.CASCADE, related_name="building_blocks"
    )
    title = models.CharField(
        "titel", max_length=200, help_text="Byggestenens navn, fx “Plejeplan for eng”."
    )
    description = models.TextField(
        "beskrivelse",
        help_text=(
            "Hvad den består af, og hvordan en anden afdeling bruger den. "
            "Linjeskift bevares."
        ),
    )

    panels = [FieldPanel("title"), FieldPanel("description")]

    class Meta(Orderable.Meta):
        verbose_name = "byggesten"
        verbose_name_plural = "byggesten"

    def __str__(self) -> str:
        return self.title


class ExampleContact(ContactLink):
    page = ParentalKey(ExamplePage, on_delete=models.CASCADE, related_name="contacts")
    person = ContactLink.person_field(related_name="example_contacts")


class ExampleImage(Orderable):
    page = ParentalKey(ExamplePage, on_delete=models.CASCADE, related_name="images")
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="billede",
        on_delete=models.CASCADE,
        related_name="+",
        help_text="Vælg et billede i billedbiblioteket, eller upload et nyt.",
    )
    alt_text = models.CharField(
        "alternativ tekst",
        max_length=250,
        help_text=(
            "Beskriv billedet for dem, der ikke kan se det; læses op af skærmlæsere."
        ),
    )
    caption = models.CharField(
        "billedtekst",
        max_length=250,
        blank=True,
        help_text="Vises under billedet. Skriv gerne fotografens navn.",
    )

    panels = [FieldPanel("image"), FieldPanel("alt_text"), FieldPanel("caption")]

    class Meta(Orderable.Meta):
        verbose_name = "billede"
        verbose_name_plural = "billeder"
