"""`manage.py search_check` finds every way the search can disagree with the
public content, and `--repair` mends them; the outbox is applied by a drain,
by an import, and when a server starts."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Page

from almenhub.importer.services import import_paths, programme_get_or_create_default
from almenhub.search.engines import get_engine
from almenhub.search.models import PendingIndexChange, SearchDocument
from almenhub.search.selectors import search
from almenhub.search.services import (
    deferred_indexing,
    search_outbox_drain,
    search_outbox_drain_at_start,
    search_rebuild,
)

from .conftest import add_page

pytestmark = pytest.mark.django_db


def check(*args: str) -> tuple[bool, str]:
    out = StringIO()
    try:
        call_command("search_check", *args, stdout=out)
    except CommandError as error:
        return False, out.getvalue() + str(error)
    return True, out.getvalue()


def titles(query: str) -> list[str]:
    return sorted(hit.document.title for hit in search(query).hits)


def test_check_reports_each_drift_and_repair_mends_it(indexed, engine_name):
    agrees, report = check()
    assert agrees, report
    assert "stemmer med det offentlige indhold" in report

    lost, changed, unindexed, unpublished, orphaned = indexed
    # A document lost (as after a crash before the index update) ...
    SearchDocument.objects.filter(key=f"project:{lost.pk}").delete()
    get_engine().delete([f"project:{lost.pk}"])
    # ... one left with old text (the page changed behind the index's back) ...
    type(changed).objects.filter(pk=changed.pk).update(title="Budget med eddike")
    # ... one the engine lost, one of a page no longer live ...
    get_engine().delete([f"project:{unindexed.pk}"])
    Page.objects.filter(pk=unpublished.pk).update(live=False)
    # ... and one in the engine alone.
    SearchDocument.objects.filter(key=f"project:{orphaned.pk}").delete()

    agrees, report = check()
    assert not agrees
    for line in (
        f"Offentligt indhold uden søgedokument: 2 (project:{lost.pk}, "
        f"project:{orphaned.pk})",
        f"Søgedokumenter uden offentligt indhold: 1 (project:{unpublished.pk})",
        f"Søgedokumenter med forældet indhold: 1 (project:{changed.pk})",
        f"Søgedokumenter, som søgemaskinen mangler: 1 (project:{unindexed.pk})",
        f"Dokumenter i søgemaskinen uden søgedokument: 1 (project:{orphaned.pk})",
        "Kør med --repair",
    ):
        assert line in report, report

    agrees, report = check("--repair")
    assert agrees, report
    assert "Rettet: Søgedokumenter med forældet indhold: 1" in report
    assert titles("eddike") == ["Budget med eddike"]
    assert titles("snerydning") == []
    assert titles("svanemærkede") == ["Trappevask med grønne midler"]
    assert titles("plejeplaner") == ["Grønneområder i byen"]
    assert titles("biodiversiteten") == ["Vild eng i stedet for græsslåning"]
    assert check()[0]


def test_deferred_changes_wait_in_the_outbox_until_drained(programme, engine_name):
    search_rebuild()  # from agreement (the fixture's programme was never indexed)
    with pytest.raises(RuntimeError), deferred_indexing():
        page = add_page(programme, {"title": "Faskiner i gården"}, "outbox-1")
        assert PendingIndexChange.objects.filter(object_id=page.pk).exists()
        raise RuntimeError("the import died before its index update")
    # Dead before the drain: out of the search, and the check says why.
    assert titles("faskiner") == []
    agrees, report = check()
    assert not agrees
    assert "Ventende ændringer i køen: 1" in report

    assert search_outbox_drain() == 1
    assert titles("faskiner") == ["Faskiner i gården"]
    assert not PendingIndexChange.objects.exists()
    assert check()[0]


def test_a_server_start_drains_the_outbox(programme, engine_name):
    page = add_page(programme, {"title": "Regnbede ved blokken"}, "outbox-2")
    SearchDocument.objects.all().delete()
    get_engine().clear()
    PendingIndexChange.objects.create(kind="project", object_id=page.pk)
    PendingIndexChange.objects.create(kind="project", object_id=10**9)  # deleted

    search_outbox_drain_at_start()

    assert titles("regnbede") == ["Regnbede ved blokken"]
    assert not PendingIndexChange.objects.exists()


def test_the_importers_default_programme_is_found(tmp_path, home_page, engine_name):
    (tmp_path / "side.txt").write_text(
        "• Drift og administration Digitalisering\n\nDigital driftsjournal\n\n"
        "Opgaver på telefonen.\n\nOm projektet\n\nEt lille forsøg.\n",
        encoding="utf-8",
    )
    summary = import_paths(paths=[tmp_path])
    assert summary.created == 1
    programme = programme_get_or_create_default()
    hits = search("importerede projekter").hits
    # The programme first, then the project filed under its name.
    assert [hit.document.key for hit in hits][:1] == [f"programme:{programme.pk}"]
    assert [hit.document.title for hit in hits][1:] == ["Digital driftsjournal"]
    assert titles("driftsjournal") == ["Digital driftsjournal"]
    assert check()[0]
