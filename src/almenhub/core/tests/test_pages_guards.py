"""Guards on the page-tree rules the hub relies on (core/pages): they fail
when a Wagtail upgrade changes what they stand on."""

from __future__ import annotations

import pytest
from wagtail.models import Page, PageViewRestriction

from almenhub.core.pages.tree import TREE_AND_IDENTITY_FIELDS
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


# core/pages/tree.py: the private parts of treebeard and Wagtail it stands on.


def test_treebeard_paths_are_built_and_read_as_the_tree_writer_assumes():
    root = Page.objects.get(depth=1)
    first = root.add_child(instance=Page(title="Første", slug="foerste"))
    second = root.add_child(instance=Page(title="Anden", slug="anden"))
    step = Page._str2int(first.path[-Page.steplen :])

    assert Page._get_path(root.path, first.depth, step + 1) == second.path
    assert Page._str2int(Page._int2str(step + 1)) == step + 1
    # A step too long for `steplen` is what page_add_child reports as full.
    assert len(Page._int2str(len(Page.alphabet) ** Page.steplen)) > Page.steplen
    low, high = Page._get_children_path_interval(root.path)
    children = Page.objects.filter(depth=root.depth + 1, path__range=(low, high))
    assert set(children) == set(root.get_children())


def test_page_clean_checks_the_slug_through_the_instance_method():
    root = Page.objects.get(depth=1)
    parent = root.add_child(instance=Page(title="Forælder", slug="foraelder"))
    page = Page(title="Ny", slug="fri", depth=parent.depth + 1)
    page._cached_parent_obj = parent
    called = []
    page._check_slug_is_unique = lambda: called.append(page.slug)
    page.full_clean(exclude=list(TREE_AND_IDENTITY_FIELDS))
    assert called == ["fri"]  # page_validate replaces it on the instance


def test_page_save_trusts_a_known_site_root_state():
    # page_add_child sets `_is_site_root` so that `save` asks no query for it.
    page = Page(title="Ny", slug="ny")
    page._is_site_root = False
    assert page.is_site_root() is False


def test_a_new_pages_parent_is_read_from_the_cache_treebeard_keeps():
    root = Page.objects.get(depth=1)
    # (page_add_child sets the path first, from which treebeard reads the depth)
    page = Page(title="Ny", slug="ny", path=Page._get_path(root.path, 2, 99))
    page._cached_parent_obj = root
    assert page.get_parent() is root
