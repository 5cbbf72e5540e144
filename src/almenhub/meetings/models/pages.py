"""The meeting pages: a series (an ERFA theme held on several dates) and its
meetings, with their agenda, seats and sign-up routes."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from modelcluster.fields import ParentalManyToManyField
from wagtail import blocks
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

from almenhub.core.blocks import RICH_TEXT_FEATURES
from almenhub.core.pages.visibility import is_public, public_pages
from almenhub.meetings.models.contributions import Contribution
from almenhub.meetings.models.registrations import RegistrationStatus
from almenhub.search.registry import SearchKind
from almenhub.taxonomy.models import Theme
from almenhub.taxonomy.widgets import GroupedThemeCheckboxes

DEFAULT_CONSENT_TEXT = (
    "Jeg giver samtykke til, at mine oplysninger bruges til at administrere "
    "mødet, og at deltagerlisten med navn, stilling og organisation deles med "
    "de øvrige deltagere. Oplysningerne anonymiseres automatisk senest "
    "{months} måneder efter mødet."
)


def consent_text_default() -> str:
    months = settings.MEETINGS_ANONYMISE_AFTER_MONTHS
    return DEFAULT_CONSENT_TEXT.format(months=months)


class MeetingState(models.TextChoices):
    """Where a meeting stands for a visitor, in the order a meeting passes
    through them; the label is what the page and the series list say."""

    OPEN = "open", "Åben for tilmelding"
    FULL = "full", "Fuldt booket – tilmelding til venteliste"
    CLOSED = "closed", "Tilmeldingen er lukket"
    UNDER_WAY = "under_way", "I gang"
    HELD = "held", "Afholdt"


@dataclass(frozen=True)
class MeetingStatus:
    state: MeetingState
    seats_left: int

    @property
    def label(self) -> str:
        if self.state == MeetingState.OPEN:
            seats = "ledig plads" if self.seats_left == 1 else "ledige pladser"
            return f"{self.seats_left} {seats}"
        return self.state.label

    @property
    def is_past(self) -> bool:
        """Started or held: nothing to sign up for or put in a calendar."""
        return self.state in (MeetingState.UNDER_WAY, MeetingState.HELD)


class MeetingSeriesPage(Page):
    """One ERFA theme held on several dates in several cities.

    The series, not each meeting, carries the theme, the partners and the
    project, because the publication compiled afterwards covers the whole round.
    """

    teaser = models.TextField(
        "manchet",
        blank=True,
        help_text="1–2 sætninger om møderækken. Vises under overskriften.",
    )
    themes = ParentalManyToManyField(
        "taxonomy.Theme",
        verbose_name="temaer",
        blank=True,
        related_name="+",
        help_text=(
            "Møderne i serien findes under disse temaer i søgningen og på temasiderne."
        ),
    )
    description = RichTextField(
        "beskrivelse",
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text=(
            "Hvad møderne handler om, og hvem de er for. Vises over listen af møder."
        ),
    )
    co_organisers = ParentalManyToManyField(
        "organisations.Organisation",
        verbose_name="medarrangører",
        blank=True,
        related_name="co_organised_meeting_series",
        help_text=(
            "Organisationer, der arrangerer møderne sammen med foreningen. "
            "Vises som “Medarrangører”."
        ),
    )
    project = models.ForeignKey(
        "projects.ProjectPage",
        verbose_name="projekt",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="meeting_series",
        help_text=(
            "Det projekt, som møderækkens erfaringer indgår i. Vises med "
            "link på seriens side, og en publikation bygget på serien "
            "kommer under projektets “Projektet indeholder”."
        ),
    )
    consent_text = models.TextField(
        "samtykketekst",
        blank=True,
        help_text=(
            "Teksten, deltagerne giver samtykke til i "
            "tilmeldingsformularen. Tom: standardteksten om brug og "
            "anonymisering af oplysningerne."
        ),
    )

    content_panels = [
        TitleFieldPanel(
            "title",
            help_text=(
                "Møderækkens navn, fx “ERFA: Biodiversitet i driften”. Vises "
                "som overskrift og i brødkrummen på hvert møde."
            ),
        ),
        FieldPanel("teaser"),
        FieldPanel("themes", widget=GroupedThemeCheckboxes),
        FieldPanel("description"),
        FieldPanel("co_organisers"),
        FieldPanel("project"),
        FieldPanel("consent_text"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("teaser", boost=2),
        index.SearchField("description"),
    ]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["meetings.MeetingPage"]
    template = "meetings/meeting_series_page.html"

    class Meta:
        verbose_name = "mødeserie"
        verbose_name_plural = "mødeserier"

    @property
    def effective_consent_text(self) -> str:
        return self.consent_text.strip() or consent_text_default()

    def get_meetings(self) -> models.QuerySet[MeetingPage]:
        """The series' public meetings, each with its confirmed count (the
        list shows every meeting's seats left or state)."""
        return (
            MeetingPage.objects.child_of(self)
            .live()
            .public()
            .select_related("contact__organisation")
            .annotate(
                confirmed_seats=models.Count(
                    "registrations",
                    filter=models.Q(registrations__status=RegistrationStatus.CONFIRMED),
                )
            )
            .order_by("starts_at")
        )

    def get_context(self, request, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        context["meetings"] = self.get_meetings()
        context["themes"] = self.themes.select_related("parent").order_by(
            "parent__sort_order", "sort_order"
        )
        context["co_organisers"] = self.co_organisers.all()
        context["project"] = self.project if is_public(self.project) else None
        return context


class AgendaItemBlock(blocks.StructBlock):
    time = blocks.CharBlock(label="Tidspunkt", max_length=20, help_text="Fx 10.00")
    title = blocks.CharBlock(label="Punkt", max_length=200)
    description = blocks.TextBlock(label="Beskrivelse", required=False)

    class Meta:
        icon = "time"
        label = "Programpunkt"
        template = "meetings/blocks/agenda_item.html"


class AgendaBlock(blocks.StreamBlock):
    item = AgendaItemBlock()
    paragraph = blocks.RichTextBlock(
        features=RICH_TEXT_FEATURES, label="Tekst", icon="pilcrow"
    )


class MeetingPage(RoutablePageMixin, Page):
    """One ERFA meeting: a date, a place, seats and a programme.

    The page row is what concurrent sign-ups lock (see services), so a
    meeting's capacity is never exceeded however many people register at once.
    """

    teaser = models.TextField(
        "manchet",
        blank=True,
        help_text=(
            "1–2 sætninger om mødet. Vises under overskriften, i seriens "
            "liste over møder og i kalenderfilen."
        ),
    )
    starts_at = models.DateTimeField(
        "starter",
        help_text=(
            "Dato og klokkeslæt, mødet begynder. Vises på mødesiden og i seriens liste."
        ),
    )
    ends_at = models.DateTimeField(
        "slutter", help_text="Klokkeslæt, mødet slutter; skal ligge efter starten."
    )
    city = models.CharField(
        "by", max_length=100, help_text="Fx “Aarhus”. Vises i seriens liste over møder."
    )
    venue = models.CharField(
        "mødested",
        max_length=200,
        help_text=(
            "Stedets navn, fx “Godsbanen”. Vises under “Sted” og i kalenderfilen."
        ),
    )
    address = models.CharField(
        "adresse",
        max_length=300,
        help_text=(
            "Fx “Havnegade 12, 8000 Aarhus C”. Vises under “Sted” og i kalenderfilen."
        ),
    )
    capacity = models.PositiveIntegerField(
        "antal pladser",
        validators=[MinValueValidator(1)],
        help_text=(
            "Når pladserne er fyldt, kommer nye tilmeldinger på venteliste. "
            "Hæver du tallet og udgiver, får ventelisten pladserne i "
            "tilmeldingsrækkefølge."
        ),
    )
    price = models.DecimalField(
        "pris (kr.)",
        max_digits=9,
        decimal_places=2,
        default=Decimal(0),
        validators=[MinValueValidator(Decimal(0))],
        help_text="Deltagerprisen i kroner. 0 vises som “Gratis”.",
    )
    no_show_fee = models.DecimalField(
        "udeblivelsesgebyr (kr.)",
        max_digits=9,
        decimal_places=2,
        default=Decimal(0),
        validators=[MinValueValidator(Decimal(0))],
        help_text=(
            "Vises på mødesiden og i bekræftelsen: beløbet for at udeblive "
            "uden at melde fra. 0: intet gebyr. almenhub opkræver det ikke "
            "selv."
        ),
    )
    registration_deadline = models.DateTimeField(
        "tilmeldingsfrist",
        help_text=(
            "Dato og klokkeslæt, hvor tilmeldingen lukker. Skal ligge før "
            "mødet starter."
        ),
    )
    max_per_organisation = models.PositiveSmallIntegerField(
        "højst tilmeldte pr. organisation",
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=(
            "Højst så mange tilmeldte fra samme organisation; flere kan "
            "ikke tilmelde sig. Tom: ingen grænse."
        ),
    )
    agenda = StreamField(
        AgendaBlock(),
        verbose_name="program",
        blank=True,
        help_text=(
            "Programpunkter med tidspunkt og tekst. Vises under “Program” "
            "og i kalenderfilen."
        ),
    )
    contact = models.ForeignKey(
        "people.Person",
        verbose_name="kontaktperson",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=(
            "Vises under “Kontaktperson”; mail og telefon kun, hvis "
            "personen har sagt ja til det."
        ),
    )

    content_panels = [
        TitleFieldPanel(
            "title",
            help_text=(
                "Mødets navn, fx “ERFA-møde i Aarhus”. Vises som overskrift, i "
                "seriens liste over møder og i kalenderfilen."
            ),
        ),
        FieldPanel("teaser"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
                FieldRowPanel([FieldPanel("city"), FieldPanel("venue")]),
                FieldPanel("address"),
            ],
            heading="Tid og sted",
        ),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [FieldPanel("capacity"), FieldPanel("max_per_organisation")]
                ),
                FieldRowPanel([FieldPanel("price"), FieldPanel("no_show_fee")]),
                FieldPanel("registration_deadline"),
            ],
            heading="Tilmelding",
        ),
        FieldPanel("agenda"),
        FieldPanel("contact"),
    ]
    search_kind = SearchKind(
        kind="meeting",
        label="Møde",
        label_plural="Møder",
        slug="moede",
        position=5,
        context=("series",),
        themes="themes",
        year="year",
    )
    search_fields = Page.search_fields + [
        index.SearchField("teaser", boost=2),
        index.SearchField("city", boost=2),
        index.SearchField("venue"),
        index.SearchField("agenda"),
        index.FilterField("starts_at"),
    ]

    parent_page_types = ["meetings.MeetingSeriesPage"]
    subpage_types: list[str] = []
    template = "meetings/meeting_page.html"

    class Meta:
        verbose_name = "møde"
        verbose_name_plural = "møder"

    def clean(self) -> None:
        super().clean()
        errors: dict[str, str] = {}
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = "Slutter: mødet skal slutte efter, det er startet."
        if (
            self.starts_at
            and self.registration_deadline
            and self.registration_deadline > self.starts_at
        ):
            errors["registration_deadline"] = (
                "Tilmeldingsfrist: fristen skal ligge før mødet starter."
            )
        if errors:
            raise ValidationError(errors)

    @property
    def series(self) -> MeetingSeriesPage | None:
        parent = self.get_parent()
        specific = parent.specific if parent else None
        return specific if isinstance(specific, MeetingSeriesPage) else None

    @property
    def themes(self):
        """The series' themes: a meeting is about what its series is about
        (read by the search index through `.all()`)."""
        series = self.series
        if series is None:
            return Theme.objects.none()
        return series.themes

    @property
    def year(self) -> int | None:
        return timezone.localtime(self.starts_at).year if self.starts_at else None

    @property
    def registration_open(self) -> bool:
        now = timezone.now()
        return now <= self.registration_deadline and now < self.starts_at

    def confirmed_count(self) -> int:
        return self.registrations.filter(status=RegistrationStatus.CONFIRMED).count()

    def seats_left(self) -> int:
        return max(0, self.capacity - self.confirmed_count())

    def meeting_status(
        self, *, confirmed: int | None = None, now: datetime.datetime | None = None
    ) -> MeetingStatus:
        """The meeting's state at `now`; `confirmed` when the caller counted
        already (the series list annotates it)."""
        now = now or timezone.now()
        if confirmed is None:
            confirmed = self.confirmed_count()
        seats = max(0, self.capacity - confirmed)
        if now >= self.ends_at:
            state = MeetingState.HELD
        elif now >= self.starts_at:
            state = MeetingState.UNDER_WAY
        elif now > self.registration_deadline:
            state = MeetingState.CLOSED
        elif seats:
            state = MeetingState.OPEN
        else:
            state = MeetingState.FULL
        return MeetingStatus(state=state, seats_left=seats)

    @property
    def list_status(self) -> MeetingStatus:
        """The status in a list: uses the list's annotated confirmed count
        (MeetingSeriesPage.get_meetings), or counts."""
        return self.meeting_status(confirmed=getattr(self, "confirmed_seats", None))

    def subpage_url(self, name: str, **kwargs: Any) -> str:
        return self.url + self.reverse_subpage(name, kwargs=kwargs or None)

    def full_subpage_url(self, name: str, **kwargs: Any) -> str:
        return self.full_url + self.reverse_subpage(name, kwargs=kwargs or None)

    def get_context(self, request, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        context["series"] = self.series
        context["status"] = status = self.meeting_status()
        context["seats_left"] = status.seats_left
        context["register_url"] = self.subpage_url("register")
        context["calendar_url"] = self.subpage_url("calendar")
        context["contributions"] = (
            self.contributions.select_related("organisation")
            .prefetch_related(self.public_examples())
            .order_by("-is_highlight", "sort_order", "pk")
        )
        return context

    @staticmethod
    def public_examples() -> models.Prefetch:
        """A contribution's examples as the public sees them: a private or
        unpublished example is not named at all."""
        examples = Contribution._meta.get_field("examples").related_model
        return models.Prefetch(
            "examples", queryset=public_pages(examples.objects.order_by("title"))
        )

    @path("tilmeld/", name="register")
    def register_route(self, request: HttpRequest) -> HttpResponse:
        # lazy: routable page route; the views import this module
        from almenhub.meetings.views import registration_form

        return registration_form(request, meeting=self)

    @path("tilmeld/tak/", name="registered")
    def registered_route(self, request: HttpRequest) -> HttpResponse:
        # lazy: routable page route; the views import this module
        from almenhub.meetings.views import registration_done

        return registration_done(request, meeting=self)

    @path("afmeld/<str:token>/", name="cancel")
    def cancel_route(self, request: HttpRequest, token: str) -> HttpResponse:
        # lazy: routable page route; the views import this module
        from almenhub.meetings.views import registration_cancel_view

        return registration_cancel_view(request, meeting=self, token=token)

    @path("kalender/", name="calendar")
    def calendar_route(self, request: HttpRequest) -> HttpResponse:
        # lazy: routable page route; the views import this module
        from almenhub.meetings.views import meeting_calendar

        return meeting_calendar(request, meeting=self)
