"""The content pages (about, membership, contact, tools) as the API shows them."""

from __future__ import annotations

from typing import Any

from almenhub.opendata.representations import common as rep


def content_page_item(page: Any, urls: rep.Urls) -> dict[str, Any]:
    return {
        **rep.page_head(page, urls, "content_pages"),
        "kind": page.kind,
        "kind_label": page.get_kind_display(),
        "teaser": page.teaser,
        "themes": rep.theme_refs(page.themes),
        **rep.published(page),
    }


def content_page_detail(page: Any, urls: rep.Urls) -> dict[str, Any]:
    return {
        **content_page_item(page, urls),
        "body_html": rep.streamfield_html(page.body),
        "subpages": rep.public_children(page, urls),
    }
