"""Kept top lists of the PostgreSQL engine's broad terms.

A term that many documents hold ("driftschef" is in every project's names,
"kommune" in three of four bodies) makes `ts_rank` score every one of them
for one page of hits. For each term held by more than `LIST_SIZE` documents
this keeps, maintained with every index write, the documents that rank
first for that term alone: for a single-term query `ts_rank` is the term's
score in the document, so a page of such a query is read from the list in
its order, the filters applied to the list's own copy of the facet columns.

What makes it exact is the list's floor: the (score, published, key) of
its last entry when it was built, in the order hits are shown. Every
document holding the term that ranks at or before the floor is in the list
(an index write adds a document that does, a delete or rewrite removes its
old entries), so when the filtered list has a whole page (offset + limit
entries at or before the floor), nothing outside it can stand on that page.
Otherwise the engine ranks every match as before. Entries after the floor
are never read.

The lists are built by `refresh` (after a rebuild): deletions thin a list
and new broad terms have none until the next one; both only mean the full
ranking. A list holds the scores of the weights it was built with
(`weights`), and is not used under others.
"""

from __future__ import annotations

import re

LIST_SIZE = 1000
LISTS = "search_pgtermlist"
FLOORS = "search_pgtermfloor"
DOCUMENTS = "search_postgresdocument"
# Terms whose lexeme is the same under `to_tsquery('simple', …)` and as a
# quoted tsquery literal: the only ones kept and looked up.
PLAIN_TERM = re.compile(r"[a-z0-9]+")
# Writers take it shared, `refresh` alone: a list is never rebuilt from a
# view that misses a write committed after it. A transaction takes it before
# its first write of the search's rows (`lock`, through the engine's
# `lock_writes`), never after: a rebuild that held rows and then asked for it
# alone would wait for a writer that waits for those rows (a deadlock).
LOCK = 0x616C6D5F746F70  # "alm_top"
# An entry (score, pub, key) ranks at or before its list's floor, in the
# order hits are shown (rank DESC, published DESC NULLS LAST, key).
AT_OR_BEFORE = (
    "({s} > f.floor_score OR ({s} = f.floor_score AND ({p} > f.floor_pub"
    " OR ({p} = f.floor_pub AND {k} <= f.floor_key))))"
)
# Up to this many operands, the documents holding two of them are ranked.
MAX_PAIRED = 4
COLUMNS = "lexeme, key, score, pub, kind, status, year, owner, programme, themes"


def rank_of(weights: str, vector: str, lexeme: str) -> str:
    return f"ts_rank({weights}, {vector}, quote_literal({lexeme})::tsquery, 0)"


def lock(cursor, *, exclusive: bool = False) -> None:
    """The lists' lock until the transaction ends (taken again, it is the
    same lock: a transaction that holds it alone may take it shared)."""
    kind = "pg_advisory_xact_lock" if exclusive else "pg_advisory_xact_lock_shared"
    cursor.execute(f"SELECT {kind}(%s)", [LOCK])


def refresh(cursor, *, weights: str) -> None:
    """Build every list afresh: the terms held by more than LIST_SIZE
    documents, each with its first LIST_SIZE documents and their floor."""
    lock(cursor, exclusive=True)
    cursor.execute(f"DELETE FROM {LISTS}")
    cursor.execute(f"DELETE FROM {FLOORS}")
    cursor.execute(
        f"""
        INSERT INTO {LISTS} ({COLUMNS})
        SELECT b.word, t.key, t.score, t.pub, t.kind, t.status, t.year, t.owner,
            t.programme, t.themes
        FROM (
            SELECT word FROM ts_stat('SELECT tsv FROM {DOCUMENTS}')
            WHERE ndoc > %s AND word ~ '^[a-z0-9]+$'
        ) b
        CROSS JOIN LATERAL (
            SELECT key, {rank_of(weights, "tsv", "b.word")} AS score,
                coalesce(published_at, '-infinity') AS pub,
                kind, status, year, owner, programme, themes
            FROM {DOCUMENTS} WHERE tsv @@ quote_literal(b.word)::tsquery
            ORDER BY score DESC, pub DESC, key LIMIT %s
        ) t
        """,
        [LIST_SIZE, LIST_SIZE],
    )
    cursor.execute(
        f"""
        INSERT INTO {FLOORS} (lexeme, floor_score, floor_pub, floor_key, weights)
        SELECT DISTINCT ON (lexeme) lexeme, score, pub, key, %s FROM {LISTS}
        ORDER BY lexeme, score, pub, key DESC
        """,
        [weights],
    )


def written(cursor, keys: list[str], *, weights: str) -> None:
    """After these documents were (re)written in the engine's table: their
    entries as they rank now, where they rank at or before a floor."""
    lock(cursor)
    # A list of other weights misses this write: it must not be read again
    # (were those weights to come back) until the next refresh.
    cursor.execute(f"DELETE FROM {FLOORS} WHERE weights <> %s", [weights])
    cursor.execute(f"DELETE FROM {LISTS} WHERE key = ANY(%s)", [keys])
    entry = AT_OR_BEFORE.format(s="s.score", p="s.pub", k="d.key")
    cursor.execute(
        f"""
        INSERT INTO {LISTS} ({COLUMNS})
        SELECT f.lexeme, d.key, s.score, s.pub, d.kind, d.status, d.year,
            d.owner, d.programme, d.themes
        FROM {DOCUMENTS} d
        CROSS JOIN LATERAL unnest(d.tsv) u
        JOIN {FLOORS} f ON f.lexeme = u.lexeme
        CROSS JOIN LATERAL (
            SELECT {rank_of(weights, "d.tsv", "f.lexeme")} AS score,
                coalesce(d.published_at, '-infinity') AS pub
        ) s
        WHERE d.key = ANY(%s) AND f.weights = %s AND {entry}
        """,
        [keys, weights],
    )


def forget(cursor, keys: list[str] | None = None) -> None:
    """These documents' entries (None: every list) are gone with them."""
    lock(cursor)
    if keys is None:
        cursor.execute(f"DELETE FROM {LISTS}")
        cursor.execute(f"DELETE FROM {FLOORS}")
    else:
        cursor.execute(f"DELETE FROM {LISTS} WHERE key = ANY(%s)", [keys])


def single_term_page(
    cursor,
    lexeme: str,
    *,
    weights: str,
    where: str,
    params: list,
    offset: int,
    limit: int,
) -> list[str] | None:
    """The page of a query of this one term, ranked by `ts_rank` alone,
    filtered by `where` (over the facet columns and key): from its list, or
    None when the list cannot prove the page (no list, too few entries)."""
    if not PLAIN_TERM.fullmatch(lexeme):
        return None
    entry = AT_OR_BEFORE.format(s="l.score", p="l.pub", k="l.key")
    wanted = offset + limit
    cursor.execute(
        f"""
        SELECT l.key FROM {FLOORS} f JOIN {LISTS} l ON l.lexeme = f.lexeme
        WHERE f.lexeme = %s AND f.weights = %s AND {entry} AND {where}
        ORDER BY l.score DESC, l.pub DESC, l.key
        LIMIT %s
        """,
        [lexeme, weights, *params, wanted],
    )
    keys = [row[0] for row in cursor.fetchall()]
    if len(keys) < wanted:
        return None
    return keys[offset:]


def any_term_page(
    cursor,
    operands: set[str],
    *,
    weights: str,
    rank: str,
    rank_params: list,
    where: str,
    params: list,
    filter_where: str,
    filter_params: list,
    bonus: float,
    offset: int,
    limit: int,
) -> list[str] | None:
    """The page of a query whose `ts_rank` is the mean of its operands'
    scores (`calc_rank_or`: a tsquery of alternatives), times at most
    `bonus`; None when the lists cannot prove it.

    A document's rank is at most the sum of its operands' highest scores
    over their number. Ranked first: the documents holding two or more
    operands (few: the top of such a query) and those holding an operand
    without a list (fewer than LIST_SIZE). Any other holds one broad operand
    only, so it ranks at most that operand's best score (its list's first
    entry) over their number; when the page's last candidate ranks above
    every such bound, the page is proved. If not, the lists' entries join
    the candidates, and one outside them is after its operand's floor."""
    terms = sorted(operands)
    if not terms or not all(PLAIN_TERM.fullmatch(t) for t in terms):
        return None
    entry = AT_OR_BEFORE.format(s="l.score", p="l.pub", k="l.key")
    cursor.execute(
        f"""
        SELECT f.lexeme, f.floor_score, coalesce((
            SELECT l.score FROM {LISTS} l WHERE l.lexeme = f.lexeme AND {entry}
            ORDER BY l.score DESC LIMIT 1), f.floor_score)
        FROM {FLOORS} f WHERE f.lexeme = ANY(%s) AND f.weights = %s
        """,
        [terms, weights],
    )
    lists = {lexeme: (floor, best) for lexeme, floor, best in cursor.fetchall()}
    if not lists:
        return None
    pairs = [f"{a} & {b}" for i, a in enumerate(terms) for b in terms[i + 1 :]]
    held = [t for t in terms if t not in lists]
    if len(terms) > MAX_PAIRED:  # too many pairs: a bound by the floors only
        pairs = []
    held_query = "(" + ") | (".join(held + pairs) + ")" if held or pairs else ""
    held_rows = (
        f"""SELECT key, published_at, {rank} AS rank FROM {DOCUMENTS}
            WHERE {where} AND tsv @@ to_tsquery('simple', %s)"""
        if held_query
        else ""
    )
    held_params = [*rank_params, *params, held_query] if held_query else []
    wanted = offset + limit
    # float4 sums in another order than ours: a margin far above their error.
    margin = bonus * (1 + 1e-5) / len(terms)
    if pairs:
        bound = max(best for _, best in lists.values()) * margin
        keys = _proved(cursor, held_rows, held_params, wanted, bound)
        if keys is not None:
            return keys[offset:]
    floors = [floor for floor, _ in lists.values()]
    bound = (max(floors) if pairs else sum(floors)) * margin
    listed_rows = f"""
        SELECT key, published_at, {rank} AS rank FROM {DOCUMENTS}
        WHERE {where} AND key IN (
            SELECT l.key FROM {FLOORS} f JOIN {LISTS} l ON l.lexeme = f.lexeme
            WHERE f.lexeme = ANY(%s) AND f.weights = %s AND {entry}
                AND {filter_where}
        )"""
    listed_params = [*rank_params, *params, sorted(lists), weights, *filter_params]
    keys = _proved(
        cursor,
        f"{listed_rows} UNION {held_rows}" if held_rows else listed_rows,
        listed_params + held_params,
        wanted,
        bound,
    )
    return None if keys is None else keys[offset:]


def _proved(
    cursor, candidates: str, params: list, wanted: int, bound: float
) -> list[str] | None:
    """The first `wanted` candidates in the order hits are shown, when the
    last of them ranks above `bound` (what any other document can reach)."""
    cursor.execute(
        f"""
        SELECT key, rank FROM ({candidates}) c
        ORDER BY rank DESC, published_at DESC NULLS LAST, key LIMIT %s
        """,
        [*params, wanted],
    )
    rows = cursor.fetchall()
    if not rows or len(rows) < wanted or not rows[-1][1] > bound:
        return None
    return [key for key, _ in rows]


def prune_orphans(connection) -> None:
    """After a migrate or a `flush` (which empties the model tables, not these
    two): entries whose document is gone, and floors left without entries.
    What is left keeps the lists' invariant; an empty list means the full
    ranking until the next refresh."""
    if connection.vendor != "postgresql":
        return
    if LISTS not in connection.introspection.table_names():
        return  # migrated back before the lists
    with connection.cursor() as cursor:
        lock(cursor, exclusive=True)
        cursor.execute(
            f"DELETE FROM {LISTS} l WHERE NOT EXISTS"
            f" (SELECT FROM {DOCUMENTS} d WHERE d.key = l.key)"
        )
        cursor.execute(
            f"DELETE FROM {FLOORS} f WHERE NOT EXISTS"
            f" (SELECT FROM {LISTS} l WHERE l.lexeme = f.lexeme)"
        )
