from __future__ import annotations

from django.db import models
from django.urls import reverse
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Orderable
from wagtail.search import index

from almenhub.search.registry import SearchKind

# What a page's contact list shows of each person (the contact card), for the
# help text of every inline panel of contacts.
CONTACTS_HELP_TEXT = (
    "Vises i fakta med navn, stilling og organisation; mail og telefon kun, "
    "hvis personen har sagt ja til det."
)


class Person(index.Indexed, models.Model):
    """A contact person.

    Work e-mail and phone are personal data: they reach a public page only
    while `show_contact_details` is set (the person has agreed, or it is their
    public role). Name and job title are always shown.
    """

    name = models.CharField(
        "navn",
        max_length=200,
        help_text="For- og efternavn. Vises altid, hvor personen står som kontakt.",
    )
    job_title = models.CharField(
        "stilling",
        max_length=200,
        blank=True,
        help_text="Fx “Driftschef”. Vises under navnet og i vælgeren.",
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name="organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="people",
        help_text="Arbejdspladsen. Vises under stillingen og i vælgeren.",
    )
    email = models.EmailField(
        "arbejdsmail",
        blank=True,
        help_text=(
            "Arbejdsmail, ikke privat. Vises kun på hjemmesiden, når “vis "
            "kontaktoplysninger offentligt” er markeret."
        ),
    )
    phone = models.CharField(
        "arbejdstelefon",
        max_length=20,
        blank=True,
        help_text=(
            "8 cifre, fx 33762071. Vises kun på hjemmesiden, når “vis "
            "kontaktoplysninger offentligt” er markeret."
        ),
    )
    show_contact_details = models.BooleanField(
        "vis kontaktoplysninger offentligt",
        default=False,
        help_text=(
            "Mail og telefon vises kun på hjemmesiden, når dette er "
            "markeret. Markér kun, når personen har sagt ja, eller det er "
            "personens offentlige rolle."
        ),
    )

    has_left = models.BooleanField(
        "stoppet",
        default=False,
        help_text=(
            "Markér, når personen ikke længere er der. Beskeder fra "
            "kontaktformularen går så til organisationens kontaktperson eller "
            "sekretariatet."
        ),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("job_title"),
        FieldPanel("organisation"),
        FieldPanel("has_left"),
        MultiFieldPanel(
            [
                FieldPanel("email"),
                FieldPanel("phone"),
                FieldPanel("show_contact_details"),
            ],
            heading="Kontaktoplysninger",
        ),
    ]
    search_fields = [
        index.SearchField("name", boost=3),
        index.AutocompleteField("name"),
        index.SearchField("job_title"),
        index.AutocompleteField("job_title"),
        # The admin's listing and chooser search these (autocomplete fields
        # only): by work e-mail, and "mette kab" when two Mettes work in
        # different places.
        index.SearchField("email"),
        index.AutocompleteField("email"),
        index.RelatedFields(
            "organisation",
            [index.SearchField("name"), index.AutocompleteField("name")],
        ),
    ]

    # A hit on the site's search only while the person has a public page
    # (the same selector as that page), with what the contact card shows.
    search_kind = SearchKind(
        kind="person",
        label="Person",
        label_plural="Personer",
        slug="person",
        position=10,
        title="name",
        teaser="summary",
        names=("organisation",),
        public="almenhub.people.selectors.public_people",
        shown_elsewhere=("name", "job_title", "organisation"),
    )

    class Meta:
        verbose_name = "person"
        verbose_name_plural = "personer"
        ordering = ["name"]

    def __str__(self) -> str:
        if self.job_title:
            return f"{self.name} ({self.job_title})"
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("people:person", args=[self.pk])

    @property
    def summary(self) -> str:
        """Job title and workplace, as the contact card shows them."""
        organisation = self.organisation.name if self.organisation_id else ""
        return ", ".join(part for part in (self.job_title, organisation) if part)

    @property
    def is_public(self) -> bool:
        """Whether the person has a public page (see selectors.public_people)."""
        return self.show_contact_details and not self.has_left

    @property
    def public_email(self) -> str:
        return self.email if self.show_contact_details else ""

    @property
    def public_phone(self) -> str:
        return self.phone if self.show_contact_details else ""

    @property
    def phone_display(self) -> str:
        """Danish grouping, "33 76 20 71", for reading aloud and scanning; the
        spaces are non-breaking so that a number never wraps over two lines."""
        digits = self.public_phone
        if len(digits) == 8 and digits.isdigit():
            return "\u00a0".join(digits[i : i + 2] for i in range(0, 8, 2))
        return digits


class ContactLink(Orderable):
    """A page's contact person, in the page's order (a project's, an
    example's). Each page type subclasses it with its own `page` key and
    `person = ContactLink.person_field(related_name=...)`: the reverse name
    differs per page type, the rest is declared here once."""

    panels = [FieldPanel("person")]

    class Meta(Orderable.Meta):
        abstract = True
        verbose_name = "kontaktperson"
        verbose_name_plural = "kontaktpersoner"

    @staticmethod
    def person_field(*, related_name: str) -> models.ForeignKey:
        return models.ForeignKey(
            Person,
            verbose_name="person",
            on_delete=models.CASCADE,
            related_name=related_name,
            help_text=(
                "Vælg personen i listen; findes personen ikke, så opret den "
                "først under Personer."
            ),
        )
