"""A page's body text in its search document: the text of its own text
fields and text relations, read from those alone."""

from __future__ import annotations

import pytest
from django.db import models
from wagtail import blocks
from wagtail.blocks import StreamValue
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.rich_text import RichText

from almenhub.demo.services import demo_load
from almenhub.search.builders import (
    TEXT_SKIP,
    html_text,
    kind_queryset,
    page_body_text,
    relations_text,
    stream_text,
)
from almenhub.search.registry import SearchKind, kinds
from almenhub.search.tests.conftest import add_page

pytestmark = pytest.mark.django_db


def stream_text_converting_every_block(value) -> str:
    """`stream_text` as it was: every block converted, and the text of its
    value (rich or plain) or of its values' (a struct's)."""
    parts: list[str] = []
    for block in value or []:
        inner = block.value
        if hasattr(inner, "source"):
            parts.append(html_text(inner.source))
        elif isinstance(inner, str):
            parts.append(inner)
        elif hasattr(inner, "values"):
            for item in inner.values():
                if hasattr(item, "source"):
                    parts.append(html_text(item.source))
                elif isinstance(item, str):
                    parts.append(item)
    return "\n".join(p for p in parts if p)


def _stored_again(value: StreamValue) -> StreamValue:
    """The stream as a page read from the database holds it: not converted."""
    return StreamValue(value.stream_block, list(value.raw_data), is_lazy=True)


def body_text_asking_every_field(page: Page, spec: SearchKind) -> str:
    """`page_body_text` as it was: every field asked what it is, the value
    of every concrete one read."""
    parts: list[str] = []
    skip = {*TEXT_SKIP, spec.teaser}
    for field in page._meta.get_fields():
        if not getattr(field, "concrete", False) or field.name in skip:
            continue
        if field.model is Page:
            continue
        value = getattr(page, field.name, None)
        if isinstance(field, StreamField):
            parts.append(stream_text_converting_every_block(_stored_again(value)))
        elif isinstance(field, RichTextField) and value:
            parts.append(html_text(value))
        elif isinstance(field, models.TextField) and value:
            parts.append(value)
    parts += relations_text(page, spec)
    return "\n".join(p for p in parts if p)


def test_the_body_text_of_every_page_type_is_its_text_fields_read_alone(
    django_assert_num_queries,
):
    """On the demo, which fills every field once: the same text as asking
    every field, for every page of every page type, and no query for a page
    whose text relations are fetched (reading every concrete field fetched
    its foreign keys, its owner, picture and the like, one query each)."""
    demo_load(index=False)
    page_kinds = [kind for kind in kinds() if not kind.is_register]
    assert len(page_kinds) >= 7
    bodies = 0
    for kind in page_kinds:
        spec = kind.spec
        pages = list(kind_queryset(kind))
        assert pages, kind.kind
        for page in pages:
            expected = body_text_asking_every_field(page, spec)
            assert page_body_text(page, spec) == expected, (kind.kind, page.title)
            bodies += bool(expected)
        fresh = list(kind_queryset(kind).prefetch_related(*spec.text_relations))
        with django_assert_num_queries(0):
            for page in fresh:
                page_body_text(page, spec)
    assert bodies >= 20


def test_a_stream_changed_in_memory_gives_its_new_text(programme):
    """`stream[i] = …` converts the block and leaves its stored form as it
    was; the text is the block's as Wagtail will save it."""
    page = add_page(programme, {"title": "Trappevask", "body": "gamle ord"}, "t-1")
    page = type(page).objects.get(pk=page.pk)
    assert page.body.is_lazy
    page.body[0] = ("paragraph", RichText("<p>nyordet</p>"))
    assert "nyordet" in stream_text(page.body)
    assert "gamle" not in stream_text(page.body)
    assert stream_text(page.body) == stream_text_converting_every_block(page.body)


class _Pictured(blocks.StructBlock):
    """As Wagtail's ImageBlock: a struct whose value is something else made
    of its children (here, no text at all)."""

    alt = blocks.CharBlock()

    def to_python(self, value):
        return object()

    def bulk_to_python(self, values):
        return [self.to_python(value) for value in values]


def test_a_struct_that_makes_its_own_value_is_read_as_its_value():
    stream = blocks.StreamBlock(
        [("picture", _Pictured()), ("paragraph", blocks.RichTextBlock())]
    )
    stored = [
        {"type": "picture", "value": {"alt": "alternativ tekst"}, "id": "1"},
        {"type": "paragraph", "value": "<p>synlig</p>", "id": "2"},
    ]
    read = StreamValue(stream, stored, is_lazy=True)
    expected = stream_text_converting_every_block(StreamValue(stream, stored, True))
    assert expected.split() == ["synlig"]
    assert stream_text(read) == expected
