from __future__ import annotations

from typing import Any

from django.db import models
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    TitleFieldPanel,
)
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from almenhub.core.blocks import BodyBlock
from almenhub.core.pages.visibility import is_public, only_public, public_pages
from almenhub.people.models import CONTACTS_HELP_TEXT, ContactLink
from almenhub.search.listing import render_search
from almenhub.search.registry import SearchKind
from almenhub.search.selectors import related_documents
from almenhub.taxonomy.widgets import GroupedThemeCheckboxes


class ProgrammePage(Page):
    """A collection of projects, e.g. the association's own development projects.

    Projects live below their programme in the page tree, so the programme's
    URL prefixes theirs and editors find them where they expect them.
    """

    teaser = models.TextField(
        "manchet",
        blank=True,
        help_text=(
            "1–2 sætninger om programmet. Vises under overskriften, i "
            "forsidens liste over programmer, i søgeresultater og som "
            "beskrivelse til søgemaskiner."
        ),
    )
    intro = RichTextField(
        "introduktion",
        blank=True,
        help_text=(
            "Længere præsentation. Vises under manchetten, over listen af "
            "programmets projekter."
        ),
    )
    owner_organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name="ejer",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Organisationen bag programmet. Vises som “Ejer:” på programsiden.",
    )

    content_panels = [
        TitleFieldPanel(
            "title",
            help_text=(
                "Programmets navn. Vises som overskrift, på forsiden og i "
                "søgeresultater."
            ),
        ),
        FieldPanel("teaser"),
        FieldPanel("intro"),
        FieldPanel("owner_organisation"),
    ]
    search_kind = SearchKind(
        kind="programme",
        label="Program",
        label_plural="Programmer",
        slug="program",
        position=2,
        names=("owner_organisation",),
        owner=("owner_organisation",),
        is_programme=True,
    )
    search_fields = Page.search_fields + [
        index.SearchField("teaser", boost=2),
        index.SearchField("intro"),
    ]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["projects.ProjectPage"]
    template = "projects/programme_page.html"

    class Meta:
        verbose_name = "programside"
        verbose_name_plural = "programsider"

    def serve(self, request, *args: Any, **kwargs: Any):
        return render_search(
            request,
            self.template,
            {"page": self, "self": self, "heading": self.title},
            fixed={"program": str(self.pk), "type": "projekt"},
        )


class ProjectStatus(models.TextChoices):
    PLANNED = "planned", "Planlagt"
    # The old site's words, which readers know.
    ONGOING = "ongoing", "Igangværende"
    FINISHED = "finished", "Afsluttet"


class DeliverableKind(models.TextChoices):
    REPORT = "report", "Rapport"
    TOOL = "tool", "Værktøj"
    FILM = "film", "Film"
    OTHER = "other", "Andet"


class ProjectPage(Page):
    """A project, holding every field of the old site's project page."""

    teaser = models.TextField(
        "manchet",
        blank=True,
        help_text=(
            "1–2 sætninger om, hvad projektet handler om. Vises under "
            "overskriften, på projektkort og i søgeresultater."
        ),
    )
    status = models.CharField(
        "status",
        max_length=20,
        choices=ProjectStatus.choices,
        blank=True,
        default="",
        help_text=(
            "Vises i projektfakta og på projektkort og kan bruges som "
            "filter i søgningen. Tom, når status ikke er kendt: så vises "
            "ingen status."
        ),
    )
    publication_year = models.PositiveSmallIntegerField(
        "udgivelsesår",
        null=True,
        blank=True,
        help_text=(
            "Fx 2023. Vises i projektfakta og på projektkort; søgningen kan "
            "filtrere på året."
        ),
    )
    owner_organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name="projektejer",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="owned_projects",
        help_text=(
            "Organisationen, der står bag projektet. Vises som "
            "“Projektejer” i projektfakta (med link til dens hjemmeside) og "
            "på projektkort."
        ),
    )
    # Participants are often organisations, but the old site also names
    # groups that are not organisations ("Deltagerne på ... ERFA-møder"),
    # so both have a field and the page shows both.
    participants = ParentalManyToManyField(
        "organisations.Organisation",
        verbose_name="deltagende organisationer",
        blank=True,
        related_name="participating_projects",
        help_text=(
            "Organisationer, der deltager. Vises under “Projektdeltagere” i "
            "projektfakta."
        ),
    )
    participants_text = models.TextField(
        "øvrige deltagere",
        blank=True,
        help_text=(
            "Deltagere, der ikke er en organisation i almenhub, fx "
            "“Deltagerne på AlmenNets ERFA-møder”. Vises under "
            "organisationerne."
        ),
    )
    # As participants: organisations where the hub has them, the rest as text
    # (the old site names funds and programmes that are no organisation).
    partners = ParentalManyToManyField(
        "organisations.Organisation",
        verbose_name="samarbejdspartnere",
        blank=True,
        related_name="partner_projects",
        help_text="Vises under “Samarbejdspartnere” i projektfakta.",
    )
    partners_text = models.TextField(
        "øvrige samarbejdspartnere",
        blank=True,
        help_text="Samarbejdspartnere, der ikke er en organisation i almenhub.",
    )
    funders = ParentalManyToManyField(
        "organisations.Organisation",
        verbose_name="støttet af",
        blank=True,
        related_name="funded_projects",
        help_text="Fonde og organisationer, der støtter projektet. Vises under "
        "“Støttet af” i projektfakta.",
    )
    funders_text = models.TextField(
        "øvrige støttegivere",
        blank=True,
        help_text="Støttegivere, der ikke er en organisation i almenhub.",
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="billede",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=(
            "Vises øverst på projektsiden og når siden deles. Billedets "
            "beskrivelse bruges som alternativ tekst, så beskriv, hvad det viser."
        ),
    )
    photo_credit = models.CharField(
        "fotokredit",
        max_length=200,
        blank=True,
        help_text="Fx “Foto: Anna Holm”. Vises under manchetten.",
    )
    themes = ParentalManyToManyField(
        "taxonomy.Theme",
        verbose_name="temaer",
        related_name="projects",
        help_text=(
            "Vælg mindst ét tema. Projektet vises på temaernes sider og "
            "findes med temafilteret i søgningen; et undertema tæller også "
            "under sit hovedtema."
        ),
    )
    body = StreamField(
        BodyBlock(),
        verbose_name="om projektet",
        blank=True,
        help_text=(
            "Projektets beskrivelse, med mellemrubrikker. Vises under “Om projektet”."
        ),
    )

    # Where an imported page came from, so a re-import updates it in place.
    source_key = models.CharField(
        "importkilde", max_length=255, blank=True, db_index=True, editable=False
    )
    source_checksum = models.CharField(max_length=64, blank=True, editable=False)

    content_panels = [
        TitleFieldPanel(
            "title",
            help_text=(
                "Projektets navn. Vises som overskrift, på projektkort og i "
                "søgeresultater."
            ),
        ),
        FieldPanel("teaser"),
        MultiFieldPanel(
            [FieldPanel("image"), FieldPanel("photo_credit")], heading="Billede"
        ),
        FieldPanel("themes", widget=GroupedThemeCheckboxes),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("status"), FieldPanel("publication_year")]),
                FieldPanel("owner_organisation"),
                FieldPanel("participants"),
                FieldPanel("participants_text"),
                FieldPanel("partners"),
                FieldPanel("partners_text"),
                FieldPanel("funders"),
                FieldPanel("funders_text"),
            ],
            heading="Projektfakta",
        ),
        InlinePanel(
            "contacts",
            label="kontaktperson",
            heading="Kontaktpersoner",
            help_text=CONTACTS_HELP_TEXT,
        ),
        FieldPanel("body"),
        InlinePanel(
            "deliverables",
            label="leverance",
            heading="Projektet indeholder",
            help_text=(
                "Rapporter, værktøjer, film m.m. fra projektet. Vises under "
                "“Projektet indeholder” i denne rækkefølge."
            ),
        ),
        InlinePanel(
            "quotes",
            label="citat",
            heading="Citater",
            help_text="Fremhævede citater efter “Projektet indeholder”.",
        ),
        InlinePanel(
            "facts",
            label="faktaboks",
            heading="Faktabokse",
            help_text="Korte fakta i en boks med mærket “Fakta”, efter citaterne.",
        ),
        InlinePanel(
            "related_links",
            label="relateret projekt",
            heading="Relaterede projekter",
            help_text=(
                "Op til fire projekter nederst på siden. Vælger du ingen, viser "
                "siden selv de projekter, hvis indhold ligner mest."
            ),
        ),
    ]
    search_kind = SearchKind(
        kind="project",
        label="Projekt",
        label_plural="Projekter",
        slug="projekt",
        position=1,
        names=("owner_organisation", "participants", "participants_text", "contacts"),
        themes="themes",
        status="status",
        status_facet=True,
        year="publication_year",
        owner=("owner_organisation",),
        text_relations=("deliverables", "quotes", "facts"),
    )
    search_fields = Page.search_fields + [
        index.SearchField("teaser", boost=2),
        index.SearchField("body"),
        index.SearchField("participants_text"),
        index.FilterField("status"),
        index.FilterField("publication_year"),
        index.RelatedFields("owner_organisation", [index.SearchField("name")]),
        index.RelatedFields("themes", [index.SearchField("name")]),
    ]

    parent_page_types = ["projects.ProgrammePage"]
    subpage_types: list[str] = []
    template = "projects/project_page.html"

    class Meta:
        verbose_name = "projektside"
        verbose_name_plural = "projektsider"

    @property
    def programme(self) -> ProgrammePage | None:
        parent = self.get_parent()
        return parent.specific if parent else None

    def get_related_projects(self, limit: int = 4) -> list[ProjectPage]:
        chosen = only_public(
            link.related for link in self.related_links.select_related("related")
        )
        if chosen:
            return chosen[:limit]
        # No editor's choice: the projects whose content is closest to this one.
        keys = related_documents(f"project:{self.pk}", kind="project", limit=limit)
        by_pk = public_pages(ProjectPage.objects.all()).in_bulk(
            [d.object_id for d in keys]
        )
        return [by_pk[d.object_id] for d in keys if d.object_id in by_pk]

    def organisations_in_order(self, name: str) -> list[Any]:
        """The organisations of a many-to-many field in the order they were
        linked (the page's order), not by name."""
        field = type(self)._meta.get_field(name)
        chosen = list(getattr(self, name).all())
        if self.pk is None or not chosen:
            return chosen
        through = field.remote_field.through
        order = list(
            through.objects.filter(**{field.m2m_field_name(): self.pk})
            .order_by("pk")
            .values_list(f"{field.m2m_reverse_field_name()}_id", flat=True)
        )
        rank = {pk: i for i, pk in enumerate(order)}
        return sorted(chosen, key=lambda o: rank.get(o.pk, len(rank)))

    def get_context(self, request, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        context["participants"] = self.organisations_in_order("participants")
        context["partners"] = self.organisations_in_order("partners")
        context["funders"] = self.organisations_in_order("funders")
        context["themes"] = self.themes.select_related("parent").order_by(
            "parent__sort_order", "sort_order"
        )
        context["contacts"] = [
            c.person
            for c in self.contacts.select_related("person__organisation")
            if c.person
        ]
        context["deliverables"] = self.deliverables.select_related(
            "publication", "document"
        )
        context["related_projects"] = self.get_related_projects()
        return context


class ProjectContact(ContactLink):
    page = ParentalKey(ProjectPage, on_delete=models.CASCADE, related_name="contacts")
    person = ContactLink.person_field(related_name="project_contacts")


class ProjectDeliverable(Orderable):
    """One item under "Projektet indeholder": a report, a tool, a film …

    It points at a publication page when the item is one of the association's
    publications, else at an uploaded file or an external address.
    """

    page = ParentalKey(
        ProjectPage, on_delete=models.CASCADE, related_name="deliverables"
    )
    title = models.CharField(
        "titel",
        max_length=255,
        help_text="Vises som overskrift (og link) under “Projektet indeholder”.",
    )
    kind = models.CharField(
        "type",
        max_length=20,
        choices=DeliverableKind.choices,
        default=DeliverableKind.REPORT,
        help_text=(
            "Vises over titlen; for en publikation i en serie står seriens "
            "navn i stedet."
        ),
    )
    description = models.TextField(
        "beskrivelse", blank=True, help_text="1–2 sætninger under titlen."
    )
    publication = models.ForeignKey(
        "publications.PublicationPage",
        verbose_name="publikation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=(
            "En af foreningens publikationer. Titlen linker til "
            "publikationssiden, mens den er udgivet."
        ),
    )
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name="fil",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=(
            "En uploadet fil. Titlen linker til den, når der ikke er valgt "
            "en udgivet publikation."
        ),
    )
    url = models.URLField(
        "ekstern adresse",
        blank=True,
        help_text=(
            "Adresse på en anden hjemmeside, fx https://… Titlen linker "
            "hertil, når der hverken er en udgivet publikation eller en "
            "fil."
        ),
    )

    panels = [
        FieldPanel("title"),
        FieldPanel("kind"),
        FieldPanel("description"),
        FieldPanel("publication"),
        FieldPanel("document"),
        FieldPanel("url"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "leverance"
        verbose_name_plural = "leverancer"

    def __str__(self) -> str:
        return self.title

    @property
    def link_url(self) -> str:
        if self.publication_id and is_public(self.publication):
            return self.publication.url or ""
        if self.document_id:
            return self.document.url
        return self.url


class ProjectQuote(Orderable):
    page = ParentalKey(ProjectPage, on_delete=models.CASCADE, related_name="quotes")
    text = models.TextField(
        "citat", help_text="Selve citatet. Vises som fremhævet citat."
    )
    author = models.CharField(
        "afsender",
        max_length=200,
        blank=True,
        help_text="Hvem der har sagt det. Vises under citatet.",
    )
    role = models.CharField(
        "afsenderens rolle",
        max_length=200,
        blank=True,
        help_text=(
            "Fx “formand for afdelingsbestyrelsen”. Vises efter navnet, og "
            "kun når der er et navn."
        ),
    )

    panels = [FieldPanel("text"), FieldPanel("author"), FieldPanel("role")]

    class Meta(Orderable.Meta):
        verbose_name = "citat"
        verbose_name_plural = "citater"


class ProjectFact(Orderable):
    page = ParentalKey(ProjectPage, on_delete=models.CASCADE, related_name="facts")
    heading = models.CharField(
        "overskrift",
        max_length=200,
        default="Vidste du ...",
        help_text="Boksens overskrift, fx “Vidste du ...”.",
    )
    text = models.TextField("tekst", help_text="Boksens tekst. Linjeskift bevares.")

    panels = [FieldPanel("heading"), FieldPanel("text")]

    class Meta(Orderable.Meta):
        verbose_name = "faktaboks"
        verbose_name_plural = "faktabokse"


class ProjectRelatedProject(Orderable):
    page = ParentalKey(
        ProjectPage, on_delete=models.CASCADE, related_name="related_links"
    )
    related = models.ForeignKey(
        ProjectPage,
        verbose_name="projekt",
        on_delete=models.CASCADE,
        related_name="+",
        help_text="Et andet projekt. Vises kun, mens det er udgivet.",
    )

    panels = [FieldPanel("related")]

    class Meta(Orderable.Meta):
        verbose_name = "relateret projekt"
        verbose_name_plural = "relaterede projekter"
