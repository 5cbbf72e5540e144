"""Publishing, unpublishing, editing, moving and deleting update the search
at once; the rebuild command and a broken embedded index recover it."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from almenhub.projects.factories import programme_create, project_create
from almenhub.search import engines
from almenhub.search.models import SearchDocument
from almenhub.search.selectors import search

pytestmark = pytest.mark.django_db


def found(query: str) -> list[str]:
    return [hit.document.title for hit in search(query).hits]


def test_publish_edit_unpublish_and_delete(programme):
    page = project_create(
        programme=programme,
        title="Solceller på taget",
        slug="solceller",
        teaser="Grøn strøm.",
    )
    assert found("solceller") == ["Solceller på taget"]

    page.title = "Solceller og varmepumper"
    page.save_revision().publish()
    assert found("varmepumper") == ["Solceller og varmepumper"]
    assert found("taget") == []

    page.unpublish()
    assert found("solceller") == []

    page.save_revision().publish()
    assert found("solceller") == ["Solceller og varmepumper"]
    page.delete()
    assert found("solceller") == []
    assert not SearchDocument.objects.exists()


def test_move_updates_urls(home_page, programme):
    page = project_create(programme=programme, title="Fælles vaskeri", slug="vaskeri")
    other = programme_create(parent=home_page, title="Andet program", slug="andet")
    page.move(other, pos="last-child")
    hit = search("vaskeri").hits[0]
    assert hit.document.url == "/andet/vaskeri/"
    assert hit.document.programme == str(other.pk)


def test_rebuild_command(extra_pages):
    SearchDocument.objects.all().delete()
    engines.get_engine().clear()
    assert search("snerydning").total == 0
    call_command("rebuild_search_index", verbosity=0)
    assert found("snerydning") == ["Elektrisk snerydning"]


def test_missing_or_corrupt_embedded_index_is_rebuilt(extra_pages, settings, client):
    settings.ALMENHUB_SEARCH_ENGINE = "embedded"
    engines.get_engine().index  # noqa: B018  (opened, as a running server would)
    path = settings.ALMENHUB_SEARCH_INDEX_DIR
    for file in path.iterdir():
        if file.is_file():
            file.write_bytes(b"\x00garbage")
    engines._engines.clear()  # a new process starting on the broken folder
    response = client.get("/soeg/", {"q": "snerydning"})
    assert response.status_code == 200
    assert found("snerydning") == ["Elektrisk snerydning"]

    import shutil

    shutil.rmtree(path)
    engines._engines.clear()
    assert found("snerydning") == ["Elektrisk snerydning"]


def test_related_projects_computed_from_content(client, extra_pages):
    meadow = next(p for p in extra_pages if p.title.startswith("Vild eng"))
    related = meadow.get_related_projects()
    assert related, "expected related projects from shared words"
    assert meadow not in related
