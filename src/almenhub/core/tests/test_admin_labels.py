"""Every field an editor sees in the admin has a Danish label and a help text.

The guard for future fields: it walks the edit handler of every page type and
every registered snippet (found through Wagtail's registries, so `core` names
no domain app), down through multi-field panels, rows and inline panels, and
reads each field's label and help text as the editor form shows them (the
panel's own `heading`/`help_text` first, the model field's after).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from django.apps import apps
from django.db import models
from django.utils import translation
from django.utils.text import capfirst
from wagtail import blocks
from wagtail.admin.panels import (
    FieldPanel,
    InlinePanel,
    MultiFieldPanel,
    Panel,
    PanelGroup,
    PublishingPanel,
)
from wagtail.fields import StreamField
from wagtail.models import Page, get_page_models
from wagtail.snippets.models import get_snippet_models

# Wagtail's own page fields that we leave as Wagtail made them: the two dates
# sit in Wagtail's scheduling dialog, whose panel builds its own fields, and
# Wagtail gives them no help text. Their labels are translated by the locale
# catalogue like every other Wagtail string (checked below).
WAGTAIL_FIELDS_WITHOUT_HELP = {"go_live_at", "expire_at"}

# First words that give a label away as English. Words that Danish shares
# (status, type, person, layout, film …) are not here.
ENGLISH_WORDS = {
    "a",
    "an",
    "the",
    "name",
    "title",
    "date",
    "time",
    "show",
    "email",
    "e-mail",
    "phone",
    "page",
    "description",
    "body",
    "image",
    "file",
    "document",
    "url",
    "link",
    "is",
    "has",
    "number",
    "year",
    "kind",
    "owner",
    "summary",
    "text",
    "heading",
    "role",
    "author",
    "city",
    "address",
    "price",
    "capacity",
    "order",
    "sort",
    "parent",
    "slug",
    "website",
    "results",
    "lessons",
    "value",
    "source",
    "method",
    "start",
    "end",
    "starts",
    "ends",
    "quote",
    "contact",
    "related",
    "project",
    "projects",
    "examples",
    "example",
    "themes",
    "theme",
    "job",
    "unit",
    "intro",
    "teaser",
    "series",
    "contribution",
    "presenters",
    "slides",
    "highlight",
}


@dataclass
class ShownField:
    model: type[models.Model]
    name: str
    raw_label: object  # lazy strings, read in the language being checked
    raw_help_text: object
    db_field: models.Field
    label_from_panel: bool  # FieldPanel(heading=…) / (help_text=…): our text
    help_from_panel: bool

    @property
    def label(self) -> str:
        return _text(self.raw_label)

    @property
    def help_text(self) -> str:
        return _text(self.raw_help_text)

    @property
    def ours(self) -> bool:
        return self.db_field.model.__module__.startswith("almenhub.")

    def __str__(self) -> str:
        return f"{self.model._meta.label}.{self.name}"


def _text(value) -> str:
    return str(value or "").strip()


def walk(panel: Panel) -> Iterator[Panel]:
    yield panel
    if isinstance(panel, InlinePanel):
        yield from walk(panel.child_edit_handler)
    elif isinstance(panel, PanelGroup):
        for child in panel.children:
            yield from walk(child)


def shown_fields(model: type[models.Model]) -> list[ShownField]:
    fields = []
    for panel in walk(model.get_edit_handler()):
        if not isinstance(panel, FieldPanel) or panel.db_field is None:
            continue
        db_field = panel.db_field
        fields.append(
            ShownField(
                model=panel.model,
                name=panel.field_name,
                raw_label=panel.heading or db_field.verbose_name,
                raw_help_text=panel.help_text or db_field.help_text,
                db_field=db_field,
                label_from_panel=bool(panel.heading),
                help_from_panel=bool(panel.help_text),
            )
        )
    return fields


def edited_models() -> list[type[models.Model]]:
    pages = [m for m in get_page_models() if m is not Page]
    snippets = list(get_snippet_models())
    return [m for m in pages + snippets if m.__module__.startswith("almenhub.")]


def starts_in_english(label: str) -> bool:
    first = label.split()[0].strip("(),:").lower() if label.split() else ""
    return first in ENGLISH_WORDS


def label_problems(field: ShownField) -> list[str]:
    if not field.label:
        return [f"{field}: no label"]
    if field.label_from_panel:  # shown as written
        if starts_in_english(field.label):
            return [f"{field}: heading “{field.label}” starts in English"]
        return []
    if not field.ours:
        with translation.override("en"):
            english = field.label
        if english == field.label:
            return [f"{field}: Wagtail's label “{field.label}” untranslated"]
        return []
    problems = []
    explicit = field.db_field._verbose_name  # None: Django made it from the name
    if explicit is None and field.label == field.name.replace("_", " "):
        problems.append(f"{field}: label made from the English field name")
    if starts_in_english(field.label):
        problems.append(f"{field}: label “{field.label}” starts in English")
    if field.label[0].isupper() and not field.label.split()[0].isupper():
        problems.append(
            f"{field}: verbose_name “{field.label}” should start in lower case "
            "(Django capitalises it; an acronym such as ISBN may stay)"
        )
    return problems


def help_problems(field: ShownField) -> list[str]:
    if field.help_from_panel and starts_in_english(field.help_text):
        return [f"{field}: help text “{field.help_text}” starts in English"]
    if not field.help_text:
        if not field.ours and field.name in WAGTAIL_FIELDS_WITHOUT_HELP:
            return []
        return [f"{field}: no help text"]
    if not field.ours and not field.help_from_panel:
        with translation.override("en"):
            english = field.help_text
        if english == field.help_text:
            return [f"{field}: Wagtail's help text untranslated"]
    return []


def test_every_model_with_panels_is_walked():
    """The walk finds the page types and snippets (a broken registry lookup
    would make the guards below pass on nothing)."""
    names = {m._meta.label for m in edited_models()}
    assert {
        "projects.ProjectPage",
        "examples.ExamplePage",
        "meetings.MeetingPage",
        "organisations.Organisation",
        "people.Person",
        "taxonomy.Theme",
        "indicators.Indicator",
    } <= names
    project_fields = {
        f.name for f in shown_fields(apps.get_model("projects.ProjectPage"))
    }
    # inline children, fields in rows, Wagtail's promote and settings tabs
    assert {"person", "status", "publication_year", "slug", "go_live_at"} <= (
        project_fields
    )


@pytest.mark.parametrize("model", edited_models(), ids=lambda m: m._meta.label)
def test_every_shown_field_has_a_danish_label_and_help_text(model):
    with translation.override("da"):
        problems = [
            problem
            for field in shown_fields(model)
            for problem in label_problems(field) + help_problems(field)
        ]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("model", edited_models(), ids=lambda m: m._meta.label)
def test_inline_and_group_panels_say_what_they_hold(model):
    """`Tilføj %(label)s` reads as Danish only with a lower-case singular
    label; every group and inline panel has a heading."""
    problems = []
    with translation.override("da"):
        for panel in walk(model.get_edit_handler()):
            if isinstance(panel, InlinePanel):
                label = _text(panel.label)
                if not label or label[0].isupper():
                    problems.append(
                        f"{model._meta.label} inline {panel.relation_name}: label "
                        f"“{label}” must be lower-case singular"
                    )
                if not _text(panel.heading):
                    problems.append(f"{panel.relation_name}: no heading")
                if not _text(panel.help_text):
                    problems.append(f"{panel.relation_name}: no help text")
            elif (
                isinstance(panel, MultiFieldPanel)
                and not isinstance(panel, PublishingPanel)  # Wagtail's dialog
                and not _text(panel.heading)
            ):
                problems.append(
                    f"{model._meta.label}: a MultiFieldPanel has no heading"
                )
    assert not problems, "\n".join(problems)


def _stream_blocks(block: blocks.Block) -> Iterator[tuple[str, blocks.Block]]:
    for name, child in getattr(block, "child_blocks", {}).items():
        yield name, child
        yield from _stream_blocks(child)


@pytest.mark.parametrize("model", edited_models(), ids=lambda m: m._meta.label)
def test_stream_blocks_have_danish_labels(model):
    problems = []
    for field in shown_fields(model):
        if not isinstance(field.db_field, StreamField):
            continue
        for name, block in _stream_blocks(field.db_field.stream_block):
            if str(block.label) == capfirst(name.replace("_", " ")):
                problems.append(f"{field} block {name}: label from the English name")
    assert not problems, "\n".join(problems)
