"""Presentations at a meeting and the examples they show."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
)

from almenhub.meetings.validators import validate_slides


def contribution_upload_to(instance: Contribution, filename: str) -> str:
    return f"meetings/slides/{instance.meeting_id or 'ny'}/{filename}"


class Contribution(models.Model):
    """A presentation at a meeting and the examples it shows.

    Highlights are the contributions shared in plenum; the publication
    builder starts from their examples.
    """

    meeting = models.ForeignKey(
        "meetings.MeetingPage",
        verbose_name="møde",
        on_delete=models.CASCADE,
        related_name="contributions",
        help_text=(
            "Mødet, hvor oplægget blev holdt. Oplægget vises på mødesiden "
            "under “Oplæg”."
        ),
    )
    title = models.CharField(
        "titel",
        max_length=255,
        help_text="Oplæggets titel, vist som overskrift under “Oplæg”.",
    )
    presenters = models.CharField(
        "oplægsholdere",
        max_length=300,
        blank=True,
        help_text=(
            "Navne, som de skal stå ved oplægget på mødesiden, fx “Anna "
            "Holm og Per Lund”."
        ),
    )
    presenter_people = models.ManyToManyField(
        "people.Person",
        verbose_name="oplægsholdere (personer)",
        blank=True,
        related_name="meeting_contributions",
        help_text=(
            "Oplægsholderne som personer i almenhub. Vises ikke på "
            "hjemmesiden; navnene ovenfor gør."
        ),
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name="organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="meeting_contributions",
        help_text="Vises efter oplægsholdernes navne.",
    )
    summary = models.TextField(
        "resumé", blank=True, help_text="Kort resumé. Vises under titlen på mødesiden."
    )
    slides = models.FileField(
        "præsentation (PDF eller PPTX)",
        upload_to=contribution_upload_to,
        blank=True,
        validators=[validate_slides],
        help_text="PDF eller PPTX. Vises som linket “Hent præsentationen”.",
    )
    examples = models.ManyToManyField(
        "examples.ExamplePage",
        verbose_name="eksempler",
        blank=True,
        related_name="meeting_contributions",
        help_text=(
            "Eksempler, oplægget viser. Vises som links, og "
            "publikationsbyggeren henter sine eksempler herfra."
        ),
    )
    is_highlight = models.BooleanField(
        "delt i plenum",
        default=False,
        help_text=(
            "Markér de bedste erfaringer, som blev delt i plenum. De står "
            "først med mærket “Delt i plenum”, og publikationsbyggeren "
            "tager deres eksempler først."
        ),
    )
    sort_order = models.PositiveIntegerField(
        "rækkefølge",
        default=0,
        help_text="Lavere tal står først (efter dem, der blev delt i plenum).",
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    panels = [
        FieldPanel("meeting"),
        FieldPanel("title"),
        FieldPanel("presenters"),
        FieldPanel("presenter_people"),
        FieldPanel("organisation"),
        FieldPanel("summary"),
        FieldPanel("slides"),
        FieldPanel("examples"),
        FieldRowPanel([FieldPanel("is_highlight"), FieldPanel("sort_order")]),
    ]

    class Meta:
        verbose_name = "oplæg"
        verbose_name_plural = "oplæg"
        ordering = ["meeting", "sort_order", "pk"]

    def __str__(self) -> str:
        return self.title
