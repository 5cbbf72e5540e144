"""The read path of the hub's search: one function for the search page, the
listing pages, the API and related content."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import cache

from django.apps import apps
from django.db import connection
from django.db.models import Field
from django.db.models.base import ModelState
from django.db.models.expressions import Col
from django.db.models.signals import post_init, pre_init
from django.utils.safestring import SafeString

from almenhub.core.middleware import page_cache_version
from almenhub.search.analysis import ParsedQuery, fold, parse_query
from almenhub.search.engines import get_engine
from almenhub.search.engines.base import MAX_COUNTED, SearchFilters
from almenhub.search.facets import FACETS, FacetSpec, facet_labels
from almenhub.search.memo import MISSING, Memo
from almenhub.search.models import SearchDocument
from almenhub.search.planner import QueryPlan, plan_query
from almenhub.search.promotions import (
    PromotedLink,
    Promotions,
    promotes,
    promotions_for,
)
from almenhub.search.registry import kind_by_name
from almenhub.search.snippets import highlight
from almenhub.search.spelling import did_you_mean

PER_PAGE = 20
# What a page of hits reads of its documents (the page, the API, the exports):
# not the text that is only searched (names, context, compound parts).
SHOWN_FIELDS = (
    "key", "kind", "object_id", "url", "title", "teaser", "body", "themes",
    "status", "year", "owner", "owner_name", "programme", "belongs_to",
    "published_at",
)  # fmt: skip
FEW_HITS = 2  # at most this many hits, and "Mente du …?" is worth a look
MAX_PAGE = 500


@dataclass
class Hit:
    document: SearchDocument
    kind_label: str
    snippet: SafeString
    title_html: SafeString
    # Hits shown under this one: its publications, when they match too.
    grouped: list[Hit] = field(default_factory=list)
    promoted: bool = False  # an editor's promoted result for the query


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool = False
    parent_label: str = ""
    url: str = ""  # the link that selects it, or clears it (see SearchLinks)


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
    suggestion: str = ""  # "Mente du …?": the query spelt as the index spells it
    # An editor's promoted links to other sites: shown above the first page's
    # hits, not counted among them (they are no documents of ours).
    promoted_links: list[PromotedLink] = field(default_factory=list)

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


def _ordered(spec: FacetSpec, options: list[FacetOption]) -> list[FacetOption]:
    if spec.order == "newest":
        return sorted(options, key=lambda o: o.value, reverse=True)
    if spec.order == "count":
        return sorted(options, key=lambda o: (-o.count, o.label))
    if spec.order == "tree":
        # Parents first, each followed by its children.
        parents = [o for o in options if not o.parent_label]
        ordered: list[FacetOption] = []
        for parent in sorted(parents, key=lambda o: o.label):
            ordered.append(parent)
            ordered += sorted(
                (o for o in options if o.parent_label == parent.label),
                key=lambda o: o.label,
            )
        return ordered + [o for o in options if o not in ordered]
    return options  # "declared": in the order the labels came


# The facets made for a search's counts and filters, kept per process under
# the page cache's stamp (the labels' version): a query's counts are kept
# (engines.base.Counted), and so the same facets were made for each search
# of it. Kept as tuples; each search gets its own Facet objects (the view
# sets each option's link).
_facets_made = Memo(MAX_COUNTED)
FacetRows = tuple[tuple[str, str, tuple[tuple[str, str, int, bool, str], ...]], ...]


def build_facets(
    counts: dict[str, dict[str, int]], filters: SearchFilters
) -> list[Facet]:
    """The facets of a search, as search.facets declares them: the options
    that occur among the hits, with their counts and labels."""
    version = page_cache_version()  # once per search: it is a file read
    key = (
        tuple((column, tuple(values.items())) for column, values in counts.items()),
        tuple(getattr(filters, spec.attr) for spec in FACETS),
    )
    made: FacetRows = _facets_made.get(version, key)
    if made is MISSING:
        made = tuple(
            (
                facet.param,
                facet.label,
                tuple(
                    (o.value, o.label, o.count, o.selected, o.parent_label)
                    for o in facet.options
                ),
            )
            for facet in _made_facets(counts, filters, version)
        )
        _facets_made.put(version, key, made)
    return [
        Facet(param, label, [FacetOption(*option) for option in options])
        for param, label, options in made
    ]


def _made_facets(
    counts: dict[str, dict[str, int]], filters: SearchFilters, version: str
) -> list[Facet]:
    facets: list[Facet] = []
    for spec in FACETS:
        value_counts = counts.get(spec.column, {})
        if not value_counts:
            continue
        current = getattr(filters, spec.attr)
        selected = "" if current in ("", None) else str(current)
        facet = Facet(param=spec.param, label=spec.label)
        for value, (label, parent) in facet_labels(
            spec, value_counts, version=version
        ).items():
            if value in value_counts:
                facet.options.append(
                    FacetOption(
                        spec.url_value(value),
                        label,
                        value_counts[value],
                        selected == value,
                        parent,
                    )
                )
        facet.options = _ordered(spec, facet.options)
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
    group: bool = False,
) -> SearchResults:
    """One page of a search. With `group`, a hit that belongs to another hit
    of the page (a publication to its project) is shown under it, the two at
    the better of their places; exports and the API keep every hit flat."""
    filters = filters or SearchFilters()
    parsed = parse_query(query)
    plan = plan_query(parsed) if not parsed.is_empty else None
    page = max(1, min(page, MAX_PAGE))
    engine = get_engine(engine_name)
    promotions = (
        promotions_for(query or "", limit=per_page)
        if promotes(query, filters, sort)
        else Promotions()
    )
    promoted = promotions.documents
    first = (page - 1) * per_page
    found = engine.search(
        plan,
        replace(
            filters,
            exclude_keys=(*filters.exclude_keys, *(row.key for row in promoted)),
        ),
        sort=sort,
        # The promoted results stand first, and take places from page one.
        offset=max(0, first - len(promoted)),
        limit=per_page,
        facets=facets,
    )
    rows = shown_rows(found.keys)
    hidden = _no_longer_public(rows.values())
    stems = plan.stems if plan else set()
    shown = promoted[first:] if first < len(promoted) else []
    shown += [
        row
        for key in found.keys
        if (row := rows.get(key)) is not None and key not in hidden
    ]  # a row gone since it was indexed is left out: never a dead link
    hits = [_hit(row, stems, promoted=row in promoted) for row in shown[:per_page]]
    counts = _with_promoted(found.facets, promoted) if facets else {}
    return SearchResults(
        query=parsed,
        plan=plan,
        hits=grouped_hits(hits) if group else hits,
        total=found.total + len(promoted),
        page=page,
        per_page=per_page,
        facets=build_facets(counts, filters) if facets else [],
        engine=engine.name,
        promoted_links=promotions.links if page == 1 else [],
        notice=found.notice,
        suggestion=_suggestion(parsed, filters, found.total, engine_name)
        if facets and not found.notice
        else "",
    )


def shown_rows(keys: list[str]) -> dict[str, SearchDocument]:
    """The documents of a page of hits by key, with the fields it shows.
    One statement of our own, and the rows made as the ORM makes them
    (`from_db`, each column through the converters the ORM would apply):
    building them through a queryset (`in_bulk`, `.only()`, `raw()`) cost
    more than the rows' reading itself, once per search."""
    if not keys:
        return {}
    statement, converters = _shown_statement(connection.vendor)
    marks = ", ".join(["%s"] * len(keys))
    names = ("id", *SHOWN_FIELDS)
    alias = connection.alias
    plain = _plain_rows(names)
    rows: dict[str, SearchDocument] = {}
    with connection.cursor() as cursor:
        cursor.execute(statement % marks, keys)
        for values in cursor.fetchall():
            values = list(values)
            for position, functions, column in converters:
                for function in functions:
                    values[position] = function(values[position], column, connection)
            if plain:
                row = _row(names, values, alias)
            else:
                row = SearchDocument.from_db(alias, names, values)
            rows[row.key] = row
    return rows


def _plain_rows(names: tuple[str, ...]) -> bool:
    """Whether `_row` makes the row `from_db` would: nothing listens to a
    search document's making, and each shown field is a plain attribute
    (no foreign key, whose attribute has a setter)."""
    if pre_init.has_listeners(SearchDocument) or post_init.has_listeners(
        SearchDocument
    ):
        return False
    return _plain_attributes(names)


@cache
def _plain_attributes(names: tuple[str, ...]) -> bool:
    meta = SearchDocument._meta
    return all(
        _concrete(meta.get_field(name)).attname == name
        and not hasattr(type(getattr(SearchDocument, name, None)), "__set__")
        for name in names
    )


def _row(names: tuple[str, ...], values: list, alias: str) -> SearchDocument:
    """The row `SearchDocument.from_db(alias, names, values)` makes, without
    Model.__init__'s walk over every field of the model (the unshown ones
    deferred): a quarter of a page of hits' rows' cost."""
    row = SearchDocument.__new__(SearchDocument)
    row._state = state = ModelState()
    state.adding, state.db = False, alias
    row.__dict__.update(zip(names, values, strict=True))
    return row


@cache
def _shown_statement(vendor: str) -> tuple[str, list[tuple[int, list, Col]]]:
    """The statement of `shown_rows` (its key list to fill in) and, per
    column, the converters the ORM applies to it on this database."""
    meta = SearchDocument._meta
    name = connection.ops.quote_name
    shown = [_concrete(meta.get_field(f)) for f in ("id", *SHOWN_FIELDS)]
    columns = ", ".join(name(_column(f)) for f in shown)
    key = _column(_concrete(meta.get_field("key")))
    statement = f"SELECT {columns} FROM {name(meta.db_table)} WHERE {name(key)} IN (%s)"
    converters = []
    for position, shown_field in enumerate(shown):
        column = shown_field.get_col(meta.db_table)
        functions = connection.ops.get_db_converters(column) + column.get_db_converters(
            connection
        )
        if functions:
            converters.append((position, functions, column))
    return statement, converters


def _concrete(found: object) -> Field:
    if not isinstance(found, Field):
        raise TypeError(f"{found!r} is not a column of the search documents")
    return found


def _column(shown_field: Field) -> str:
    if not shown_field.column:
        raise TypeError(f"{shown_field!r} has no column")
    return shown_field.column


def _hit(row: SearchDocument, stems: set[str], *, promoted: bool) -> Hit:
    kind = kind_by_name(row.kind)
    text = row.teaser if not stems else f"{row.teaser}\n{row.body}"
    return Hit(
        document=row,
        kind_label=kind.label if kind else row.kind,
        snippet=highlight(text or row.body, stems),
        title_html=highlight(row.title, stems, max_words=60),
        promoted=promoted,
    )


def _with_promoted(
    counts: dict[str, dict[str, int]], promoted: list[SearchDocument]
) -> dict[str, dict[str, int]]:
    """The engine's facet counts with the promoted documents (which the
    engine was asked to leave out) counted in."""
    if not promoted:
        return counts
    merged = {column: dict(values) for column, values in counts.items()}
    for row in promoted:
        for spec in FACETS:
            value = getattr(row, spec.column)
            for one in value if spec.multi else [value]:
                if one not in ("", None):
                    column = merged.setdefault(spec.column, {})
                    column[str(one)] = column.get(str(one), 0) + 1
    return merged


def _no_longer_public(rows: Iterable[SearchDocument]) -> set[str]:
    """The keys of register entries (people, organisations) among the rows
    that their selector no longer lists. Their documents go when they change,
    but a bulk update sends no signal, and a hidden person is never shown."""
    ids: defaultdict[str, set[int]] = defaultdict(set)
    for row in rows:
        kind = kind_by_name(row.kind)
        if kind is not None and kind.is_register:
            ids[row.kind].add(row.object_id)
    hidden: set[str] = set()
    for name, object_ids in ids.items():
        kind = kind_by_name(name)
        assert kind is not None  # the name came from kind_by_name above
        public = kind.public_queryset().filter(pk__in=object_ids)
        shown = set(public.values_list("pk", flat=True))
        hidden |= {f"{name}:{pk}" for pk in object_ids - shown}
    return hidden


def grouped_hits(hits: list[Hit]) -> list[Hit]:
    """The hits with each one that belongs to another hit of the list put
    under it; the other stands where the first of the two stood."""
    by_key = {hit.document.key: hit for hit in hits}
    shown: list[Hit] = []
    placed: set[int] = set()  # id() of the hits in `shown`
    for hit in hits:
        owner = by_key.get(hit.document.belongs_to)
        if owner is not None and owner is not hit:
            owner.grouped.append(hit)
            hit = owner
        if id(hit) not in placed:
            placed.add(id(hit))
            shown.append(hit)
    return shown


def _suggestion(
    parsed: ParsedQuery, filters: SearchFilters, total: int, engine_name: str | None
) -> str:
    """A respelt query for a search with few hits, when it finds more."""
    if parsed.is_empty or total > FEW_HITS:
        return ""
    corrected = did_you_mean(parsed)
    if not corrected:
        return ""
    plan = plan_query(parse_query(corrected))
    found = get_engine(engine_name).search(plan, filters, limit=1, facets=False)
    return corrected if found.total > total else ""


def browse_suggestions(*, newest: int = 5) -> dict:
    """What an empty result offers instead: the main themes and the newest
    pages."""
    theme = apps.get_model("taxonomy", "Theme")
    latest = search(None, sort="newest", per_page=newest, facets=False)
    return {
        "themes": list(theme.objects.filter(parent=None).order_by("sort_order")),
        "newest": [hit.document for hit in latest.hits],
    }


# How many candidates each way of finding related documents offers.
RELATED_CANDIDATES = 20


def related_documents(
    key: str, *, kind: str = "project", limit: int = 4
) -> list[SearchDocument]:
    """The documents closest to this one: those filed under the same themes
    first (a shared sub-theme counts twice a shared main theme), then those
    whose text is closest (its title and teaser as an any-word query), which
    also orders documents that share as many themes. Both engines find the
    candidates; the order is computed here, so it is the same on each."""
    row = SearchDocument.objects.filter(key=key).first()
    if row is None:
        return []
    engine = get_engine()
    parsed = parse_query(f"{row.title} {row.teaser}")
    plan = plan_query(parsed) if not parsed.is_empty else None
    text_rank: dict[str, int] = {}
    if plan is not None and not plan.is_empty:
        found = engine.search(
            plan,
            SearchFilters(kind=kind, exclude_keys=(key,)),
            limit=RELATED_CANDIDATES,
            facets=False,
            match_all=False,
        )
        text_rank = {k: n for n, k in enumerate(found.keys)}
    theme = apps.get_model("taxonomy", "Theme")
    sub_themes = set(
        theme.objects.filter(slug__in=row.themes, parent__isnull=False).values_list(
            "slug", flat=True
        )
    )
    candidates = set(text_rank)
    for slug in sorted(sub_themes):
        found = engine.search(
            None,
            SearchFilters(kind=kind, theme=slug, exclude_keys=(key,)),
            sort="newest",
            limit=RELATED_CANDIDATES,
            facets=False,
        )
        candidates.update(found.keys)
    rows = SearchDocument.objects.in_bulk(list(candidates), field_name="key")
    mine = set(row.themes)

    def closeness(candidate: SearchDocument) -> tuple[int, int]:
        shared = mine & set(candidate.themes)
        themes = sum(2 if slug in sub_themes else 1 for slug in shared)
        return (-themes, text_rank.get(candidate.key, RELATED_CANDIDATES))

    ranked = sorted(rows.values(), key=lambda r: (*closeness(r), r.key))
    return ranked[:limit]


def _offer(label: str, kind: str, url: str, action: str) -> dict[str, str]:
    return {"label": label, "kind": kind, "url": url, "action": action}


def _title_offer(row: SearchDocument) -> dict[str, str]:
    """A register's entry (an organisation, a person) is a place to go to; a
    page's title is something to search for."""
    kind = kind_by_name(row.kind)
    if kind is not None and kind.is_register:
        return _offer(row.title, kind.label, row.url, "open")
    return _offer(row.title, "Side", row.url, "search")


def autocomplete(prefix: str, *, limit: int = 8) -> list[dict[str, str]]:
    """Titles, themes and organisations that start with (or contain a word
    starting with) what has been typed so far.

    Each says what choosing it does (`action`): a title is a search for it
    (the results show the page with what belongs to it); a theme, an
    organisation or a person opens its own page, where its projects are
    listed."""
    organisation = apps.get_model("organisations", "Organisation")
    theme_model = apps.get_model("taxonomy", "Theme")
    # No database text holds a NUL byte, and PostgreSQL refuses one in a query.
    prefix = prefix.replace("\x00", "").strip()
    folded = fold(prefix)[:60]
    if len(folded) < 2:
        return []
    suggestions: list[dict[str, str]] = []
    for row in SearchDocument.objects.filter(title_folded__startswith=folded).order_by(
        "-published_at"
    )[:limit]:
        suggestions.append(_title_offer(row))
    seen = {s["url"] for s in suggestions}
    if len(suggestions) < limit:
        for row in SearchDocument.objects.filter(
            title_folded__contains=f" {folded}"
        ).order_by("-published_at")[: limit * 2]:
            if row.url not in seen and len(suggestions) < limit:
                seen.add(row.url)
                suggestions.append(_title_offer(row))
    for theme in theme_model.objects.select_related("parent"):
        if fold(theme.name).startswith(folded) and len(suggestions) < limit + 4:
            suggestions.append(
                _offer(theme.name, "Tema", theme.get_absolute_url(), "open")
            )
    # Only organisations with a public page (the register's own selector),
    # each linking to that page, where its projects and people are listed.
    register = kind_by_name("organisation")
    organisations = (
        register.public_queryset() if register else organisation.objects.none()
    )
    for org in organisations.filter(name__icontains=prefix[:60]).order_by("name")[:4]:
        if (url := org.get_absolute_url()) not in seen:
            suggestions.append(_offer(org.name, "Organisation", url, "open"))
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
