"""The publications' list, and a publication's file at its stable address
(`<page>/pdf/`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date, quote_etag

from almenhub.core.listing import PAGE_PARAM, ListingLinks, chosen_filters
from almenhub.publications.selectors import (
    PUBLICATION_FILTER_PARAMS,
    publication_filter_groups,
    publication_filters_read,
    publications_filtered,
)

if TYPE_CHECKING:
    from almenhub.publications.models import PublicationIndexPage, PublicationPage

PUBLICATIONS_PER_PAGE = 20

# Short enough that a recompiled file reaches readers within a minute even
# past caches that were not purged; after that every use asks again, which
# the ETag answers with an empty 304 while the file is the same.
PUBLIC_CACHE_CONTROL = "public, max-age=60, must-revalidate"
# A page behind a login or password: no shared cache may keep its file.
RESTRICTED_CACHE_CONTROL = "private, no-cache"


def publication_list_context(
    request: HttpRequest, *, index: PublicationIndexPage
) -> dict:
    """/publikationer/: the publications, filtered and paged."""
    filters, notices = publication_filters_read(request.GET)
    groups = publication_filter_groups(index=index, filters=filters)
    links = ListingLinks.from_query(request.GET, params=PUBLICATION_FILTER_PARAMS)
    links.link_options(groups)
    publications = publications_filtered(index=index, filters=filters)
    return {
        "filter_groups": groups,
        "chosen_filters": chosen_filters(groups),
        "filter_notices": notices,
        "publications": Paginator(publications, PUBLICATIONS_PER_PAGE).get_page(
            request.GET.get(PAGE_PARAM)
        ),
    }


def _last_modified(page: PublicationPage) -> float | None:
    document = page.document
    try:
        return document.file.storage.get_modified_time(document.file.name).timestamp()
    except (NotImplementedError, OSError):
        stamp = page.last_published_at or document.created_at
        return stamp.timestamp() if stamp else None


def publication_pdf(request: HttpRequest, *, page: PublicationPage) -> HttpResponse:
    """The current PDF of a live page that this visitor may see.

    Wagtail's page serving has already answered for an unpublished page
    (404) and for a view restriction the visitor has not passed (login or
    password) before this is called.
    """
    if not page.has_pdf:
        raise Http404("Publikationen har ingen PDF.")
    document = page.document
    try:
        # Wagtail keeps the file's SHA-1 (and computes it once for a
        # document saved without one).
        file_hash = document.get_file_hash()
    except FileNotFoundError as error:
        raise Http404("Publikationens fil findes ikke.") from error
    headers = {
        "ETag": quote_etag(file_hash),
        "Cache-Control": RESTRICTED_CACHE_CONTROL
        if page.get_view_restrictions().exists()
        else PUBLIC_CACHE_CONTROL,
    }
    last_modified = _last_modified(page)
    if last_modified is not None:
        headers["Last-Modified"] = http_date(last_modified)
    shell = HttpResponse(headers=headers)
    conditional = get_conditional_response(
        request,
        etag=headers["ETag"],
        last_modified=int(last_modified) if last_modified is not None else None,
        response=shell,
    )
    if conditional is not shell:
        return conditional  # 304 Not Modified or 412 Precondition Failed
    try:
        handle = document.file.open("rb")
    except FileNotFoundError as error:
        raise Http404("Publikationens fil findes ikke.") from error
    return FileResponse(
        handle,
        content_type="application/pdf",
        filename=f"{page.slug}.pdf",
        headers=headers,
    )
