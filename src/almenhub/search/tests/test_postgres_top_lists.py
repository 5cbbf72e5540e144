"""The PostgreSQL engine's kept top lists (engines/pg_toplists.py) give a
broad term's pages in exactly the order of ranking every match: on a corpus
of broad terms with ties, undated pages, filters, several pages of hits,
and after writes and deletes that the lists follow without a rebuild."""

from __future__ import annotations

import random

import pytest
from django.db import connection

from almenhub.search.engines import get_engine, pg_toplists
from almenhub.search.engines.base import EngineQuery, IndexedDocument, SearchFilters
from almenhub.search.engines.postgres import stemmed_once
from almenhub.search.planner import Alternative, QueryPlan, TermGroup
from almenhub.worker.scheduling import jobs

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="the PostgreSQL engine's lists"
    ),
]

WORDS = ["kommune", "driftschef", "beboere", "regnvand", "skybrud", "trappevask"]
STATUSES = ["planned", "ongoing", "finished"]


def document(rng: random.Random, n: int) -> IndexedDocument:
    def some(k: int) -> str:
        return " ".join(rng.choices(WORDS, k=rng.randint(0, k)))

    return IndexedDocument(
        key=f"project:{n}",
        kind=rng.choice(["project", "example"]),
        title=some(2),
        teaser=some(2),
        body=some(6) + " kommune",
        names="Driftschef" if rng.random() < 0.9 else "",
        owner_name="",
        context=some(1),
        parts="",
        themes=rng.sample(["natur", "drift", "energi"], rng.randint(0, 2)),
        status=rng.choice(STATUSES),
        year=rng.choice([2020, 2021, None]),
        owner=rng.choice(["1", "2", ""]),
        programme="",
        # Equal and missing dates: the order's later keys decide.
        published=rng.choice([0, 1_600_000_000_000, 1_700_000_000_000 + n]),
    )


def lexeme(word: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_tsvector('danish', %s)::text", [stemmed_once(word)])
        return cursor.fetchone()[0].split(":")[0].strip("'")


def one_term(word: str) -> QueryPlan:
    return QueryPlan(groups=[TermGroup(word, [Alternative((lexeme(word),))])])


def alternatives(*words: str) -> QueryPlan:
    """The first word as typed, the others as a synonym's or typo's
    alternatives (weight below 1: the as-typed bonus applies)."""
    first, *others = words
    found = [Alternative((lexeme(first),))]
    found += [Alternative((lexeme(w),), weight=0.8) for w in others]
    return QueryPlan(groups=[TermGroup(first, found)])


def any_of(*words: str) -> QueryPlan:
    return QueryPlan(groups=[TermGroup(w, [Alternative((lexeme(w),))]) for w in words])


def queries() -> list[tuple[QueryPlan, bool]]:
    """(plan, match_all): single terms, alternatives, any of several words,
    and words that must all match (ranked by distance: never from lists)."""
    single = [(one_term(word), True) for word in WORDS]
    return single + [
        (alternatives("skybrud", "kommune"), True),
        (alternatives("regnvand", "driftschef", "trappevask"), True),
        (any_of("kommune", "beboere"), False),
        (any_of(*WORDS[:5]), False),  # more operands than are paired
        (any_of("kommune", "driftschef"), True),
    ]


FILTERS = [
    SearchFilters(),
    SearchFilters(status="finished"),
    SearchFilters(kind="example", owner="1"),
    SearchFilters(theme="natur"),
    SearchFilters(year=2021, status="ongoing"),
    SearchFilters(exclude_keys=("project:3", "project:7")),
]


def pages(engine, plan: QueryPlan, match_all: bool, *, count: bool) -> list:
    """Every (filter, offset) page of the query."""
    answers = []
    for filters in FILTERS:
        for offset in (0, 5, 15):
            query = EngineQuery(
                plan, filters, offset=offset, limit=5, count=count, match_all=match_all
            )
            result = engine.run(query)
            answers.append((result.keys, result.total, result.facets))
    return answers


def full_ranking(engine, plan, match_all, *, count: bool, monkeypatch) -> list:
    with monkeypatch.context() as patch:
        patch.setattr(pg_toplists, "single_term_page", lambda *a, **k: None)
        patch.setattr(pg_toplists, "any_term_page", lambda *a, **k: None)
        return pages(engine, plan, match_all, count=count)


def count_answers(monkeypatch) -> dict[str, int]:
    """How many pages each way of the lists answered (proved)."""
    answered = {"single_term_page": 0, "any_term_page": 0}
    for name in answered:
        inner = getattr(pg_toplists, name)

        def counted(*args, _inner=inner, _name=name, **kwargs):
            keys = _inner(*args, **kwargs)
            answered[_name] += keys is not None
            return keys

        monkeypatch.setattr(pg_toplists, name, counted)
    return answered


def test_a_broad_terms_pages_from_its_list_are_the_pages_of_the_full_ranking(
    monkeypatch,
):
    monkeypatch.setattr(pg_toplists, "LIST_SIZE", 12)
    rng = random.Random(19)
    engine = get_engine("postgres")
    engine.replace_all([document(rng, n) for n in range(80)])

    answered = count_answers(monkeypatch)

    def check(expect_listed: bool) -> None:
        before = dict(answered)
        for plan, match_all in queries():
            for count in (False, True):
                answers = pages(engine, plan, match_all, count=count)
                full = full_ranking(
                    engine, plan, match_all, count=count, monkeypatch=monkeypatch
                )
                assert answers == full, (plan, match_all, count)
        # Both ways of the lists answered pages (the full ranking the others).
        used = {name: answered[name] - before[name] for name in answered}
        assert all(used.values()) if expect_listed else not any(used.values())

    check(expect_listed=True)
    # Writes after the lists were built: new pages that rank first and
    # last, rewritten pages (other words, other facets), deleted pages.
    engine.index_documents([document(rng, n) for n in range(70, 110)])
    engine.index_documents(
        [
            IndexedDocument(
                **{
                    **document(rng, n).__dict__,
                    "title": "kommune kommune driftschef",
                    "names": "Driftschef kommune",
                }
            )
            for n in (5, 200)
        ]
    )
    engine.delete([f"project:{n}" for n in range(0, 80, 3)])
    check(expect_listed=True)
    # A list built under other weights is not read.
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {pg_toplists.FLOORS} SET weights = 'other'")
    check(expect_listed=False)
    # A write under today's weights retires those lists for good (they miss
    # it): none is read even were the old weights to come back.
    engine.index_documents([document(rng, 300)])
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {pg_toplists.FLOORS}")
        assert cursor.fetchone()[0] == 0


def floors(cursor) -> set[str]:
    cursor.execute(f"SELECT lexeme FROM {pg_toplists.FLOORS}")
    return {row[0] for row in cursor.fetchall()}


def test_the_daily_job_gives_a_term_that_became_broad_its_list(monkeypatch):
    monkeypatch.setattr(pg_toplists, "LIST_SIZE", 12)
    rng = random.Random(28)
    engine = get_engine("postgres")
    engine.replace_all([document(rng, n) for n in range(40)])
    with connection.cursor() as cursor:
        assert lexeme("kommune") in floors(cursor)
        assert lexeme("græsslåning") not in floors(cursor)
        grass = [
            IndexedDocument(
                **{**document(rng, n).__dict__, "body": "græsslåning på engen"}
            )
            for n in range(100, 120)
        ]
        engine.index_documents(grass)
        assert lexeme("græsslåning") not in floors(cursor)
        assert jobs()["search.top_lists_refresh"].function().endswith("brede ord")
        assert lexeme("græsslåning") in floors(cursor)
    plan = one_term("græsslåning")
    assert pages(engine, plan, True, count=True) == full_ranking(
        engine, plan, True, count=True, monkeypatch=monkeypatch
    )
