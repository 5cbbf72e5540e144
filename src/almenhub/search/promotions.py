"""The editors' promoted results for a query (Wagtail's search promotions,
Indstillinger › Fremhævede søgeresultater): the pages an editor chose stand
first, on either engine, and nowhere lower down; the external links an editor
chose are shown above them."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlsplit

from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.search.utils import normalise_query_string

from almenhub.search.engines.base import INDEX_VERSION, SearchFilters
from almenhub.search.memo import MISSING, Memo
from almenhub.search.models import SearchDocument
from almenhub.search.registry import kinds

# A link the browser would run or read locally (javascript:, data:, file:) is
# never shown, even if a row got past the admin form's URL validation.
LINK_SCHEMES = ("http", "https")


@dataclass(frozen=True)
class PromotedLink:
    """An editor's promoted link to another site, as the page shows it."""

    url: str
    title: str
    description: str = ""


@dataclass
class Promotions:
    documents: list[SearchDocument] = field(default_factory=list)
    links: list[PromotedLink] = field(default_factory=list)


# Kept per process under the index's version, which a promotion's save or
# delete renews, as does every write of the documents: two queries for each
# typed search, nearly always answered "none".
_kept = Memo(5_000)


def promotions_for(query: str, *, limit: int) -> Promotions:
    """What the editors promoted for the query, in their order: the documents
    of the promoted pages that may be found (a page unpublished or hidden
    since has no document, and is left out), and the external links."""
    text = normalise_query_string(query)
    if not text:
        return Promotions()
    version = INDEX_VERSION.read()
    found = _kept.get(version, (text, limit))
    if found is MISSING:
        found = _promotions(text, limit)
        _kept.put(version, (text, limit), found)
    # The caller's lists, not the kept ones.
    return Promotions(documents=list(found.documents), links=list(found.links))


def _promotions(text: str, limit: int) -> Promotions:
    rows = list(
        SearchPromotion.objects.filter(query__query_string=text)
        .order_by("sort_order", "pk")
        .values_list(
            "page_id", "external_link_url", "external_link_text", "description"
        )
    )
    if not rows:
        return Promotions()
    page_ids = [page_id for page_id, *_ in rows if page_id is not None]
    links = [
        PromotedLink(url=url, title=(title or "").strip() or host, description=about)
        for page_id, url, title, about in rows
        if page_id is None
        and url
        and urlsplit(url).scheme.lower() in LINK_SCHEMES
        and (host := urlsplit(url).hostname or "")
    ]
    documents: dict[int, SearchDocument] = {}
    if page_ids:
        page_kinds = [kind.kind for kind in kinds() if not kind.is_register]
        documents = {
            row.object_id: row
            for row in SearchDocument.objects.filter(
                object_id__in=page_ids, kind__in=page_kinds
            )
        }
    return Promotions(
        documents=[documents[pk] for pk in dict.fromkeys(page_ids) if pk in documents][
            :limit
        ],
        links=links[:limit],
    )


def promotes(query: str | None, filters: SearchFilters, sort: str) -> bool:
    """Promotions answer the query as typed: ranked, with no filter chosen
    (a filtered search lists what the filters hold, in the engine's order)."""
    return (
        bool(query and query.strip())
        and sort == "relevance"
        and not any(value not in ("", None, ()) for value in vars(filters).values())
    )
