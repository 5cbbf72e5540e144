from __future__ import annotations

import datetime

from django.db import models
from django.utils import timezone
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
)
from wagtail.models import Orderable


class CompileStatus(models.TextChoices):
    DRAFT = "draft", "Ikke kompileret"
    QUEUED = "queued", "I kø"
    RUNNING = "running", "Kompilerer"
    DONE = "done", "Færdig"
    FAILED = "failed", "Fejlet"


def today() -> datetime.date:
    return timezone.localdate()


def colophon_field(
    label: str, *, max_length: int = 300, **options: str
) -> models.CharField:
    """A line of the colophon: optional text shown in the PDF and on the page
    (`options`: a default, which only some lines have)."""
    return models.CharField(
        label,
        max_length=max_length,
        blank=True,
        help_text="Skrives i PDF'ens kolofon og på publikationssiden.",
        **options,
    )


class PublicationDraft(ClusterableModel):
    """What an editor puts together to compile a publication from examples.

    The draft, not the publication page, holds the choice and order of the
    examples, the introduction, the quotes and the fact boxes, so that it can
    be compiled again after an example changes. `document_date` is the one
    date written into the PDF: the same content and date give the same bytes.
    """

    title = models.CharField(
        "titel",
        max_length=255,
        help_text="Publikationens titel i PDF'en og på publikationssiden.",
    )
    subtitle = models.CharField(
        "undertitel",
        max_length=255,
        blank=True,
        help_text=(
            "Står under titlen i PDF'en; bruges som manchet, hvis manchetten er tom."
        ),
    )
    teaser = models.TextField(
        "manchet",
        blank=True,
        help_text=(
            "Vises på publikationssiden, i listen og under projektets "
            "“Projektet indeholder”."
        ),
    )
    intro = models.TextField(
        "indledning",
        blank=True,
        help_text=(
            "Indledningen i PDF'en, før eksemplerne. Adskil afsnit med en tom linje."
        ),
    )
    series = models.ForeignKey(
        "publications.PublicationSeries",
        verbose_name="publikationsserie",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Fx AlmenRapport. Skrives i PDF'en og på publikationssiden.",
    )
    meeting_series = models.ForeignKey(
        "meetings.MeetingSeriesPage",
        verbose_name="mødeserie",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="publication_drafts",
        help_text=(
            "Publikationen bygger på mødeseriens oplæg. Vælger du ingen "
            "eksempler nedenfor, bruges eksemplerne fra seriens oplæg – dem, der "
            "blev delt i plenum, først."
        ),
    )
    year = models.PositiveSmallIntegerField(
        "udgivelsesår",
        null=True,
        blank=True,
        help_text="Tom: året fra datoen i dokumentet.",
    )
    document_date = models.DateField(
        "dato i dokumentet",
        default=today,
        help_text="Skrives i PDF'en. Samme indhold og dato giver samme fil.",
    )
    prepared_by = colophon_field("udarbejdet af")
    prepared_for = colophon_field("udarbejdet for")
    photos = colophon_field("fotos")
    rights = colophon_field("rettigheder", default="Må citeres med kildeangivelse.")
    funders = colophon_field("støttet af")
    layout = colophon_field("layout", default="almenhub (Typst)")
    isbn = colophon_field("ISBN", max_length=20)
    publication = models.ForeignKey(
        "publications.PublicationPage",
        verbose_name="publikationsside",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=(
            "Siden, som kompileringen lægger PDF'en og kolofonen på og "
            "udgiver. Tom: oprettes ved første kompilering."
        ),
    )
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name="PDF",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    status = models.CharField(
        "status",
        max_length=20,
        choices=CompileStatus.choices,
        default=CompileStatus.DRAFT,
        editable=False,
    )
    progress = models.PositiveSmallIntegerField(
        "fremdrift (%)", default=0, editable=False
    )
    progress_message = models.CharField(max_length=200, blank=True, editable=False)
    error = models.TextField("fejl", blank=True, editable=False)
    content_checksum = models.CharField(max_length=64, blank=True, editable=False)
    compiled_at = models.DateTimeField("kompileret", null=True, editable=False)
    pages = models.PositiveIntegerField("sider", null=True, editable=False)

    panels = [
        FieldPanel("title"),
        FieldPanel("subtitle"),
        FieldPanel("teaser"),
        FieldRowPanel([FieldPanel("series"), FieldPanel("year")]),
        FieldPanel("meeting_series"),
        FieldPanel("intro"),
        InlinePanel(
            "chosen_examples",
            label="eksempel",
            heading="Eksempler (i den rækkefølge, de skal stå)",
            help_text=(
                "Eksemplerne samles i kapitler efter deres første hovedtema, i "
                "den rækkefølge, det første eksempel i hvert kapitel står. Tom: "
                "eksemplerne fra mødeseriens oplæg."
            ),
        ),
        InlinePanel(
            "quotes",
            label="citat",
            heading="Citater",
            help_text=(
                "Citater i PDF'en, hvert efter sit eksempel eller efter indledningen."
            ),
        ),
        InlinePanel(
            "facts",
            label="faktaboks",
            heading="Faktabokse",
            help_text=(
                "Faktabokse i PDF'en, hver efter sit eksempel eller efter indledningen."
            ),
        ),
        MultiFieldPanel(
            [
                FieldPanel("prepared_by"),
                FieldPanel("prepared_for"),
                FieldPanel("photos"),
                FieldPanel("funders"),
                FieldPanel("layout"),
                FieldPanel("rights"),
                FieldPanel("isbn"),
                FieldPanel("document_date"),
            ],
            heading="Kolofon",
        ),
        FieldPanel("publication"),
    ]

    class Meta:
        verbose_name = "publikationskladde"
        verbose_name_plural = "publikationskladder"
        ordering = ["-pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_busy(self) -> bool:
        return self.status in (CompileStatus.QUEUED, CompileStatus.RUNNING)


class DraftExample(Orderable):
    draft = ParentalKey(
        PublicationDraft, on_delete=models.CASCADE, related_name="chosen_examples"
    )
    example = models.ForeignKey(
        "examples.ExamplePage",
        verbose_name="eksempel",
        on_delete=models.CASCADE,
        related_name="+",
        help_text="Et eksempel, der skal med i publikationen.",
    )

    panels = [FieldPanel("example")]

    class Meta(Orderable.Meta):
        verbose_name = "eksempel"
        verbose_name_plural = "eksempler"


class DraftQuote(Orderable):
    """A quote, placed after its example or, without one, after the
    introduction."""

    draft = ParentalKey(
        PublicationDraft, on_delete=models.CASCADE, related_name="quotes"
    )
    text = models.TextField("citat", help_text="Selve citatet.")
    author = models.CharField(
        "afsender", max_length=200, blank=True, help_text="Hvem der har sagt det."
    )
    role = models.CharField(
        "afsenderens rolle",
        max_length=200,
        blank=True,
        help_text="Fx “driftschef i KAB”. Står efter navnet.",
    )
    example = models.ForeignKey(
        "examples.ExamplePage",
        verbose_name="efter eksemplet",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Citatet står efter dette eksempel. Tom: efter indledningen.",
    )

    panels = [
        FieldPanel("text"),
        FieldRowPanel([FieldPanel("author"), FieldPanel("role")]),
        FieldPanel("example"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "citat"
        verbose_name_plural = "citater"


class DraftFact(Orderable):
    draft = ParentalKey(
        PublicationDraft, on_delete=models.CASCADE, related_name="facts"
    )
    heading = models.CharField(
        "overskrift",
        max_length=200,
        default="Vidste du ...",
        help_text="Boksens overskrift, fx “Vidste du ...”.",
    )
    text = models.TextField(
        "tekst", help_text="Boksens tekst. Adskil afsnit med en tom linje."
    )
    example = models.ForeignKey(
        "examples.ExamplePage",
        verbose_name="efter eksemplet",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Boksen står efter dette eksempel. Tom: efter indledningen.",
    )

    panels = [FieldPanel("heading"), FieldPanel("text"), FieldPanel("example")]

    class Meta(Orderable.Meta):
        verbose_name = "faktaboks"
        verbose_name_plural = "faktabokse"
