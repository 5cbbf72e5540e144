"""A page's body text in its search document: the text of its own text
fields and text relations, read from those alone."""

from __future__ import annotations

import pytest
from django.db import models
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

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

pytestmark = pytest.mark.django_db


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
            parts.append(stream_text(value))
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
