"""The PostgreSQL engine: its own narrow table of weighted `tsvector`s,
built with the `danish` text search configuration, with a GIN index.

Several app servers share it through the database, so nothing lives on local
disk. Text reaches PostgreSQL folded and stemmed once (see analysis.py), and
the `danish` configuration adds the second Snowball pass; queries then carry
the planner's index terms as lexemes, which is why they use `simple`.

A query is one statement: one pass over the matching rows of
`search_postgresdocument` (see the model for why it is narrow) feeds the page
of hits, the total, and a count per combination of facet values, which the
engine then adds up per facet from `search_postgresfacetcombination`.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection, transaction

from almenhub.search.analysis import stem_once, words
from almenhub.search.engines import pg_toplists
from almenhub.search.engines.base import (
    BaseEngine,
    EngineQuery,
    EngineResult,
    IndexedDocument,
    SearchFilters,
    index_changed,
)
from almenhub.search.facets import FACETS
from almenhub.search.planner import QueryPlan

TABLE = "search_postgresdocument"
COMBINATIONS = "search_postgresfacetcombination"
DOCUMENTS = "search_searchdocument"
# The facets with one value per document are columns; a facet with several
# (themes) is a jsonb array. The columns are the migrations' (0003).
SCALAR_FACETS = tuple(f.column for f in FACETS if not f.multi)
LIST_FACETS = tuple(f.column for f in FACETS if f.multi)
# Rank weights for D (compound parts), C (body), B (teaser, context: theme
# labels, task, programme and series), A (title, owner, names); tuned on the
# relevance set with the embedded engine's field boosts.
WEIGHTS = "ARRAY[0.05, 0.2, 0.4, 1.0]::float4[]"
# The combination of facet values as one 64-bit key. Migration 0003 computes
# the same expression for the rows it moved; keep the two alike.
FACET_KEY = (
    "hashtextextended(concat_ws(chr(31), kind, status, coalesce(year::text, ''),"
    " owner, programme, themes::text), 0)"
)
BATCH = 200
# `ts_rank` has no weight per alternative of a query, which the embedded
# engine gives its typo, compound and synonym alternatives (below 1.0): a
# document that holds the words as typed ranks this much higher instead.
AS_TYPED_BONUS = 1.5


@contextmanager
def one_snapshot(cursor) -> Iterator[None]:
    """The statements inside see one snapshot of the tables: under READ
    COMMITTED each statement sees what was committed before it began, so a
    write committed between two of them would mix two states. Inside a
    caller's transaction its own isolation applies (SET TRANSACTION must be
    a transaction's first statement)."""
    if connection.in_atomic_block:
        yield
        return
    with transaction.atomic():
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        yield


def stemmed_once(text: str) -> str:
    return " ".join(stem_once(w) or w for w in words(text))


def tsquery_text(plan: QueryPlan, match_all: bool, *, as_typed: bool = False) -> str:
    """The plan as a `tsquery`; `as_typed`: its words as typed only (no typo,
    compound, synonym alternatives), "" when that leaves nothing."""
    groups = []
    for group in plan.groups:
        alternatives = []
        for alternative in group.alternatives:
            if as_typed and alternative.weight < 1.0:
                continue
            if len(alternative.stems) == 1:
                alternatives.append(alternative.stems[0])
            else:
                alternatives.append("(" + " & ".join(alternative.stems) + ")")
        if alternatives:
            groups.append("(" + " | ".join(alternatives) + ")")
    joined = (" & " if match_all else " | ").join(groups)
    phrases = [" <-> ".join(p) for p in plan.phrases if len(p) > 1]
    return " & ".join(
        part for part in [f"({joined})" if joined else "", *phrases] if part
    )


class PostgresEngine(BaseEngine):
    name = "postgres"

    def index_documents(self, documents: list[IndexedDocument]) -> None:
        if not documents:
            return
        rows = [
            (
                doc.key,
                stemmed_once(doc.title),
                stemmed_once(f"{doc.owner_name}\n{doc.names}"),
                stemmed_once(doc.teaser),
                stemmed_once(doc.context),
                stemmed_once(doc.body),
                doc.parts,
                doc.published or None,
                doc.kind,
                doc.status or "",
                doc.year,
                doc.owner or "",
                doc.programme or "",
                json.dumps(sorted(doc.themes)),
            )
            for doc in documents
        ]
        with connection.cursor() as cursor:
            for first in range(0, len(rows), BATCH):
                batch = rows[first : first + BATCH]
                self._write_batch(cursor, batch)
        index_changed()

    def _write_batch(self, cursor, batch: list[tuple]) -> None:
        """One batch of rows and their top-list entries, in one transaction."""
        with transaction.atomic():
            values = ", ".join(
                ["(%s, %s, %s, %s, %s, %s, %s, %s::bigint, %s, %s,"
                 " %s::smallint, %s, %s, %s::jsonb)"] * len(batch)
            )  # fmt: skip
            cursor.execute(
                f"""
                WITH v(key, title, names, teaser, context, body, parts,
                       published, kind, status, year, owner, programme,
                       themes) AS (
                    VALUES {values}
                ),
                written AS (
                    INSERT INTO {TABLE} AS t (key, tsv, published_at, kind,
                        status, year, owner, programme, themes, facet_key)
                    SELECT key,
                        setweight(to_tsvector('danish', title), 'A')
                        || setweight(to_tsvector('danish', names), 'A')
                        || setweight(to_tsvector('danish', teaser), 'B')
                        || setweight(to_tsvector('danish', context), 'B')
                        || setweight(to_tsvector('danish', body), 'C')
                        || setweight(to_tsvector('simple', parts), 'D'),
                        to_timestamp(published / 1000.0),
                        kind, status, year, owner, programme, themes,
                        {FACET_KEY}
                    FROM v
                    ON CONFLICT (key) DO UPDATE SET
                        tsv = EXCLUDED.tsv,
                        published_at = EXCLUDED.published_at,
                        kind = EXCLUDED.kind, status = EXCLUDED.status,
                        year = EXCLUDED.year, owner = EXCLUDED.owner,
                        programme = EXCLUDED.programme,
                        themes = EXCLUDED.themes,
                        facet_key = EXCLUDED.facet_key
                    RETURNING facet_key, kind, status, year, owner, programme,
                        themes
                )
                INSERT INTO {COMBINATIONS}
                    (facet_key, kind, status, year, owner, programme, themes)
                SELECT DISTINCT ON (facet_key) * FROM written
                ON CONFLICT (facet_key) DO NOTHING
                """,
                [value for row in batch for value in row],
            )
            keys = [row[0] for row in batch]
            pg_toplists.written(cursor, keys, weights=WEIGHTS)

    def delete(self, keys: list[str]) -> None:
        if not keys:
            return
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {TABLE} WHERE key = ANY(%s)", [list(keys)])
            pg_toplists.forget(cursor, list(keys))
        index_changed()

    def clear(self) -> None:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {TABLE}")
            cursor.execute(f"DELETE FROM {COMBINATIONS}")
            pg_toplists.forget(cursor)
        index_changed()

    def replace_all(self, documents: list[IndexedDocument]) -> None:
        self.clear()
        for start in range(0, len(documents), 500):
            self.index_documents(documents[start : start + 500])
        # Fresh statistics, so that the planner sees how many rows each
        # term matches from the first query on.
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {TABLE}")
        self.refresh_top_lists()

    def lock_writes(self, *, exclusive: bool = False) -> None:
        with connection.cursor() as cursor:
            pg_toplists.lock(cursor, exclusive=exclusive)

    def refresh_top_lists(self) -> int:
        """The broad terms' top lists built afresh (see pg_toplists); how
        many terms have one."""
        with transaction.atomic(), connection.cursor() as cursor:
            pg_toplists.refresh(cursor, weights=WEIGHTS)
            cursor.execute(f"ANALYZE {pg_toplists.LISTS}, {pg_toplists.FLOORS}")
            cursor.execute(f"SELECT count(*) FROM {pg_toplists.FLOORS}")
            lists = cursor.fetchone()[0]
        index_changed()
        return lists

    def maintain(self) -> None:
        """Vacuum the engine's tables after a rebuild: it marks their pages
        all-visible, which is what lets browsing read the covering index
        alone. Autovacuum gets there too, later; inside a transaction (where
        VACUUM cannot run) this leaves it to autovacuum."""
        if connection.in_atomic_block:
            return
        with connection.cursor() as cursor:
            cursor.execute(f"VACUUM (ANALYZE) {TABLE}, {COMBINATIONS}")

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
            if field in LIST_FACETS:
                clauses.append(f"{field} @> %s::jsonb")
                params.append(json.dumps([value]))
            elif field in SCALAR_FACETS:
                clauses.append(f"{field} = %s")
                params.append(value)
        if filters.exclude_keys:
            clauses.append("key <> ALL(%s)")
            params.append(list(filters.exclude_keys))
        where = " AND ".join(clauses) or "TRUE"
        return where, params, query_text

    def run(self, query: EngineQuery) -> EngineResult:
        plan, filters, sort = query.plan, query.filters, query.sort
        offset, limit, facets = query.offset, query.limit, query.facets
        where, params, query_text = self._where(plan, filters, query.match_all)
        result = EngineResult()
        ranked = bool(query_text) and sort == "relevance"
        rank = (
            f"ts_rank({WEIGHTS}, tsv, to_tsquery('simple', %s), 0)" if ranked else "0"
        )
        rank_params = [query_text] if ranked else []
        as_typed = tsquery_text(plan, query.match_all, as_typed=True) if plan else ""
        if ranked and as_typed and as_typed != query_text:
            rank += (
                f" * CASE WHEN tsv @@ to_tsquery('simple', %s)"
                f" THEN {AS_TYPED_BONUS} ELSE 1 END"
            )
            rank_params.append(as_typed)
        order = "rank DESC, " if ranked else ""
        listed = (
            self._listed_page(
                query, query_text, as_typed, rank, rank_params, where, params
            )
            if ranked and query_text
            else None
        )
        if listed is not None:
            if not query.count:
                return EngineResult(keys=listed)
            # Only the counts are left to find: no rank, no hits.
            rank, rank_params, order, limit, offset = "0", [], "", 0, 0
        elif not query.count:
            return self._page(where, params, rank, rank_params, order, limit, offset)
        columns = ", ".join(SCALAR_FACETS)
        sets = ", ".join(f"({f})" for f in SCALAR_FACETS)
        shown = ", ".join(f"{f}::text" for f in SCALAR_FACETS)
        nulls = ", ".join(["NULL"] * len(SCALAR_FACETS))
        # One row per value of each list facet, the facet's name in the first
        # column and the value in the second.
        lists = " UNION ALL ".join(
            f"SELECT '{f}', value, {nulls}, sum(n) FROM counts,"
            f" jsonb_array_elements_text(counts.{f}) AS value GROUP BY value"
            for f in LIST_FACETS
        )
        # With a text query, the CTE is materialised so that the text match
        # runs only once for the hits and the counts; its rows are four narrow
        # columns. Without one (browsing by filters), both read the covering
        # browse index instead of the table: the hits in its order, stopping
        # after one page, the counts without touching a row. Either way the
        # facets are then added up over the combinations that occur, which
        # are few (thousands) however many rows match.
        if query_text:
            matches = f"""
                m AS MATERIALIZED (
                    SELECT key, published_at, facet_key, {rank} AS rank
                    FROM {TABLE} WHERE {where}
                ),
                hits AS (
                    SELECT key, row_number() OVER () AS position FROM (
                        SELECT key FROM m
                        ORDER BY {order}published_at DESC NULLS LAST, key
                        LIMIT %s OFFSET %s
                    ) ordered
                ),
                grouped AS (
                    SELECT facet_key, count(*) AS n FROM m GROUP BY facet_key
                ),"""
            statement_params = [*rank_params, *params, limit, offset]
        else:
            matches = f"""
                hits AS (
                    SELECT key, row_number() OVER () AS position FROM (
                        SELECT key FROM {TABLE} WHERE {where}
                        ORDER BY published_at DESC NULLS LAST, key
                        LIMIT %s OFFSET %s
                    ) ordered
                ),
                grouped AS (
                    SELECT facet_key, count(*) AS n FROM {TABLE} WHERE {where}
                    GROUP BY facet_key
                ),"""
            statement_params = [*params, limit, offset, *params]
        with connection.cursor() as cursor:
            cursor.execute(
                f"""
                WITH {matches}
                counts AS (
                    SELECT c.*, g.n
                    FROM grouped g JOIN {COMBINATIONS} c USING (facet_key)
                )
                SELECT 'hit', key, {nulls}, position
                    FROM hits
                UNION ALL
                SELECT 'facet', NULL, {shown},
                    GROUPING({columns}) * 10000000000 + coalesce(sum(n), 0)
                FROM counts GROUP BY GROUPING SETS ({sets}, ())
                UNION ALL
                {lists}
                """,
                statement_params,
            )
            hits: list[tuple[int, str]] = []
            counts: dict[str, dict[str, int]] = {
                f: {} for f in (*SCALAR_FACETS, *LIST_FACETS)
            }
            all_bits = (1 << len(SCALAR_FACETS)) - 1
            last = 2 + len(SCALAR_FACETS)  # the position or count column
            for row in cursor.fetchall():
                kind = row[0]
                if kind == "hit":
                    hits.append((row[last], row[1]))
                elif kind in LIST_FACETS:
                    counts[kind][row[1]] = int(row[last])
                else:
                    grouping, count = divmod(int(row[last]), 10_000_000_000)
                    if grouping == all_bits:
                        result.total = count
                        continue
                    for position, field in enumerate(SCALAR_FACETS):
                        bit = 1 << (len(SCALAR_FACETS) - 1 - position)
                        value = row[2 + position]
                        if not grouping & bit and value not in (None, ""):
                            counts[field][str(value)] = count
            result.keys = (
                listed if listed is not None else [key for _, key in sorted(hits)]
            )
            if facets and result.total:
                result.facets = counts
        return result

    def _listed_page(
        self,
        query: EngineQuery,
        query_text: str,
        as_typed: str,
        rank: str,
        rank_params: list,
        where: str,
        params: list,
    ) -> list[str] | None:
        """The page's keys with the broad terms' top lists, where they prove
        it (else None: every match is ranked). A query of one term alone (its
        tsquery the one lexeme, no as-typed bonus) ranks by the term's score,
        the order of its list; a query of alternatives (`ts_rank`'s
        calc_rank_or, the mean of the operands' scores) is ranked over the
        lists' candidates. Several words that must all match, or a phrase,
        rank by their distances (calc_rank_and): not from lists."""
        plan = query.plan
        if plan is None or any(len(p) > 1 for p in plan.phrases):
            return None
        groups = [g for g in plan.groups if g.alternatives]
        alternatives = [a for g in groups for a in g.alternatives]
        stems = {s for a in alternatives for s in a.stems}
        filter_where, filter_params, _ = self._where(
            None, query.filters, query.match_all
        )
        page = {"offset": query.offset, "limit": query.limit}
        with connection.cursor() as cursor:
            if len(stems) == 1:
                (stem,) = stems
                if query_text == f"(({stem}))" and as_typed in ("", query_text):
                    return pg_toplists.single_term_page(
                        cursor,
                        stem,
                        weights=WEIGHTS,
                        where=filter_where,
                        params=filter_params,
                        **page,
                    )
            if (len(groups) > 1 and query.match_all) or (
                len(alternatives) == 1 and len(alternatives[0].stems) > 1
            ):
                return None
            bonus = AS_TYPED_BONUS if as_typed and as_typed != query_text else 1.0
            # Several statements (the lists' bounds, then the candidates) whose
            # proof holds only if they see the same rows.
            with one_snapshot(cursor):
                return pg_toplists.any_term_page(
                    cursor,
                    stems,
                    weights=WEIGHTS,
                    rank=rank,
                    rank_params=rank_params,
                    where=where,
                    params=params,
                    filter_where=filter_where,
                    filter_params=filter_params,
                    bonus=bonus,
                    **page,
                )

    def _page(
        self,
        where: str,
        params: list,
        rank: str,
        rank_params: list,
        order: str,
        limit: int,
        offset: int,
    ) -> EngineResult:
        """Only the page's keys, in the order `run` gives them (the counts
        are known): no pass over the matches beyond what the order needs."""
        with connection.cursor() as cursor:
            cursor.execute(
                f"""
                SELECT key FROM (
                    SELECT key, published_at, {rank} AS rank
                    FROM {TABLE} WHERE {where}
                ) m
                ORDER BY {order}published_at DESC NULLS LAST, key
                LIMIT %s OFFSET %s
                """,
                [*rank_params, *params, limit, offset],
            )
            return EngineResult(keys=[row[0] for row in cursor.fetchall()])
