"""Template filters for the search page's links (see search.links)."""

from __future__ import annotations

from django import template

from almenhub.search.links import SearchLinks

register = template.Library()


@register.filter
def suggest_url(links: SearchLinks, query: str) -> str:
    """This search with another query ("Mente du …?")."""
    return links.with_params(q=query)
