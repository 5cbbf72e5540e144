"""Theme pages and their sections as the API shows them."""

from __future__ import annotations

from typing import Any

from wagtail.models import Page

from almenhub.core.pages.visibility import is_public
from almenhub.opendata.representations import common as rep


def theme_page_item(
    page: Any, urls: rep.Urls, parents: dict[str, Page] | None = None
) -> dict[str, Any]:
    parents = parents if parents is not None else {}
    parent = parents.get(page.path[: -Page.steplen]) if parents else page.get_parent()
    is_hub = parent is not None and parent.specific_class is type(page)
    return {
        **rep.page_head(page, urls, "theme_pages"),
        "teaser": page.teaser,
        "themes": rep.theme_refs(page.themes),
        "parent": rep.page_ref(parent, urls) if is_hub and is_public(parent) else None,
        **rep.published(page),
    }


def theme_page_detail(page: Any, urls: rep.Urls, sections: list[Any]) -> dict[str, Any]:
    return {
        **theme_page_item(page, urls),
        "intro_html": rep.richtext_html(page.intro),
        "sections": [
            {
                "heading": section.heading,
                "kind": section.kind,
                "items": [
                    {
                        "title": item.title,
                        "url": urls.absolute(item.url),
                        "label": item.label,
                        "teaser": item.teaser,
                        "page_id": item.page_id,
                    }
                    for item in section.items
                ],
            }
            for section in sections
        ],
        "subpages": rep.public_children(page, urls),
    }
