"""Rows as the API shows them: plain dicts in the shape of `schemas`, one module
per collection. Imported from here (`from almenhub.opendata import
representations as rep`)."""

from almenhub.opendata.representations.common import (
    API_NAMESPACE,
    Urls,
    contact,
    contacts,
    organisation_ref,
    page_head,
    page_ref,
    public_children,
    published,
    richtext_html,
    streamfield_html,
    theme_ref,
    theme_refs,
)
from almenhub.opendata.representations.content_pages import (
    content_page_detail,
    content_page_item,
)
from almenhub.opendata.representations.examples import (
    example_detail,
    example_item,
    indicator_value,
)
from almenhub.opendata.representations.indicators import (
    indicator_item,
)
from almenhub.opendata.representations.meetings import (
    meeting_detail,
    meeting_item,
    meeting_series_detail,
    meeting_series_item,
)
from almenhub.opendata.representations.news import (
    IMAGE_RENDITION,
    news_detail,
    news_item,
)
from almenhub.opendata.representations.organisations import (
    organisation_detail,
    organisation_item,
)
from almenhub.opendata.representations.projects import (
    programme_detail,
    programme_item,
    project_detail,
    project_item,
)
from almenhub.opendata.representations.publications import (
    publication_detail,
    publication_item,
)
from almenhub.opendata.representations.theme_pages import (
    theme_page_detail,
    theme_page_item,
)
from almenhub.opendata.representations.themes import (
    theme_item,
)

__all__ = [
    "API_NAMESPACE",
    "Urls",
    "theme_ref",
    "theme_refs",
    "organisation_ref",
    "contact",
    "contacts",
    "page_ref",
    "richtext_html",
    "streamfield_html",
    "page_head",
    "published",
    "public_children",
    "project_item",
    "project_detail",
    "programme_item",
    "programme_detail",
    "publication_item",
    "publication_detail",
    "organisation_item",
    "organisation_detail",
    "theme_item",
    "indicator_value",
    "example_item",
    "example_detail",
    "indicator_item",
    "meeting_series_item",
    "meeting_series_detail",
    "meeting_item",
    "meeting_detail",
    "IMAGE_RENDITION",
    "news_item",
    "news_detail",
    "theme_page_item",
    "theme_page_detail",
    "content_page_item",
    "content_page_detail",
]
