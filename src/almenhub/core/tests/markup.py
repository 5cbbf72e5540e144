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


def filter_options(soup, label: str) -> dict[str, tuple[str, str]]:
    """A listing's filter group (search facets or core.listing's): option
    label → (its count as shown, its link)."""
    for section in soup.select(".facet"):
        if section.h3.get_text(strip=True) == label:
            return {
                li.a.get_text(strip=True): (
                    li.select_one(".count").get_text(strip=True),
                    li.a["href"],
                )
                for li in section.select("li")
            }
    return {}


def card_titles(soup) -> list[str]:
    """The titles of a listing's cards, sorted."""
    return sorted(a.get_text(strip=True) for a in soup.select(".card__title a"))
