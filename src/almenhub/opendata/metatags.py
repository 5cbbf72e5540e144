"""What a page's <head> says about it to outside clients: Open Graph tags
for sharing (with the page's picture) and its schema.org JSON-LD in a
<script> element. The JSON-LD itself is built in `jsonld`.
"""

from __future__ import annotations

import json
from typing import Any

from django.http import HttpRequest
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from wagtail.models import Page

from almenhub.opendata.jsonld import (
    absolute_url,
    description,
    listing_data,
    page_data,
    page_image,
    page_url,
    site_name,
)
from almenhub.opendata.jsonld_profiles import organisation_data, person_data

# Characters that could end the <script> element or open a comment inside it;
# JSON reads the escapes as the same characters.
SCRIPT_ESCAPES = {
    ord("<"): "\\u003c",
    ord(">"): "\\u003e",
    ord("&"): "\\u0026",
    0x2028: "\\u2028",
    0x2029: "\\u2029",
}


# Open Graph's recommended size (1.91:1); JPEG, which every sharing service
# reads.
SOCIAL_RENDITION = "fill-1200x630|format-jpeg"
OG_TYPES = {"HomePage": "website"}


def _social_image(page: Any, request: HttpRequest) -> dict[str, str]:
    found = page_image(page)
    if found is None:
        return {}
    image, alt = found
    rendition = image.get_rendition(SOCIAL_RENDITION)
    return {
        "og:image": absolute_url(request, rendition.url),
        "og:image:type": "image/jpeg",
        "og:image:width": str(rendition.width),
        "og:image:height": str(rendition.height),
        "og:image:alt": alt,
    }


def script_tag(data: dict[str, Any]) -> SafeString:
    """JSON-LD in a <script> element; nothing in the content can close it."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return mark_safe(
        '<script type="application/ld+json">'
        + text.translate(SCRIPT_ESCAPES)
        + "</script>"
    )


def open_graph(
    *, title: str, text: str, url: str, kind: str, extra: dict[str, str] | None = None
) -> SafeString:
    properties = {
        "og:title": title,
        "og:description": text,
        "og:url": url,
        "og:type": kind,
        "og:site_name": site_name(),
        "og:locale": "da_DK",
        **(extra or {}),
    }
    card = "summary_large_image" if properties.get("og:image") else "summary"
    return format_html_join(
        "",
        '<meta property="{}" content="{}">',
        ((name, value) for name, value in properties.items() if value),
    ) + format_html('<meta name="twitter:card" content="{}">', card)


def page_tags(page: Page, request: HttpRequest) -> SafeString:
    extra = {}
    if page.first_published_at and type(page).__name__ != "HomePage":
        extra["article:published_time"] = page.first_published_at.isoformat()
    if page.last_published_at and type(page).__name__ != "HomePage":
        extra["article:modified_time"] = page.last_published_at.isoformat()
    extra.update(_social_image(page, request))
    tags = open_graph(
        title=page.seo_title or page.title,
        text=description(page),
        url=page_url(page, request),
        kind=OG_TYPES.get(type(page).__name__, "article"),
        extra=extra,
    )
    return tags + script_tag(page_data(page, request))


def listing_tags(title: str, request: HttpRequest) -> SafeString:
    tags = open_graph(
        title=title or site_name(),
        text="",
        url=absolute_url(request, request.path),
        kind="website",
    )
    return tags + script_tag(listing_data(title, request))


def profile_tags(subject: Any, request: HttpRequest) -> SafeString:
    """Open Graph and JSON-LD for a person's or an organisation's page."""
    is_person = hasattr(subject, "job_title")
    data = (person_data if is_person else organisation_data)(subject, request)
    text = (
        ", ".join(
            filter(None, [subject.job_title, getattr(subject.organisation, "name", "")])
        )
        if is_person
        else subject.description
    )
    return open_graph(
        title=subject.name,
        text=text,
        url=data["url"],
        kind="profile" if is_person else "website",
    ) + script_tag(data)
