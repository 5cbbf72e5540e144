"""The PostgreSQL engine: a weighted `tsvector` column on the search table,
built with the `danish` text search configuration and a GIN index.

Several app servers share it through the database, so nothing lives on local
disk. Text reaches PostgreSQL folded and stemmed once (see analysis.py), and
the `danish` configuration adds the second Snowball pass; queries then carry
the planner's index terms as lexemes, which is why they use `simple`.
"""

from __future__ import annotations

from django.db import connection

from almenhub.search.analysis import stem_once, words
from almenhub.search.engines.base import (
    EngineResult,
    IndexedDocument,
    SearchFilters,
)
from almenhub.search.planner import QueryPlan

TABLE = "search_searchdocument"
SCALAR_FACETS = ("kind", "status", "year", "owner", "programme")
# Rank weights for D (compound parts), C (body), B (teaser), A (title, names).
WEIGHTS = "ARRAY[0.05, 0.2, 0.4, 1.0]::float4[]"


def stemmed_once(text: str) -> str:
    return " ".join(stem_once(w) or w for w in words(text))


def tsquery_text(plan: QueryPlan, match_all: bool) -> str:
    groups = []
    for group in plan.groups:
        alternatives = []
        for alternative in group.alternatives:
            if len(alternative.stems) == 1:
                alternatives.append(alternative.stems[0])
            else:
                alternatives.append("(" + " & ".join(alternative.stems) + ")")
        groups.append("(" + " | ".join(alternatives) + ")")
    joined = (" & " if match_all else " | ").join(groups)
    phrases = [" <-> ".join(p) for p in plan.phrases if len(p) > 1]
    return " & ".join(
        part for part in [f"({joined})" if joined else "", *phrases] if part
    )


class PostgresEngine:
    name = "postgres"

    def index_documents(self, documents: list[IndexedDocument]) -> None:
        if not documents:
            return
        rows = [
            (
                stemmed_once(doc.title),
                stemmed_once(doc.names),
                stemmed_once(doc.teaser),
                stemmed_once(doc.body),
                doc.parts,
                doc.key,
            )
            for doc in documents
        ]
        with connection.cursor() as cursor:
            for first in range(0, len(rows), 200):
                batch = rows[first : first + 200]
                values = ", ".join(["(%s, %s, %s, %s, %s, %s)"] * len(batch))
                cursor.execute(
                    f"""
                    UPDATE {TABLE} AS d SET tsv =
                        setweight(to_tsvector('danish', v.title), 'A')
                        || setweight(to_tsvector('danish', v.names), 'A')
                        || setweight(to_tsvector('danish', v.teaser), 'B')
                        || setweight(to_tsvector('danish', v.body), 'C')
                        || setweight(to_tsvector('simple', v.parts), 'D')
                    FROM (VALUES {values}) AS v(title, names, teaser, body, parts, key)
                    WHERE d.key = v.key
                    """,
                    [value for row in batch for value in row],
                )

    def delete(self, keys: list[str]) -> None:
        # The rows themselves are deleted by the service; nothing else to do.
        return None

    def clear(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"UPDATE {TABLE} SET tsv = NULL")

    def replace_all(self, documents: list[IndexedDocument]) -> None:
        for start in range(0, len(documents), 500):
            self.index_documents(documents[start : start + 500])

    def _where(
        self, plan: QueryPlan | None, filters: SearchFilters, match_all: bool
    ) -> tuple[str, list, str | None]:
        clauses: list[str] = []
        params: list = []
        query_text = None
        if plan is not None and not plan.is_empty:
            query_text = tsquery_text(plan, match_all)
            clauses.append("tsv @@ to_tsquery('simple', %s)")
            params.append(query_text)
        for field, value in filters.as_pairs():
            if field == "themes":
                clauses.append("themes @> %s::jsonb")
                params.append(f'["{value}"]')
            else:
                clauses.append(f"{field} = %s")
                params.append(value)
        if filters.exclude_key:
            clauses.append("key <> %s")
            params.append(filters.exclude_key)
        where = " AND ".join(clauses) or "TRUE"
        return where, params, query_text

    def search(
        self,
        plan: QueryPlan | None,
        filters: SearchFilters,
        *,
        sort: str = "relevance",
        offset: int = 0,
        limit: int = 20,
        facets: bool = True,
        match_all: bool = True,
    ) -> EngineResult:
        if plan is not None and plan.is_empty and plan.dropped:
            return EngineResult()
        where, params, query_text = self._where(plan, filters, match_all)
        result = EngineResult()
        ranked = bool(query_text) and sort == "relevance"
        rank = (
            f"ts_rank({WEIGHTS}, tsv, to_tsquery('simple', %s), 0)" if ranked else "0"
        )
        order = "rank DESC, " if ranked else ""
        columns = ", ".join(SCALAR_FACETS)
        sets = ", ".join(f"({f})" for f in SCALAR_FACETS)
        rank_params = [query_text] if ranked else []
        # One scan of the matching rows feeds the hits, the total and every
        # facet; the CTE is materialised so the text match runs only once.
        with connection.cursor() as cursor:
            cursor.execute(
                f"""
                WITH m AS MATERIALIZED (
                    SELECT id, key, published_at, themes, {columns}, {rank} AS rank
                    FROM {TABLE} WHERE {where}
                ),
                hits AS (
                    SELECT key, row_number() OVER () AS position FROM (
                        SELECT key FROM m
                        ORDER BY {order}published_at DESC NULLS LAST, id
                        LIMIT %s OFFSET %s
                    ) ordered
                ),
                facets AS (
                    SELECT {columns}, GROUPING({columns}) AS g, count(*) AS n
                    FROM m GROUP BY GROUPING SETS ({sets}, ())
                ),
                theme_counts AS (
                    SELECT theme, count(*) AS n
                    FROM m, jsonb_array_elements_text(m.themes) AS theme
                    WHERE %s GROUP BY theme
                )
                SELECT 'hit', key, NULL, NULL, NULL, NULL, NULL, position
                    FROM hits
                UNION ALL
                SELECT 'facet', NULL, kind, status, year::text, owner, programme,
                    g * 10000000000 + n FROM facets
                UNION ALL
                SELECT 'theme', theme, NULL, NULL, NULL, NULL, NULL, n FROM theme_counts
                """,
                [*rank_params, *params, limit, offset, facets],
            )
            hits: list[tuple[int, str]] = []
            counts: dict[str, dict[str, int]] = {f: {} for f in SCALAR_FACETS}
            counts["themes"] = {}
            all_bits = (1 << len(SCALAR_FACETS)) - 1
            for row in cursor.fetchall():
                kind = row[0]
                if kind == "hit":
                    hits.append((row[7], row[1]))
                elif kind == "theme":
                    counts["themes"][row[1]] = row[7]
                else:
                    grouping, count = divmod(row[7], 10_000_000_000)
                    values = row[2:7]
                    if grouping == all_bits:
                        result.total = count
                        continue
                    for position, field in enumerate(SCALAR_FACETS):
                        bit = 1 << (len(SCALAR_FACETS) - 1 - position)
                        value = values[position]
                        if not grouping & bit and value not in (None, ""):
                            counts[field][str(value)] = count
            result.keys = [key for _, key in sorted(hits)]
            if facets and result.total:
                result.facets = counts
        return result
