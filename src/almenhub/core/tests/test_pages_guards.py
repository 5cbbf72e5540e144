"""Guards on the page-tree rules the hub relies on (core/pages): they fail
when a Wagtail upgrade changes what they stand on."""

from __future__ import annotations

import pytest
from wagtail.models import Page, PageViewRestriction

from almenhub.core.pages.visibility import (
    descendants_inclusive,
    is_public,
    only_public,
    public_pages,
)

pytestmark = pytest.mark.django_db


def test_page_objects_follow_wagtails_public_rule():
    root = Page.objects.get(depth=1)
    section = root.add_child(instance=Page(title="Sektion", slug="sektion"))
    inner = section.add_child(instance=Page(title="Indre", slug="indre"))
    leaf = inner.add_child(instance=Page(title="Blad", slug="blad"))
    sibling = root.add_child(instance=Page(title="Nabo", slug="nabo"))
    # A sibling whose path starts like the section's must stay public.
    PageViewRestriction.objects.create(
        page=inner, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    pages = [section, inner, leaf, sibling]
    fresh = [Page.objects.get(pk=p.pk) for p in pages]

    wagtail_public = set(
        public_pages(Page.objects.filter(pk__in=[p.pk for p in pages]))
    )
    assert wagtail_public == {section, sibling}
    assert set(only_public(fresh)) == wagtail_public
    assert [is_public(p) for p in fresh] == [True, False, False, True]
    assert set(descendants_inclusive(inner)) == {inner, leaf}

    Page.objects.filter(pk=sibling.pk).update(live=False)
    assert not is_public(Page.objects.get(pk=sibling.pk))
    assert not is_public(None)
