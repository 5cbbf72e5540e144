"""The sections of a theme page: a heading and the pages it lists."""

from __future__ import annotations

from django.db import models
from wagtail import blocks

from almenhub.core.blocks import RICH_TEXT_FEATURES

# What a section may point at: the pages a theme gathers.
LISTABLE_PAGE_TYPES = [
    "projects.ProjectPage",
    "publications.PublicationPage",
    "examples.ExamplePage",
    "contentpages.ContentPage",
    "news.NewsPage",
]
DEFAULT_SECTION_SIZE = 6
MAX_SECTION_SIZE = 50


class SectionKind(models.TextChoices):
    PROJECTS = "projects", "Projekter"
    PUBLICATIONS = "publications", "Publikationer"
    TOOLS = "tools", "Værktøjer"
    EXAMPLES = "examples", "Eksempler"


class HubSectionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(
        label="Overskrift",
        max_length=200,
        help_text="Fx “Projekter”, “Vejledning”, “Viden” eller “Værktøjer”.",
    )
    kind = blocks.ChoiceBlock(
        choices=SectionKind.choices,
        default=SectionKind.PROJECTS,
        label="Indhold",
        help_text=(
            "Hvad afsnittet samler. Bestemmer, hvad der fyldes op med fra "
            "temasidens temaer."
        ),
    )
    intro = blocks.RichTextBlock(
        features=RICH_TEXT_FEATURES,
        required=False,
        label="Tekst",
        help_text="Frivillig tekst under overskriften, over listen.",
    )
    pages = blocks.ListBlock(
        blocks.PageChooserBlock(page_type=LISTABLE_PAGE_TYPES, label="Side"),
        label="Valgte sider",
        default=[],
        help_text=(
            "Siderne, afsnittet viser først, i denne rækkefølge. Kun udgivne "
            "sider vises."
        ),
    )
    fill = blocks.BooleanBlock(
        required=False,
        default=True,
        label="Fyld op med temaets indhold",
        help_text=(
            "Viser de nyeste sider af afsnittets slags med temasidens temaer "
            "efter de valgte, op til det højeste antal."
        ),
    )
    limit = blocks.IntegerBlock(
        min_value=1,
        max_value=MAX_SECTION_SIZE,
        default=DEFAULT_SECTION_SIZE,
        label="Højst antal",
        help_text=(
            "Så mange sider fyldes afsnittet op til. De valgte sider vises "
            "altid, også ud over antallet."
        ),
    )

    class Meta:
        icon = "list-ul"
        label = "Afsnit"


class HubSectionsBlock(blocks.StreamBlock):
    section = HubSectionBlock()
