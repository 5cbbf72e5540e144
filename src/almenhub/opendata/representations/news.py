"""News as the API shows it."""

from __future__ import annotations

from typing import Any

from almenhub.opendata.representations import common as rep

IMAGE_RENDITION = "max-1200x1200"


def news_item(page: Any, urls: rep.Urls) -> dict[str, Any]:
    return {
        **rep.page_head(page, urls, "news"),
        "date": page.date,
        "byline": page.byline,
        "teaser": page.teaser,
        "image_url": urls.absolute(page.image.get_rendition(IMAGE_RENDITION).url)
        if page.image_id
        else None,
        "image_credit": page.image_credit,
        "themes": rep.theme_refs(page.themes),
        "related_projects": [
            rep.page_ref(p, urls) for p in page.related_projects.all()
        ],
        **rep.published(page),
    }


def news_detail(page: Any, urls: rep.Urls) -> dict[str, Any]:
    return {**news_item(page, urls), "body_html": rep.streamfield_html(page.body)}
