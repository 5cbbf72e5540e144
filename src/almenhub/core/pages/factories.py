"""What every app's `factories.py` does last: put a page in the tree.

The apps' factories build the page (its own fields and relations) and hand
it here, so that slugs and publishing work the same way for every type.
"""

from __future__ import annotations

from typing import TypeVar

from wagtail.models import Page

from almenhub.core.pages.tree import unique_child_slug

P = TypeVar("P", bound=Page)


def page_add(parent: Page, page: P, *, live: bool = True) -> P:
    """Add `page` under `parent` (its slug from the title when it has none,
    one no sibling has) and publish it when `live`, with a first revision as
    an editor's publish makes."""
    if not page.slug:
        page.slug = unique_child_slug(parent, page.title)
    page.live = live
    parent.add_child(instance=page)
    if live:
        page.save_revision().publish()
    return page
