"""The read path of the hub's search: one function for the search page, the
listing pages, the API and related content."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.safestring import SafeString

from almenhub.search.analysis import ParsedQuery, fold, parse_query
from almenhub.search.engines import get_engine
from almenhub.search.engines.base import SearchFilters
from almenhub.search.models import SearchDocument
from almenhub.search.planner import QueryPlan, plan_query
from almenhub.search.registry import kind_by_name, kinds
from almenhub.search.snippets import highlight

PER_PAGE = 20
MAX_PAGE = 500


@dataclass
class Hit:
    document: SearchDocument
    kind_label: str
    snippet: SafeString
    title_html: SafeString


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool = False
    parent_label: str = ""


@dataclass
class Facet:
    param: str
    label: str
    options: list[FacetOption] = field(default_factory=list)


@dataclass
class SearchResults:
    query: ParsedQuery
    plan: QueryPlan | None
    hits: list[Hit]
    total: int
    page: int
    per_page: int
    facets: list[Facet]
    engine: str
    notice: str = ""  # why the engine could not search, when it could not

    @property
    def num_pages(self) -> int:
        return max(1, -(-self.total // self.per_page))

    @property
    def has_next(self) -> bool:
        return self.page < min(self.num_pages, MAX_PAGE)

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    @property
    def start_index(self) -> int:
        return (self.page - 1) * self.per_page + 1 if self.total else 0


STATUS_LABELS = {"planned": "Planlagt", "ongoing": "I gang", "finished": "Afsluttet"}


def _theme_labels(slugs: list[str]) -> dict[str, tuple[str, str]]:
    from almenhub.taxonomy.models import Theme

    return {
        t.slug: (t.name, t.parent.name if t.parent_id else "")
        for t in Theme.objects.filter(slug__in=slugs).select_related("parent")
    }


def _owner_labels(ids: list[str]) -> dict[str, str]:
    from almenhub.organisations.models import Organisation

    numeric = [int(i) for i in ids if i.isdigit()]
    return {str(o.pk): o.name for o in Organisation.objects.filter(pk__in=numeric)}


def _programme_labels(ids: list[str]) -> dict[str, str]:
    from wagtail.models import Page

    numeric = [int(i) for i in ids if i.isdigit()]
    return {str(p.pk): p.title for p in Page.objects.filter(pk__in=numeric)}


def build_facets(
    counts: dict[str, dict[str, int]], filters: SearchFilters
) -> list[Facet]:
    facets: list[Facet] = []
    kind_counts = counts.get("kind", {})
    if kind_counts:
        facet = Facet(param="type", label="Indholdstype")
        for kind in kinds():
            if kind.kind in kind_counts:
                facet.options.append(
                    FacetOption(
                        kind.slug,
                        kind.label_plural,
                        kind_counts[kind.kind],
                        filters.kind == kind.kind,
                    )
                )
        facets.append(facet)
    theme_counts = counts.get("themes", {})
    if theme_counts:
        labels = _theme_labels(list(theme_counts))
        facet = Facet(param="tema", label="Tema")
        for slug, count in theme_counts.items():
            if slug in labels:
                name, parent = labels[slug]
                facet.options.append(
                    FacetOption(slug, name, count, filters.theme == slug, parent)
                )
        # Parents first, each followed by its children.
        parents = [o for o in facet.options if not o.parent_label]
        ordered: list[FacetOption] = []
        for parent in sorted(parents, key=lambda o: o.label):
            ordered.append(parent)
            ordered += sorted(
                (o for o in facet.options if o.parent_label == parent.label),
                key=lambda o: o.label,
            )
        ordered += [o for o in facet.options if o not in ordered]
        facet.options = ordered
        facets.append(facet)
    status_counts = counts.get("status", {})
    if status_counts:
        facet = Facet(param="status", label="Status")
        for value, label in STATUS_LABELS.items():
            if value in status_counts:
                facet.options.append(
                    FacetOption(
                        value, label, status_counts[value], filters.status == value
                    )
                )
        facets.append(facet)
    year_counts = counts.get("year", {})
    if year_counts:
        facet = Facet(param="aar", label="År")
        for value in sorted(year_counts, reverse=True):
            facet.options.append(
                FacetOption(
                    value, value, year_counts[value], str(filters.year) == value
                )
            )
        facets.append(facet)
    for param, label, name, labeller, current in (
        ("ejer", "Projektejer", "owner", _owner_labels, filters.owner),
        ("program", "Program", "programme", _programme_labels, filters.programme),
    ):
        value_counts = counts.get(name, {})
        if not value_counts:
            continue
        labels = labeller(list(value_counts))
        facet = Facet(param=param, label=label)
        for value, count in sorted(
            value_counts.items(), key=lambda kv: (-kv[1], labels.get(kv[0], ""))
        ):
            if value in labels:
                facet.options.append(
                    FacetOption(value, labels[value], count, current == value)
                )
        facets.append(facet)
    return facets


def search(
    query: str | None,
    filters: SearchFilters | None = None,
    *,
    sort: str = "relevance",
    page: int = 1,
    per_page: int = PER_PAGE,
    engine_name: str | None = None,
    facets: bool = True,
) -> SearchResults:
    filters = filters or SearchFilters()
    parsed = parse_query(query)
    plan = plan_query(parsed) if not parsed.is_empty else None
    page = max(1, min(page, MAX_PAGE))
    engine = get_engine(engine_name)
    found = engine.search(
        plan,
        filters,
        sort=sort,
        offset=(page - 1) * per_page,
        limit=per_page,
        facets=facets,
    )
    rows = SearchDocument.objects.in_bulk(found.keys, field_name="key")
    stems = plan.stems if plan else set()
    hits = []
    for key in found.keys:
        row = rows.get(key)
        if row is None:
            continue  # indexed but since removed: never show a dead link
        kind = kind_by_name(row.kind)
        text = row.teaser if not stems else f"{row.teaser}\n{row.body}"
        hits.append(
            Hit(
                document=row,
                kind_label=kind.label if kind else row.kind,
                snippet=highlight(text or row.body, stems),
                title_html=highlight(row.title, stems, max_words=60),
            )
        )
    return SearchResults(
        query=parsed,
        plan=plan,
        hits=hits,
        total=found.total,
        page=page,
        per_page=per_page,
        facets=build_facets(found.facets, filters) if facets else [],
        engine=engine.name,
        notice=found.notice,
    )


def related_documents(
    key: str, *, kind: str = "project", limit: int = 4
) -> list[SearchDocument]:
    """Documents whose text is closest to this one's: its title, teaser and
    themes as an any-word query."""
    row = SearchDocument.objects.filter(key=key).first()
    if row is None:
        return []
    parsed = parse_query(f"{row.title} {row.teaser}")
    plan = plan_query(parsed)
    if plan.is_empty:
        return []
    found = get_engine().search(
        plan,
        SearchFilters(kind=kind, exclude_key=key),
        limit=limit,
        facets=False,
        match_all=False,
    )
    rows = SearchDocument.objects.in_bulk(found.keys, field_name="key")
    return [rows[k] for k in found.keys if k in rows]


def autocomplete(prefix: str, *, limit: int = 8) -> list[dict[str, str]]:
    """Titles, themes and organisations that start with (or contain a word
    starting with) what has been typed so far."""
    from almenhub.organisations.models import Organisation
    from almenhub.taxonomy.models import Theme

    # No database text holds a NUL byte, and PostgreSQL refuses one in a query.
    prefix = prefix.replace("\x00", "").strip()
    folded = fold(prefix)[:60]
    if len(folded) < 2:
        return []
    suggestions: list[dict[str, str]] = []
    for row in SearchDocument.objects.filter(title_folded__startswith=folded).order_by(
        "-published_at"
    )[:limit]:
        suggestions.append({"label": row.title, "kind": "Side", "url": row.url})
    if len(suggestions) < limit:
        seen = {s["url"] for s in suggestions}
        for row in SearchDocument.objects.filter(
            title_folded__contains=f" {folded}"
        ).order_by("-published_at")[: limit * 2]:
            if row.url not in seen and len(suggestions) < limit:
                suggestions.append({"label": row.title, "kind": "Side", "url": row.url})
    for theme in Theme.objects.select_related("parent"):
        if fold(theme.name).startswith(folded) and len(suggestions) < limit + 4:
            suggestions.append(
                {"label": theme.name, "kind": "Tema", "url": theme.get_absolute_url()}
            )
    for org in Organisation.objects.filter(name__icontains=prefix[:60])[:4]:
        suggestions.append(
            {"label": org.name, "kind": "Organisation", "url": f"/soeg/?ejer={org.pk}"}
        )
    return suggestions[: limit + 4]


def theme_counts() -> dict[str, int]:
    """How many public pages each theme's page lists (a parent counts its
    children's too): the numbers the theme tree shows beside each theme."""
    results = search(None, per_page=1)
    return {
        option.value: option.count
        for facet in results.facets
        if facet.param == "tema"
        for option in facet.options
    }
