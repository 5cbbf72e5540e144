"""The old site's tool pages (/vaerktoejsplatform-om-<emne>/…) and its
about, membership and contact pages: ContentPage, nested as on the old site
(under the page of the address above, when the import brought it in)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from wagtail.models import Page

from almenhub.contentpages.models import ContentKind, ContentPage
from almenhub.contentpages.services import content_page_import
from almenhub.core.pages.tree import site_home

from ..addresses import TOOL, OldAddress
from ..parsing import ParseError
from ..parsing.articles import ContentRecord, checksum_of, content_parse
from ..streams import article_stream
from ..summary import FileResult, error_result
from .common import imported_ancestor, last_segment, page_written

if TYPE_CHECKING:
    from ..context import ImportContext

# Words of an old address that say what a page is; the first found wins.
_KIND_WORDS = [
    ("kontakt", ContentKind.CONTACT),
    ("medlem", ContentKind.MEMBERSHIP),
    ("om-", ContentKind.ABOUT),
]


def content_kind_for(address: OldAddress) -> str:
    if address.kind == TOOL:
        return ContentKind.TOOL
    path = address.path.casefold() + "/"
    for word, kind in _KIND_WORDS:
        if f"/{word}" in path:
            return kind
    return ContentKind.OTHER


def content_import(
    *, name: str, data: bytes, context: ImportContext, old: OldAddress
) -> FileResult:
    if not [s for s in old.path.split("/") if s]:
        return error_result(name, "Adressen er forsiden, som ikke importeres.")
    try:
        record = content_parse(data, name=name)
    except ParseError as error:
        return error_result(name, error.message, error.line)
    parent = imported_ancestor(old, [ContentPage]) or site_home()
    return content_written(
        name=name,
        context=context,
        old=old,
        record=record,
        parent=parent,
        kind=content_kind_for(old),
    )


def content_written(
    *,
    name: str,
    context: ImportContext,
    old: OldAddress,
    record: ContentRecord,
    parent: Page,
    kind: str,
) -> FileResult:
    """Write the content page of `record` under `parent` (a new page takes
    the old address's last segment as its slug)."""
    return page_written(
        name=name,
        context=context,
        write=lambda: content_page_import(
            parent=parent,
            source_key=old.source_key,
            checksum=checksum_of(record),
            title=record.title,
            kind=kind,
            slug=last_segment(old),
            teaser=record.teaser,
            body=article_stream(record.body),
            batch=context.page_batch,
        ),
    )
