from __future__ import annotations

from django.db import models
from django.urls import reverse
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.search import index

from almenhub.core.text import danish_slugify
from almenhub.organisations.domains import email_domains_clean
from almenhub.organisations.names import organisation_key
from almenhub.search.registry import SearchKind


class OrganisationKind(models.TextChoices):
    HOUSING = "housing", "Boligorganisation"
    ASSOCIATION = "association", "Forening"
    MUNICIPALITY = "municipality", "Kommune"
    COMPANY = "company", "Virksomhed"
    EDUCATION = "education", "Uddannelsesinstitution"
    NETWORK = "network", "Netværk"
    OTHER = "other", "Andet"


class Organisation(index.Indexed, ClusterableModel):
    """An organisation that owns, joins or is contact for projects.

    Clusterable so that editors manage its departments inline on one screen.
    """

    name = models.CharField(
        "navn",
        max_length=200,
        help_text=(
            "Det fulde navn, fx “Boligselskabet Sjælland”. Vises på "
            "projekt- og eksempelsider."
        ),
    )
    # The name as matching sees it (case, white space, punctuation and company
    # form folded, see names.organisation_key), so a lookup is one indexed
    # equality test.
    name_key = models.CharField(
        max_length=200, db_index=True, editable=False, default=""
    )
    # The organisation's address on the site (/vaerdi/organisation/<slug>/),
    # made from the name on first save and kept on a rename, so that shared
    # links keep working. Null until then: rows inserted in bulk (benchmarks)
    # have none, and unique allows any number of nulls.
    slug = models.SlugField(
        "kortnavn",
        max_length=220,
        unique=True,
        null=True,
        blank=True,
        help_text=(
            "Bruges i adresserne på organisationens sider, fx "
            "/organisationer/boligselskabet-sjaelland/ og "
            "/vaerdi/organisation/boligselskabet-sjaelland/. Dannes af navnet, "
            "hvis feltet er tomt."
        ),
    )
    kind = models.CharField(
        "type",
        max_length=20,
        choices=OrganisationKind.choices,
        default=OrganisationKind.OTHER,
        help_text=(
            "Hvilken slags organisation. Står i listen og i vælgeren, så to "
            "med ens navne kan skelnes, og i de åbne data."
        ),
    )
    website = models.URLField(
        "hjemmeside",
        blank=True,
        help_text=(
            "Fx https://www.bosj.dk. Organisationens navn linker hertil på "
            "projekt- og eksempelsider."
        ),
    )
    municipality = models.CharField(
        "kommune",
        max_length=100,
        blank=True,
        help_text=(
            "Kommunen, organisationen hører hjemme i. Står i listen og i "
            "vælgeren og i de åbne data."
        ),
    )
    is_member = models.BooleanField(
        "medlem af foreningen",
        default=False,
        db_index=True,
        help_text=(
            "Sæt flueben, når organisationen er medlem. Den står da på "
            "medlemsoversigten og i de åbne data som medlem."
        ),
    )
    email_domains = models.TextField(
        "e-maildomæner",
        blank=True,
        help_text=(
            "De domæner, organisationen ejer, ét pr. linje, fx “bosj.dk”. En, "
            "der opretter en konto med en bekræftet mail på et af dem, bliver "
            "medlem af organisationen med det samme; andre venter på "
            "godkendelse. Vises ikke på hjemmesiden."
        ),
    )
    description = models.TextField(
        "beskrivelse",
        blank=True,
        help_text=(
            "Kort beskrivelse. Vises i de åbne data (API), ikke på hjemmesiden."
        ),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("kind"),
        FieldPanel("website"),
        FieldPanel("municipality"),
        FieldPanel("is_member"),
        FieldPanel("description"),
        FieldPanel("email_domains"),
        InlinePanel(
            "departments",
            label="afdeling",
            heading="Afdelinger",
            help_text=(
                "En boligorganisations afdelinger; et eksempel kan knyttes til "
                "en af dem."
            ),
        ),
    ]
    search_fields = [
        index.SearchField("name", boost=3),
        index.AutocompleteField("name"),
        index.SearchField("municipality"),
        index.AutocompleteField("municipality"),
        index.FilterField("kind"),
        index.FilterField("is_member"),
    ]
    # A hit on the site's search, pointing at its page. It is its own owner,
    # so that its name weighs as an owner's does on its projects (and its
    # name once more as a name): it stands before them and before the pages
    # that merely mention it.
    search_kind = SearchKind(
        kind="organisation",
        label="Organisation",
        label_plural="Organisationer",
        slug="organisation",
        position=9,
        title="name",
        teaser="summary",
        names=("name",),
        owner=("self",),
        body=("description",),
        public="almenhub.organisations.selectors.public_organisations",
        shown_elsewhere=("name",),
    )

    class Meta:
        verbose_name = "organisation"
        verbose_name_plural = "organisationer"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        """Its public page; "" while it has no slug (rows inserted in bulk)."""
        return (
            reverse("organisations:organisation", args=[self.slug]) if self.slug else ""
        )

    @property
    def summary(self) -> str:
        """What it is and where, as its page's heading shows it."""
        parts = [self.get_kind_display(), self.municipality]
        return " · ".join(part for part in parts if part)

    @property
    def domain_list(self) -> list[str]:
        return [
            d
            for d in (
                line.strip().lower().lstrip("@")
                for line in self.email_domains.splitlines()
            )
            if d
        ]

    def owns_email(self, email: str) -> bool:
        """Whether the address is on one of the organisation's own domains
        (the domain itself, not a look-alike ending in it)."""
        domain = email.rpartition("@")[2].strip().lower()
        return bool(domain) and domain in self.domain_list

    def clean(self) -> None:
        self.email_domains = email_domains_clean(self.email_domains)

    def save(self, *args, **kwargs) -> None:
        self.name_key = organisation_key(self.name)[:200]
        if not self.slug:
            self.slug = organisation_slug_unique(self.name, exclude_pk=self.pk)
        if (
            kwargs.get("update_fields") is not None
            and "name" in kwargs["update_fields"]
        ):
            kwargs["update_fields"] = {*kwargs["update_fields"], "name_key", "slug"}
        super().save(*args, **kwargs)


def organisation_slug_unique(name: str, *, exclude_pk: int | None = None) -> str:
    """The name as an address word, with -2, -3 … when another has it."""
    base = danish_slugify(name, max_length=200) or "organisation"
    taken = set(
        Organisation.objects.filter(slug__startswith=base)
        .exclude(pk=exclude_pk)
        .values_list("slug", flat=True)
    )
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


class Department(models.Model):
    """An afdeling of a housing organisation: where the operations staff work."""

    organisation = ParentalKey(
        Organisation, on_delete=models.CASCADE, related_name="departments"
    )
    name = models.CharField(
        "navn",
        max_length=200,
        help_text=(
            "Afdelingens navn, fx “Søndergården”. Vises på eksempler fra afdelingen."
        ),
    )
    number = models.CharField(
        "afdelingsnummer",
        max_length=20,
        blank=True,
        help_text="Boligorganisationens eget nummer for afdelingen, fx “17”.",
    )
    address = models.CharField(
        "adresse",
        max_length=200,
        blank=True,
        help_text="Gade og nummer, fx “Søndergade 12”.",
    )
    postcode = models.CharField(
        "postnummer", max_length=4, blank=True, help_text="4 cifre, fx 8000."
    )
    city = models.CharField(
        "by",
        max_length=100,
        blank=True,
        help_text="Vises efter afdelingens navn på eksempler fra afdelingen.",
    )
    homes = models.PositiveIntegerField(
        "antal boliger", null=True, blank=True, help_text="Antal boliger i afdelingen."
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("number"),
        FieldPanel("address"),
        FieldPanel("postcode"),
        FieldPanel("city"),
        FieldPanel("homes"),
    ]

    class Meta:
        verbose_name = "afdeling"
        verbose_name_plural = "afdelinger"
        ordering = ["organisation__name", "name"]

    def __str__(self) -> str:
        return f"{self.organisation.name} – {self.name}"
