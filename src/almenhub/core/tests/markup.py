"""Reading the hub's HTML in tests."""

from __future__ import annotations

from django.templatetags.static import static


def page_scripts(soup) -> list:
    """The scripts a page runs beyond the one every page carries: the menu
    button's (js/menu.js), a progressive enhancement the menu works without.
    Structured data (JSON-LD) is not a script a browser runs."""
    menu = static("js/menu.js")
    return [
        script
        for script in soup.find_all("script")
        if script.get("type") != "application/ld+json" and script.get("src") != menu
    ]
