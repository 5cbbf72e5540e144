from __future__ import annotations

from typing import Any

from django.db import models
from django.http import HttpRequest, HttpResponse
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    MultiFieldPanel,
    TitleFieldPanel,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from almenhub.core.blocks import BodyBlock
from almenhub.core.pages.visibility import public_pages
from almenhub.core.text import danish_slugify
from almenhub.search.registry import SearchKind


class PublicationSeries(models.Model):
    """A named series such as AlmenRapport; editors can add new ones."""

    name = models.CharField(
        "navn",
        max_length=100,
        unique=True,
        help_text=(
            "Fx “AlmenRapport”. Vises over publikationens titel og under "
            "projekters “Projektet indeholder”."
        ),
    )
    slug = models.SlugField(
        "kortnavn",
        max_length=120,
        unique=True,
        help_text=(
            "Bruges i de åbne data (API). Kun små bogstaver, tal og bindestreger."
        ),
    )
    description = models.TextField(
        "beskrivelse",
        blank=True,
        help_text="Intern beskrivelse af serien. Vises ikke på hjemmesiden.",
    )

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]

    class Meta:
        verbose_name = "publikationsserie"
        verbose_name_plural = "publikationsserier"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self.slug:
            self.slug = danish_slugify(self.name)
        super().save(*args, **kwargs)


class PublicationIndexPage(Page):
    intro = RichTextField(
        "introduktion",
        blank=True,
        help_text="Tekst under overskriften, over listen af publikationer.",
    )

    content_panels = [
        TitleFieldPanel(
            "title",
            help_text=(
                "Oversigtens overskrift, fx “Publikationer”; også navnet i "
                "hovedmenuen, når “vis i menuer” er markeret."
            ),
        ),
        FieldPanel("intro"),
    ]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["publications.PublicationPage"]
    template = "publications/publication_index_page.html"
    max_count = 1

    class Meta:
        verbose_name = "publikationsoversigt"

    def get_context(self, request, *args: Any, **kwargs: Any) -> dict[str, Any]:
        # lazy: the filters' selectors import this module
        from almenhub.publications.views import publication_list_context

        context = super().get_context(request, *args, **kwargs)
        context.update(publication_list_context(request, index=self))
        return context


class PublicationPage(RoutablePageMixin, Page):
    """A report, handbook or tool, with its colophon and its document.

    A PDF document is served at the page's own `pdf/` address, which stays
    the same however often the file is replaced (a recompile, an editor's
    upload): links in e-mails and on other sites keep working, and the
    page's privacy and publishing state apply to the file as to the page.
    """

    series = models.ForeignKey(
        PublicationSeries,
        verbose_name="serie",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="publications",
        help_text="Fx AlmenRapport. Vises over titlen og i kolofonen.",
    )
    year = models.PositiveSmallIntegerField(
        "udgivelsesår",
        null=True,
        blank=True,
        help_text=(
            "Fx 2024. Vises i kolofonen og i oversigten, hvor de nyeste står først."
        ),
    )
    teaser = models.TextField(
        "manchet",
        blank=True,
        help_text=(
            "1–2 sætninger om publikationen. Vises under titlen, i "
            "oversigten og i søgeresultater."
        ),
    )
    body = StreamField(
        BodyBlock(),
        verbose_name="indhold",
        blank=True,
        help_text=(
            "Publikationens tekst på hjemmesiden, med mellemrubrikker. "
            "Vises ved siden af kolofonen."
        ),
    )
    prepared_by = models.CharField(
        "udarbejdet af",
        max_length=300,
        blank=True,
        help_text=(
            "Hvem har skrevet den, fx “AlmenNet og Rambøll”. Vises i kolofonen."
        ),
    )
    prepared_for = models.CharField(
        "udarbejdet for",
        max_length=300,
        blank=True,
        help_text="Hvem den er lavet til. Vises i kolofonen.",
    )
    photos = models.CharField(
        "fotos",
        max_length=300,
        blank=True,
        help_text="Fotografernes navne. Vises i kolofonen.",
    )
    rights = models.CharField(
        "rettigheder",
        max_length=300,
        blank=True,
        help_text="Fx “Må citeres med kildeangivelse”. Vises i kolofonen.",
    )
    funders = models.CharField(
        "støttet af",
        max_length=300,
        blank=True,
        help_text=(
            "Hvem har støttet den økonomisk, fx “Landsbyggefonden”. Vises i kolofonen."
        ),
    )
    layout = models.CharField(
        "layout",
        max_length=300,
        blank=True,
        help_text="Hvem har sat den op. Vises i kolofonen.",
    )
    isbn = models.CharField(
        "ISBN",
        max_length=20,
        blank=True,
        help_text="Fx 978-87-93123-45-6. Vises i kolofonen.",
    )
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name="dokument (PDF)",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=(
            "Filen, der kan hentes fra siden. En PDF får en fast adresse "
            "(…/pdf/), som bliver den samme, når filen skiftes ud."
        ),
    )
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="forsidebillede",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=(
            "Vises ved siden af teksten på publikationssiden og i sidens "
            "strukturerede data til søgemaskiner."
        ),
    )
    projects = ParentalManyToManyField(
        "projects.ProjectPage",
        verbose_name="projekter",
        blank=True,
        related_name="publications",
        help_text=(
            "Projekter, publikationen hører til. Vises som links under "
            "“Hører til projektet”. Den kommer ikke selv under projektets "
            "“Projektet indeholder”: tilføj den dér som leverance."
        ),
    )

    content_panels = [
        TitleFieldPanel(
            "title",
            help_text=(
                "Publikationens titel. Vises som overskrift, i oversigten og i "
                "søgeresultater."
            ),
        ),
        FieldRowPanel([FieldPanel("series"), FieldPanel("year")]),
        FieldPanel("teaser"),
        FieldPanel("body"),
        FieldRowPanel([FieldPanel("document"), FieldPanel("cover_image")]),
        FieldPanel("projects"),
        MultiFieldPanel(
            [
                FieldPanel("prepared_by"),
                FieldPanel("prepared_for"),
                FieldPanel("photos"),
                FieldPanel("rights"),
                FieldPanel("funders"),
                FieldPanel("layout"),
                FieldPanel("isbn"),
            ],
            heading="Kolofon",
        ),
    ]
    search_kind = SearchKind(
        kind="publication",
        label="Publikation",
        label_plural="Publikationer",
        slug="publikation",
        position=3,
        names=("prepared_by", "prepared_for"),
        context=("series",),
        year="year",
        belongs_to="projects",
    )
    search_fields = Page.search_fields + [
        index.SearchField("teaser", boost=2),
        index.SearchField("body"),
        index.SearchField("prepared_by"),
        index.FilterField("year"),
        index.RelatedFields("series", [index.SearchField("name")]),
    ]

    parent_page_types = ["publications.PublicationIndexPage"]
    subpage_types: list[str] = []
    template = "publications/publication_page.html"

    class Meta:
        verbose_name = "publikationsside"
        verbose_name_plural = "publikationssider"

    @property
    def has_pdf(self) -> bool:
        return bool(self.document_id) and self.document.file_extension.lower() == "pdf"

    @property
    def document_url(self) -> str:
        """The address to link to the document by: the stable `pdf/` address
        for a PDF, the document's own for other files."""
        if not self.document_id:
            return ""
        if self.has_pdf:
            return (self.url or "") + self.reverse_subpage("pdf")
        return self.document.url

    def get_cached_paths(self) -> list[str]:
        # A front-end cache purges these on publish, the PDF with the page.
        return ["/", "/" + self.reverse_subpage("pdf")]

    @path("pdf/", name="pdf")
    def pdf_route(self, request: HttpRequest) -> HttpResponse:
        # lazy: routable page route; the views import this module
        from almenhub.publications.views import publication_pdf

        return publication_pdf(request, page=self)

    def live_projects(self) -> models.QuerySet:
        """The projects it belongs to that a visitor may see.

        Read through the chosen ids, because in a preview the relation holds
        the form's choices rather than a queryset.
        """
        chosen = [project.pk for project in self.projects.all()]
        return public_pages(self.projects.model.objects.filter(pk__in=chosen))

    @property
    def colophon(self) -> list[tuple[str, str]]:
        rows = [
            ("Serie", self.series.name if self.series_id else ""),
            ("Udgivelsesår", str(self.year) if self.year else ""),
            ("Udarbejdet af", self.prepared_by),
            ("Udarbejdet for", self.prepared_for),
            ("Fotos", self.photos),
            ("Layout", self.layout),
            ("Støttet af", self.funders),
            ("Rettigheder", self.rights),
            ("ISBN", self.isbn),
        ]
        return [(label, value) for label, value in rows if value]
