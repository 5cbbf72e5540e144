"""Which pages the public may see: one rule for every public output.

A page is public when it is live and neither it nor an ancestor carries a view
restriction (password, groups or login) — Wagtail's `PageQuerySet.public()`
rule, which serves querysets. Listings that reach pages through a relation
(a contribution's examples, a project's related projects, a deliverable's
publication) hold page objects rather than querysets; `only_public` and
`is_public` apply the same rule to those, reading the restrictions once.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeVar

from wagtail.models import Page, PageViewRestriction
from wagtail.query import PageQuerySet

P = TypeVar("P", bound=Page)
QS = TypeVar("QS", bound=PageQuerySet)


def public_pages(queryset: QS) -> QS:
    """The live pages of `queryset` outside every private section."""
    return queryset.live().public()


def restricted_paths() -> tuple[str, ...]:
    """The tree paths of the pages that carry a view restriction: a page is
    private when its path starts with one of them."""
    return tuple(PageViewRestriction.objects.values_list("page__path", flat=True))


def is_restricted(page: Page, paths: Iterable[str]) -> bool:
    return any(page.path.startswith(path) for path in paths)


def is_public(page: Page | None, paths: Iterable[str] | None = None) -> bool:
    if page is None or not page.live:
        return False
    return not is_restricted(page, restricted_paths() if paths is None else paths)


def only_public(pages: Iterable[P | None]) -> list[P]:
    """The public pages among `pages`, in order (one query for the lot)."""
    candidates = [p for p in pages if p is not None and p.live]
    if not candidates:
        return []
    paths = restricted_paths()
    return [p for p in candidates if not is_restricted(p, paths)]


def descendants_inclusive(page: Page) -> PageQuerySet:
    """The page and every page below it (whose visibility its restriction
    decides)."""
    return Page.objects.filter(path__startswith=page.path)
