from __future__ import annotations

from django.db import models
from django.urls import reverse
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from almenhub.core.text import danish_slugify


class ThemeQuerySet(models.QuerySet["Theme"]):
    def parents(self) -> ThemeQuerySet:
        return self.filter(parent__isnull=True)

    def children(self) -> ThemeQuerySet:
        return self.filter(parent__isnull=False)


class Theme(index.Indexed, models.Model):
    """A theme in a two-level taxonomy.

    The parent is a self-reference rather than a tree library because the
    taxonomy is deliberately shallow (parent › child) and editors manage it as
    a flat list of snippets; `clean` keeps it at two levels.
    """

    name = models.CharField(
        "navn",
        max_length=120,
        help_text=(
            "Fx “Natur og biodiversitet”. Vises som overskrift på "
            "temasiden, i temaoversigten og som filter i søgningen."
        ),
    )
    slug = models.SlugField(
        "kortnavn",
        max_length=140,
        unique=True,
        allow_unicode=False,
        help_text=(
            "Temasidens adresse: /tema/kortnavn/. Kun små bogstaver, tal og "
            "bindestreger. Ændrer du det, holder gamle links op med at "
            "virke."
        ),
    )
    parent = models.ForeignKey(
        "self",
        verbose_name="overordnet tema",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        help_text="Hovedtemaet, som dette tema hører under. Tom for et hovedtema.",
    )
    description = models.TextField(
        "beskrivelse",
        blank=True,
        help_text=(
            "1–2 sætninger om temaet. Vises under overskriften på temasiden "
            "og som beskrivelse til søgemaskiner."
        ),
    )
    sort_order = models.PositiveIntegerField(
        "rækkefølge",
        default=0,
        help_text=(
            "Lavere tal står først i temaoversigten, i filtrene og i sidernes temavalg."
        ),
    )

    objects = ThemeQuerySet.as_manager()

    panels = [
        FieldPanel("name"),
        FieldPanel("parent"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("sort_order"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        # "klima" finds the sub-themes of "Energi, klima og miljø" too.
        index.RelatedFields("parent", [index.AutocompleteField("name")]),
    ]

    class Meta:
        verbose_name = "tema"
        verbose_name_plural = "temaer"
        ordering = ["sort_order", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["parent", "name"], name="theme_unique_name_per_parent"
            )
        ]

    def __str__(self) -> str:
        return self.full_name

    def save(self, *args, **kwargs) -> None:
        if not self.slug:
            self.slug = unique_theme_slug(self.name, self.parent)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("taxonomy:theme", kwargs={"slug": self.slug})

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        if self.parent_id and self.parent.parent_id:
            raise ValidationError(
                {"parent": "Temaer har kun to niveauer: vælg et hovedtema."}
            )
        if self.parent_id and self.pk and self.parent_id == self.pk:
            raise ValidationError(
                {"parent": "Et tema kan ikke være sit eget hovedtema."}
            )

    @property
    def full_name(self) -> str:
        if self.parent_id:
            return f"{self.parent.name} › {self.name}"
        return self.name

    @property
    def is_parent(self) -> bool:
        return self.parent_id is None


def unique_theme_slug(name: str, parent: Theme | None) -> str:
    base = danish_slugify(name)
    slug = base
    if Theme.objects.filter(slug=slug).exists() and parent is not None:
        slug = f"{parent.slug}-{base}"
    n = 2
    while Theme.objects.filter(slug=slug).exists():
        slug = f"{base}-{n}"
        n += 1
    return slug
