from django.core.cache import cache
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject
from wagtail.models import Page, Site

from almenhub.core.middleware import page_cache_version

MENU_SECONDS = 600


def _menu(root: Page) -> list[Page]:
    """The root's live children shown in menus, kept under the content
    version: every page of the site lies below the root, and the read of its
    children (depth and a path range, no index on both) walks them all, tens
    of milliseconds on every page once the site holds tens of thousands."""
    key = f"almenhub:menu:{page_cache_version()}:{root.pk}"
    pages = cache.get(key)
    if pages is None:
        pages = list(root.get_children().live().in_menu())
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
