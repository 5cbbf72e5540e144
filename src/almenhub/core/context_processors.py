from django.core.cache import cache
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject
from treebeard.exceptions import PathOverflow
from wagtail.models import Page, Site

from almenhub.core.middleware import page_cache_version

MENU_SECONDS = 600

# Above this many children the root's children are read in one statement.
MENU_SEEKS_UP_TO = 50


def menu_children(root: Page) -> list[Page]:
    """The root's live children shown in menus, in tree order.

    Found one child at a time: the first page at or after the next sibling's
    path of the child before (treebeard's paths: a child's descendants sort
    between it and its next sibling) is the next child, so each is one seek
    along the page table's path index. The tree's own read of the children
    (depth and a path range: there is no index on both) walks every page
    below the root, tens of milliseconds once the site holds tens of
    thousands, after every change of content."""
    if root.numchild > MENU_SEEKS_UP_TO:
        return list(root.get_children().live().in_menu())
    bound, last = Page._get_children_path_interval(root.path)
    pages = []
    while True:
        child = (
            Page.objects.filter(path__gte=bound, path__lte=last)
            .order_by("path")
            .first()
        )
        if child is None:
            return pages
        # Not asked of the database: it would walk the child's descendants.
        if child.live and child.show_in_menus:
            pages.append(child)
        try:
            bound = child._inc_path()
        except PathOverflow:  # the last possible child
            return pages


def _menu(root: Page) -> list[Page]:
    """The root's menu (menu_children), kept under the content version: a
    visitor after the first reads no page for it."""
    key = f"almenhub:menu:{page_cache_version()}:{root.pk}"
    pages = cache.get(key)
    if pages is None:
        pages = menu_children(root)
        cache.set(key, pages, MENU_SECONDS)
    return pages


def site_navigation(request: HttpRequest) -> dict:
    """Top-level pages for the site header, computed once per request."""
    site = Site.find_for_request(request)
    if site is None:
        return {"nav_pages": [], "site_root": None}
    root = site.root_page
    return {
        "site_root": root,
        # Read only when a template shows the menu.
        "nav_pages": SimpleLazyObject(lambda: _menu(root)),
    }
