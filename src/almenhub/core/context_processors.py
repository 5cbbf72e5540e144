from django.http import HttpRequest
from wagtail.models import Site


def site_navigation(request: HttpRequest) -> dict:
    """Top-level pages for the site header, computed once per request."""
    site = Site.find_for_request(request)
    if site is None:
        return {"nav_pages": [], "site_root": None}
    root = site.root_page
    return {
        "site_root": root,
        "nav_pages": root.get_children().live().in_menu(),
    }
