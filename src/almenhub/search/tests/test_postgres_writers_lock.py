"""A rebuild and a writer of the search's rows at the same time: the
PostgreSQL engine's top lists are rebuilt alone (an exclusive advisory lock),
while every writer holds the lock shared. Were a rebuild to ask for the lock
only after it had deleted the rows, a writer that already holds it shared and
then writes one of those rows would wait for the rebuild, and the rebuild for
the writer: PostgreSQL would abort one of them with a deadlock."""

from __future__ import annotations

import threading

import pytest
from django.core.management import call_command
from django.db import connection, connections, transaction

from almenhub.search import services
from almenhub.search.engines import get_engine, pg_toplists
from almenhub.search.engines.base import EngineQuery, IndexedDocument, SearchFilters
from almenhub.search.models import PostgresDocument, SearchDocument
from almenhub.search.planner import Alternative, QueryPlan, TermGroup
from almenhub.search.services import search_index_objects, search_rebuild

from .conftest import add_page
from .test_postgres_top_lists import lexeme

pytestmark = [
    pytest.mark.isolated,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="the PostgreSQL engine's lock"
    ),
]


def test_a_rebuild_beside_a_writer_neither_deadlocks_nor_loses_the_write(
    programme, monkeypatch
):
    page = add_page(programme, {"title": "Trappevask", "body": "Opgange"}, "lock-1")
    other = add_page(programme, {"title": "Græsslåning", "body": "Plæner"}, "lock-2")
    search_rebuild()
    writer_holds, rows_deleted = threading.Event(), threading.Event()
    errors: list[BaseException] = []
    reindex = services.engine_reindex_from_table

    def reindex_after_the_rows_are_gone(*args, **kwargs):
        rows_deleted.set()  # the rebuild now holds every row it deleted
        threading.Event().wait(0.5)  # time for the writer to reach a row
        return reindex(*args, **kwargs)

    monkeypatch.setattr(
        services, "engine_reindex_from_table", reindex_after_the_rows_are_gone
    )

    def writer():
        try:
            with transaction.atomic():
                services.search_remove_keys([f"project:{other.pk}"])
                writer_holds.set()
                # A rebuild that locks first waits for this transaction
                # instead, and never deletes the rows while it is open.
                rows_deleted.wait(2)
                page.title = "Trappevask med grønne midler"
                search_index_objects([page])
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connections.close_all()

    thread = threading.Thread(target=writer)
    thread.start()
    assert writer_holds.wait(10)
    try:
        search_rebuild()
    except BaseException as error:  # noqa: BLE001 - reported below
        errors.append(error)
    thread.join(30)
    assert not thread.is_alive()
    assert errors == []
    # The rebuild came after the writer: it indexes the content as it is.
    assert set(SearchDocument.objects.values_list("key", flat=True)) >= {
        f"project:{page.pk}",
        f"project:{other.pk}",
    }


def _document(key: str, body: str) -> IndexedDocument:
    return IndexedDocument(
        key=key, kind="project", title="", teaser="", body=body, names="",
        owner_name="", context="", parts="", themes=[], status="", year=None,
        owner="", programme="", published=0,
    )  # fmt: skip


def _list_rows() -> tuple[int, int]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {pg_toplists.LISTS}")
        entries = cursor.fetchone()[0]
        cursor.execute(f"SELECT count(*) FROM {pg_toplists.FLOORS}")
        return entries, cursor.fetchone()[0]


def test_flush_leaves_no_list_entries_of_the_documents_it_emptied(monkeypatch):
    """`flush` empties the model tables; the lists' two tables are no models,
    so the search's post-migrate step (which `flush` ends with) prunes them."""
    monkeypatch.setattr(pg_toplists, "LIST_SIZE", 3)
    engine = get_engine("postgres")
    engine.replace_all([_document(f"k:{n}", "kommune beboere") for n in range(5)])
    assert _list_rows() == (6, 2)  # "kommune" and "beboere", 3 entries each
    call_command("flush", interactive=False, verbosity=0)
    assert _list_rows() == (0, 0)
    # A document written afterwards is found, and is the one hit.
    engine.index_documents([_document("k:new", "kommune")])
    plan = QueryPlan(groups=[TermGroup("kommune", [Alternative((lexeme("kommune"),))])])
    found = engine.run(EngineQuery(plan, SearchFilters(), offset=0, limit=3))
    assert found.keys == ["k:new"]


def _listed_keys() -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT DISTINCT key FROM {pg_toplists.LISTS}")
        return {key for (key,) in cursor.fetchall()}


def test_a_migrate_keeps_the_entries_of_documents_that_are_there(monkeypatch):
    monkeypatch.setattr(pg_toplists, "LIST_SIZE", 3)
    engine = get_engine("postgres")
    engine.replace_all([_document(f"k:{n}", "kommune beboere") for n in range(5)])
    before = _listed_keys()
    assert "k:0" in before and len(before) == 3
    with connection.cursor() as cursor:  # a document gone, its entries left
        table = PostgresDocument._meta.db_table
        cursor.execute(f"DELETE FROM {table} WHERE key = 'k:0'")
    call_command("migrate", verbosity=0)
    assert _listed_keys() == before - {"k:0"}
    assert _list_rows() == (4, 2)
