"""News, theme pages and the plain content pages."""

from __future__ import annotations

from ninja import Router

from almenhub.opendata import representations as rep
from almenhub.opendata import schemas as s
from almenhub.opendata import selectors
from almenhub.opendata.api_collections import (
    Collection,
    items,
    items_with_parents,
    register,
)
from almenhub.themepages.selectors import hub_sections

router = Router()

COLLECTIONS = (
    Collection(
        name="news",
        url_name="news",
        detail_url_name="news_detail",
        path="/news/",
        tag="Nyheder",
        summary="Nyheder",
        description=(
            "Nyheder med dato, skribent, manchet, temaer og relaterede projekter."
        ),
        detail_summary="En nyhed",
        item=s.NewsOut,
        detail=s.NewsDetailOut,
        filters=s.NewsFilters,
        rows=selectors.news,
        one=selectors.one_news,
        represent_rows=items(rep.news_item),
        represent_one=rep.news_detail,
        not_found="Nyhed {key} findes ikke, eller den er ikke offentlig.",
    ),
    Collection(
        name="theme_page",
        path="/theme-pages/",
        tag="Temasider",
        summary="Temasider",
        description=(
            "Temasider, der samler projekter, publikationer, værktøjer og eksempler."
        ),
        detail_summary="En temaside",
        detail_description=(
            "Med afsnittene, som siden viser dem: de valgte sider og temaets nyeste."
        ),
        item=s.ThemePageOut,
        detail=s.ThemePageDetailOut,
        filters=s.ThemePageFilters,
        rows=selectors.theme_pages,
        one=selectors.theme_page,
        represent_rows=items_with_parents(rep.theme_page_item),
        represent_one=lambda page, urls: rep.theme_page_detail(
            page, urls, hub_sections(page)
        ),
        not_found="Temaside {key} findes ikke, eller den er ikke offentlig.",
    ),
    Collection(
        name="content_page",
        path="/pages/",
        tag="Sider",
        summary="Sider",
        description="Indholdssider: om foreningen, medlemskab, kontakt og værktøjer.",
        detail_summary="En side",
        item=s.ContentPageOut,
        detail=s.ContentPageDetailOut,
        filters=s.ContentPageFilters,
        rows=selectors.content_pages,
        one=selectors.content_page,
        represent_rows=items(rep.content_page_item),
        represent_one=rep.content_page_detail,
        not_found="Side {key} findes ikke, eller den er ikke offentlig.",
    ),
)
for collection in COLLECTIONS:
    register(router, collection, module=__name__)
