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


class PublicationDraft(ClusterableModel):
    """What an editor puts together to compile a publication from examples.

    The draft, not the publication page, holds the choice and order of the
    examples, the introduction, the quotes and the fact boxes, so that it can
    be compiled again after an example changes. `document_date` is the one
    date written into the PDF: the same content and date give the same bytes.
    """

    title = models.CharField("titel", max_length=255)
    subtitle = models.CharField("undertitel", max_length=255, blank=True)
    teaser = models.TextField(
        "manchet", blank=True, help_text="Vises på publikationssiden og i listen."
    )
    intro = models.TextField(
        "indledning",
        blank=True,
        help_text="Adskil afsnit med en tom linje.",
    )
    series = models.ForeignKey(
        "publications.PublicationSeries",
        verbose_name="publikationsserie",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
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
    year = models.PositiveSmallIntegerField("udgivelsesår", null=True, blank=True)
    document_date = models.DateField(
        "dato i dokumentet",
        default=today,
        help_text="Skrives i PDF'en. Samme indhold og dato giver samme fil.",
    )
    prepared_by = models.CharField("udarbejdet af", max_length=300, blank=True)
    prepared_for = models.CharField("udarbejdet for", max_length=300, blank=True)
    photos = models.CharField("fotos", max_length=300, blank=True)
    rights = models.CharField(
        "rettigheder",
        max_length=300,
        blank=True,
        default="Må citeres med kildeangivelse.",
    )
    funders = models.CharField("støttet af", max_length=300, blank=True)
    layout = models.CharField(
        "layout", max_length=300, blank=True, default="almenhub (Typst)"
    )
    isbn = models.CharField("ISBN", max_length=20, blank=True)
    publication = models.ForeignKey(
        "publications.PublicationPage",
        verbose_name="publikationsside",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Tom: oprettes ved første kompilering.",
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
            label="Eksempel",
            heading="Eksempler (i den rækkefølge, de skal stå)",
        ),
        InlinePanel("quotes", label="Citat", heading="Citater"),
        InlinePanel("facts", label="Faktaboks", heading="Faktabokse"),
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
    text = models.TextField("citat")
    author = models.CharField("afsender", max_length=200, blank=True)
    role = models.CharField("afsenderens rolle", max_length=200, blank=True)
    example = models.ForeignKey(
        "examples.ExamplePage",
        verbose_name="efter eksemplet",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
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
    heading = models.CharField("overskrift", max_length=200, default="Vidste du ...")
    text = models.TextField("tekst")
    example = models.ForeignKey(
        "examples.ExamplePage",
        verbose_name="efter eksemplet",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [FieldPanel("heading"), FieldPanel("text"), FieldPanel("example")]

    class Meta(Orderable.Meta):
        verbose_name = "faktaboks"
        verbose_name_plural = "faktabokse"
