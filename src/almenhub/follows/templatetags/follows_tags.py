"""`{% follow_link "theme" theme.slug %}`: the "Følg" link on a page.

A link to the follow form rather than a form on the page, because public
pages are cached whole for anonymous visitors and a cached CSRF token would
be someone else's.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django import template
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from almenhub.follows.services import saved_search_query

register = template.Library()


@register.simple_tag
def follow_link(kind: str, target: object = "", label: str = "Følg") -> str:
    query = urlencode({"type": kind, "target": str(target)})
    return format_html(
        '<a class="follow-link" href="{}?{}">{}</a>',
        reverse("follows:follow"),
        query,
        label,
    )


@register.simple_tag(takes_context=True)
def follow_search_link(context, label: str = "Følg denne søgning") -> str:
    """The saved search of the search page being shown (its query string)."""
    request = context["request"]
    query = saved_search_query(request.GET)
    if not query:
        return ""
    links = [follow_link("search", query, label)]
    owner = request.GET.get("ejer", "")
    if owner.isascii() and owner.isdigit() and len(owner) < 12:
        links.append(follow_link("organisation", owner, "Følg organisationen"))
    return format_html_join(" ", "{}", ((link,) for link in links))
