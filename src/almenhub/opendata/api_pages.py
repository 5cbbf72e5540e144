"""News, theme pages and the plain content pages."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from ninja import Path, Query, Router

from almenhub.opendata import representations as rep
from almenhub.opendata import schemas as s
from almenhub.opendata import selectors
from almenhub.opendata.listing import detail_response, list_response
from almenhub.themepages.selectors import hub_sections

ERRORS = {400: s.ErrorOut, 404: s.ErrorOut, 429: s.ErrorOut}

router = Router()


@router.get(
    "/news/",
    response={200: s.page_of(s.NewsOut), **ERRORS},
    url_name="news",
    summary="Nyheder",
    description="Nyheder med dato, skribent, manchet, temaer og relaterede projekter.",
    tags=["Nyheder"],
)
def news_list(
    request: HttpRequest, filters: Query[s.NewsFilters], paging: Query[s.Paging]
) -> HttpResponse:
    urls = rep.Urls(request)
    return list_response(
        request,
        selectors.news(**filters.dict()),
        schema=s.NewsOut,
        paging=paging,
        represent=lambda rows: [rep.news_item(p, urls) for p in rows],
    )


@router.get(
    "/news/{int:id}/",
    response={200: s.NewsDetailOut, **ERRORS},
    url_name="news_detail",
    summary="En nyhed",
    tags=["Nyheder"],
)
def news_detail(
    request: HttpRequest, id: Path[s.Id], fields: Query[s.FieldChoice]
) -> HttpResponse:
    urls = rep.Urls(request)
    return detail_response(
        selectors.one_news(id),
        schema=s.NewsDetailOut,
        fields=fields.fields,
        represent=lambda page: rep.news_detail(page, urls),
        not_found=f"Nyhed {id} findes ikke, eller den er ikke offentlig.",
    )


@router.get(
    "/theme-pages/",
    response={200: s.page_of(s.ThemePageOut), **ERRORS},
    url_name="theme_pages",
    summary="Temasider",
    description=(
        "Temasider, der samler projekter, publikationer, værktøjer og eksempler."
    ),
    tags=["Temasider"],
)
def theme_page_list(
    request: HttpRequest, filters: Query[s.ThemePageFilters], paging: Query[s.Paging]
) -> HttpResponse:
    urls = rep.Urls(request)

    def represent(rows: list) -> list[dict]:
        parents = selectors.parents_by_path(rows)
        return [rep.theme_page_item(p, urls, parents) for p in rows]

    return list_response(
        request,
        selectors.theme_pages(**filters.dict()),
        schema=s.ThemePageOut,
        paging=paging,
        represent=represent,
    )


@router.get(
    "/theme-pages/{int:id}/",
    response={200: s.ThemePageDetailOut, **ERRORS},
    url_name="theme_page",
    summary="En temaside",
    description=(
        "Med afsnittene, som siden viser dem: de valgte sider og temaets nyeste."
    ),
    tags=["Temasider"],
)
def theme_page_detail(
    request: HttpRequest, id: Path[s.Id], fields: Query[s.FieldChoice]
) -> HttpResponse:
    urls = rep.Urls(request)
    return detail_response(
        selectors.theme_page(id),
        schema=s.ThemePageDetailOut,
        fields=fields.fields,
        represent=lambda page: rep.theme_page_detail(page, urls, hub_sections(page)),
        not_found=f"Temaside {id} findes ikke, eller den er ikke offentlig.",
    )


@router.get(
    "/pages/",
    response={200: s.page_of(s.ContentPageOut), **ERRORS},
    url_name="content_pages",
    summary="Sider",
    description="Indholdssider: om foreningen, medlemskab, kontakt og værktøjer.",
    tags=["Sider"],
)
def content_page_list(
    request: HttpRequest,
    filters: Query[s.ContentPageFilters],
    paging: Query[s.Paging],
) -> HttpResponse:
    urls = rep.Urls(request)
    return list_response(
        request,
        selectors.content_pages(**filters.dict()),
        schema=s.ContentPageOut,
        paging=paging,
        represent=lambda rows: [rep.content_page_item(p, urls) for p in rows],
    )


@router.get(
    "/pages/{int:id}/",
    response={200: s.ContentPageDetailOut, **ERRORS},
    url_name="content_page",
    summary="En side",
    tags=["Sider"],
)
def content_page_detail(
    request: HttpRequest, id: Path[s.Id], fields: Query[s.FieldChoice]
) -> HttpResponse:
    urls = rep.Urls(request)
    return detail_response(
        selectors.content_page(id),
        schema=s.ContentPageDetailOut,
        fields=fields.fields,
        represent=lambda page: rep.content_page_detail(page, urls),
        not_found=f"Side {id} findes ikke, eller den er ikke offentlig.",
    )
