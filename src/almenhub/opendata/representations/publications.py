"""Publications as the API shows them."""

from __future__ import annotations

from typing import Any

from almenhub.opendata.representations import common as rep


def publication_item(page: Any, urls: rep.Urls) -> dict[str, Any]:
    return {
        **rep.page_head(page, urls, "publications"),
        "teaser": page.teaser,
        "series": {"slug": page.series.slug, "name": page.series.name}
        if page.series_id
        else None,
        "year": page.year,
        "document_url": urls.absolute(page.document_url) if page.document_id else None,
        "prepared_by": page.prepared_by,
        "prepared_for": page.prepared_for,
        "photos": page.photos,
        "rights": page.rights,
        "funders": page.funders,
        "layout": page.layout,
        "isbn": page.isbn,
        "projects": [rep.page_ref(p, urls) for p in page.projects.all()],
        **rep.published(page),
    }


def publication_detail(page: Any, urls: rep.Urls) -> dict[str, Any]:
    return {
        **publication_item(page, urls),
        "body_html": rep.streamfield_html(page.body),
    }
