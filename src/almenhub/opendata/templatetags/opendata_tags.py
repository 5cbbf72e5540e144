"""{% structured_data %}: Open Graph tags and schema.org JSON-LD for the page
being rendered, whatever its type; {% meta_description %}: its description;
{% export_url "csv" %}: the current search or listing as a file."""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString
from wagtail.models import Page

from almenhub.opendata import jsonld, metatags
from almenhub.search.links import SearchLinks

register = template.Library()


@register.simple_tag(takes_context=True)
def structured_data(context: template.Context) -> SafeString | str:
    request = context.get("request")
    if request is None or "exception" in context:  # error pages
        return ""
    page = context.get("page")
    if isinstance(page, Page):
        return metatags.page_tags(page.specific, request)
    if context.get("profile") is not None:  # a person's or organisation's page
        return metatags.profile_tags(context["profile"], request)
    title = context.get("heading") or getattr(context.get("theme"), "name", "")
    return metatags.listing_tags(str(title or ""), request)


@register.simple_tag(takes_context=True)
def meta_description(context: template.Context) -> str:
    """The rendered page's description (`jsonld.description`), the same text
    its Open Graph tags and JSON-LD carry."""
    page = context.get("page")
    return jsonld.description(page.specific) if isinstance(page, Page) else ""


@register.simple_tag(takes_context=True)
def export_url(context: template.Context, file_format: str) -> str:
    """The export of what the page lists: its search less the page number,
    plus the parameters the listing fixes (a theme, a programme)."""
    links = context.get("links")
    if not isinstance(links, SearchLinks):
        request = context.get("request")
        links = SearchLinks(
            request.GET if request is not None else {},
            fixed=context.get("fixed") or {},
        )
    return links.export(f"opendata:export-{file_format}")
