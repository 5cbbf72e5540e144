"""The editors' promoted results for a query (Wagtail's search promotions,
Indstillinger › Fremhævede søgeresultater): the pages an editor chose stand
first, on either engine, and nowhere lower down."""

from __future__ import annotations

from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.search.utils import normalise_query_string

from almenhub.search.engines.base import SearchFilters
from almenhub.search.models import SearchDocument
from almenhub.search.registry import kinds


def promoted_documents(query: str, *, limit: int) -> list[SearchDocument]:
    """The documents of the pages promoted for the query, in the editor's
    order: those that may be found (a page unpublished or hidden since has
    no document, and is left out)."""
    text = normalise_query_string(query)
    if not text:
        return []
    page_ids = list(
        SearchPromotion.objects.filter(query__query_string=text, page__isnull=False)
        .order_by("sort_order", "pk")
        .values_list("page_id", flat=True)
    )
    if not page_ids:
        return []
    page_kinds = [kind.kind for kind in kinds() if not kind.is_register]
    rows = {
        row.object_id: row
        for row in SearchDocument.objects.filter(
            object_id__in=page_ids, kind__in=page_kinds
        )
    }
    return [rows[pk] for pk in dict.fromkeys(page_ids) if pk in rows][:limit]


def promotes(query: str | None, filters: SearchFilters, sort: str) -> bool:
    """Promotions answer the query as typed: ranked, with no filter chosen
    (a filtered search lists what the filters hold, in the engine's order)."""
    return (
        bool(query and query.strip())
        and sort == "relevance"
        and not any(value not in ("", None, ()) for value in vars(filters).values())
    )
