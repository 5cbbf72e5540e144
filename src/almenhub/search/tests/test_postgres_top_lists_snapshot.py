"""A page of alternatives read from the PostgreSQL engine's top lists takes
several statements (the lists' bounds, then the candidates); a write another
process commits between them must not mix two states of the index, or the
page is neither the ranking before the write nor after it."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections

from almenhub.search.engines import get_engine, pg_toplists
from almenhub.search.engines.base import EngineQuery, IndexedDocument, SearchFilters
from almenhub.search.planner import Alternative, QueryPlan, TermGroup
from almenhub.search.tests.test_postgres_top_lists import lexeme

pytestmark = [
    pytest.mark.isolated,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="the PostgreSQL engine's lists"
    ),
]


def document(key: str, *, title: str = "", body: str = "") -> IndexedDocument:
    return IndexedDocument(
        key=key, kind="project", title=title, teaser="", body=body, names="",
        owner_name="", context="", parts="", themes=[], status="", year=None,
        owner="", programme="", published=0,
    )  # fmt: skip


def test_a_write_committed_while_a_page_is_proved_is_not_half_seen(monkeypatch):
    monkeypatch.setattr(pg_toplists, "LIST_SIZE", 3)
    engine = get_engine("postgres")
    corpus = [document(f"p:{n}", body="kommune beboere") for n in range(4)]
    corpus += [document(f"s:{n}", body="kommune") for n in range(6)]
    corpus += [document(f"b:{n}", body="beboere") for n in range(6)]
    engine.replace_all(corpus)
    plan = QueryPlan(
        groups=[
            TermGroup(word, [Alternative((lexeme(word),))])
            for word in ("kommune", "beboere")
        ]
    )
    query = EngineQuery(
        plan, SearchFilters(), offset=0, limit=3, count=False, match_all=False
    )
    answered = []
    inner_page = pg_toplists.any_term_page

    def answering(*args, **kwargs):
        keys = inner_page(*args, **kwargs)
        answered.append(keys is not None)
        return keys

    monkeypatch.setattr(pg_toplists, "any_term_page", answering)
    before = engine.run(query).keys
    # p:0 ranks first before (a tie of four, broken by the key) and after
    # (it holds "kommune" three times in its title, "beboere" no more).
    rewritten = document("p:0", title="kommune kommune kommune")

    def write_elsewhere() -> None:
        try:
            engine.index_documents([rewritten])
        finally:
            connections.close_all()

    inner_proved = pg_toplists._proved
    writes = []

    def proved_after_a_commit(*args, **kwargs):
        if not writes:  # another process commits after the lists were read
            writer = threading.Thread(target=write_elsewhere)
            writer.start()
            writer.join()
            writes.append(writer)
        return inner_proved(*args, **kwargs)

    monkeypatch.setattr(pg_toplists, "_proved", proved_after_a_commit)
    during = engine.run(query).keys
    monkeypatch.setattr(pg_toplists, "_proved", inner_proved)
    assert writes and answered == [True, True]
    with monkeypatch.context() as patch:
        patch.setattr(pg_toplists, "any_term_page", lambda *a, **k: None)
        after = engine.run(query).keys
    assert before[0] == after[0] == "p:0"
    assert during in (before, after)
