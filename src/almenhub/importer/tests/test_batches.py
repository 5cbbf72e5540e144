"""Many pages at once: what the importer's batches (one transaction each, a
savepoint per page, lookups and tree positions kept for the batch) must leave
behind is the same as page-by-page writing would."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import DatabaseError, connection
from django.test.utils import CaptureQueriesContext
from modelsearch.backends import get_search_backends
from wagtail.models import Page, PageLogEntry, ReferenceIndex, Revision
from wagtail.search.models import IndexEntry

from almenhub.core.pages.indexing import DeferredIndexes
from almenhub.core.pages.references import reference_index_update
from almenhub.core.tests.references import reference_rows
from almenhub.importer import batches as importer
from almenhub.importer.services import ERROR, import_paths
from almenhub.organisations.models import Organisation
from almenhub.people.models import Person
from almenhub.projects.models import ProjectPage
from almenhub.publications.models import PublicationPage
from almenhub.search.drift import search_drift_find
from almenhub.search.models import SearchDocument
from almenhub.search.selectors import search
from almenhub.taxonomy.models import Theme

pytestmark = pytest.mark.django_db

THEMES = [
    ("Drift og administration", "Drift og vedligehold"),
    ("Energi, klima og miljø", "Natur og biodiversitet"),
    ("Beboere og fællesskab", "Tryghed og trivsel"),
]
OWNERS = ["AlmenNet", "KAB", "Lejerbo"]


def page_text(
    i: int,
    *,
    title: str | None = None,
    report: str | None = None,
    phone: str = "33762071",
) -> str:
    """An old-site page in the seed's layout; every third names one report."""
    parent, child = THEMES[i % len(THEMES)]
    lines = [
        f"• {parent} {child}",
        "",
        title or f"Projekt nummer {i}",
        "",
        f"Et forsøg med markering{i} i driften.",
        "",
        "Status",
        "",
        "I gang",
        "",
        "Projektejer",
        "",
        OWNERS[i % len(OWNERS)],
        "",
        "Kontaktperson",
        "",
        f"Person Nummer{i % 4}",
        "",
        "Projektleder",
        "",
        f"person{i % 4}@almennet.dk",
        "",
        phone,
        "",
        "Om projektet",
        "",
        f"Afdelingen prøvede snerydning og græsslåning{i} med beboerne.",
        "",
    ]
    if report or i % 3 == 0:
        lines += [
            "Projektet indeholder",
            "",
            f"AlmenRapport: {report or f'Rapport om driften {i}'}",
            "",
            "En samling erfaringer.",
            "",
        ]
    return "\n".join(lines)


def write_pages(folder: Path, count: int, pages: dict[int, dict] | None = None) -> Path:
    for i in range(count):
        text = page_text(i, **(pages or {}).get(i, {}))
        (folder / f"{i:03d}.txt").write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def small_batches(monkeypatch):
    """Batches of three, so that a dozen pages cross several batches."""
    monkeypatch.setattr(importer, "BATCH_SIZE", 3)


def selects_where(queries: CaptureQueriesContext, table: str, column: str) -> list:
    """The SELECTs of `table` that filter on its `column`."""
    return [
        sql
        for q in queries.captured_queries
        if (sql := q["sql"]).startswith("SELECT")
        and f'FROM "{table}"' in sql
        and "WHERE" in sql
        and f'"{table}"."{column}"' in sql.split("WHERE", 1)[1]
    ]


def assert_no_search_drift(programme) -> None:
    """The hub's search documents are the ones the stored objects give (but
    for the fixture's programme, added to the tree without being published)."""
    drift = search_drift_find()
    problems = [
        key
        for name, _ in drift.LABELS
        for key in getattr(drift, name)
        if key != f"programme:{programme.pk}"
    ]
    assert (problems, drift.pending) == ([], 0)


def wagtail_entries(pages: list[ProjectPage]) -> dict[str, tuple]:
    """Wagtail's search entries of the pages (project pages' entries alone:
    another model's object with the same key has an entry of its own)."""
    return {
        e.object_id: (e.title, e.autocomplete, e.body)
        for e in IndexEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(ProjectPage),
            object_id__in=[str(p.pk) for p in pages],
        )
    }


def assert_wagtail_entries_are_wagtails_own(pages: list[ProjectPage]) -> dict:
    """The pages' entries in Wagtail's search are those Wagtail's own indexing
    of the stored pages writes; returns them."""
    imported = wagtail_entries(pages)
    IndexEntry.objects.all().delete()
    for backend in get_search_backends(with_auto_update=True):
        backend.add_bulk(ProjectPage, pages)
    assert wagtail_entries(pages) == imported
    return imported


def assert_references_are_wagtails_own() -> None:
    """The imported pages', publications' and people's rows of Wagtail's
    reference index are those Wagtail's own `create_or_update_for_object`
    writes for them as stored."""
    objects = [
        *ProjectPage.objects.all(),
        *PublicationPage.objects.all(),
        *Person.objects.all(),
    ]
    batched = set(reference_rows())
    assert any(r[5] == "contacts.item.person" for r in batched)
    for obj in objects:
        ReferenceIndex.remove_for_object(obj)
    assert set(reference_rows()) < batched
    for obj in objects:
        ReferenceIndex.create_or_update_for_object(obj)
    assert set(reference_rows()) == batched


def import_seven_pages(folder: Path, programme) -> CaptureQueriesContext:
    """Seven new pages imported (in batches of three with `small_batches`);
    returns the queries it made."""
    write_pages(folder, 7)
    with CaptureQueriesContext(connection) as queries:
        summary = import_paths(paths=[folder], programme=programme, exclusive=True)
    assert (summary.created, summary.errors) == (7, 0)
    return queries


def assert_valid_tree(programme) -> None:
    """The checks Wagtail's own `fixtree` makes, and the programme's children
    placed and addressed as `add_child` would have."""
    assert Page.find_problems() == ([], [], [], [], [])
    programme.refresh_from_db()
    children = list(programme.get_children())
    assert programme.numchild == len(children)
    assert len({c.slug for c in children}) == len(children)
    for child in children:
        assert child.depth == programme.depth + 1
        assert child.url_path == f"{programme.url_path}{child.slug}/"
        assert child.live


def test_a_batched_import_leaves_proper_wagtail_pages(
    tmp_path, import_programme, small_batches
):
    write_pages(tmp_path, 11)

    summary = import_paths(paths=[tmp_path], programme=import_programme, exclusive=True)

    assert (summary.found, summary.created, summary.errors) == (11, 11, 0)
    assert_valid_tree(import_programme)
    publications = PublicationPage.objects.all()
    assert publications.count() == 4  # pages 0, 3, 6 and 9
    index = publications.first().get_parent()
    assert index.numchild == index.get_children().count() == 4
    for publication in publications:
        assert publication.url_path == f"{index.url_path}{publication.slug}/"

    pages = list(ProjectPage.objects.order_by("pk"))
    for page in [*pages, *publications]:
        # Logged as Wagtail logs a new page, and shown in Wagtail's own search.
        (entry,) = PageLogEntry.objects.filter(page=page)
        assert (entry.action, entry.label, entry.content_changed) == (
            "wagtail.create",
            page.title,
            True,
        )
        assert entry.content_type.model_class() is type(page)
        assert IndexEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(type(page)),
            object_id=str(page.pk),
        ).exists()
    # Relations in the order of the page, written with one insert each.
    assert [c.person.name for c in pages[4].contacts.all()] == ["Person Nummer0"]
    assert pages[3].deliverables.get().publication.title == "Rapport om driften 3"
    assert pages[3] in pages[3].deliverables.get().publication.projects.all()


def test_every_imported_page_is_searchable(tmp_path, import_programme, small_batches):
    write_pages(tmp_path, 7)
    import_paths(paths=[tmp_path], programme=import_programme, exclusive=True)

    pages = list(ProjectPage.objects.all()) + list(PublicationPage.objects.all())
    documents = {d.key: d for d in SearchDocument.objects.all()}
    for page in pages:
        kind = "project" if isinstance(page, ProjectPage) else "publication"
        assert f"{kind}:{page.pk}" in documents
    page = ProjectPage.objects.get(title="Projekt nummer 4")
    document = documents[f"project:{page.pk}"]
    assert document.programme == str(import_programme.pk)
    assert document.owner == str(page.owner_organisation.pk)
    (theme,) = page.themes.all()
    assert document.themes == [theme.slug, theme.parent.slug]
    assert "Person Nummer0" in document.names

    hits = search("markering4").hits
    assert [hit.document.key for hit in hits] == [f"project:{page.pk}"]
    assert search("rapport driften 3").hits[0].document.kind == "publication"


def test_a_failing_page_in_a_batch_leaves_the_others_and_a_valid_tree(
    tmp_path, import_programme, small_batches
):
    # Page 4 fails in the write path (its contact's phone number) after its
    # theme and owner were looked up; page 3 makes a publication that page 5
    # names as well.
    write_pages(
        tmp_path,
        8,
        pages={
            3: {"report": "Fælles rapport"},
            4: {"phone": "3376 207"},
            5: {"report": "Fælles rapport"},
        },
    )

    summary = import_paths(paths=[tmp_path], programme=import_programme)

    assert (summary.created, summary.errors) == (7, 1)
    (failed,) = [r for r in summary.results if r.outcome == ERROR]
    assert "004.txt" in failed.message and "8 cifre" in failed.message
    assert not ProjectPage.objects.filter(title="Projekt nummer 4").exists()
    assert_valid_tree(import_programme)
    (shared,) = PublicationPage.objects.filter(title="Fælles rapport")
    assert {p.title for p in shared.projects.all()} == {
        "Projekt nummer 3",
        "Projekt nummer 5",
    }


def test_rows_rolled_back_with_a_page_are_not_remembered(
    tmp_path, import_programme, search_fails_once
):
    """A page that fails after creating an organisation and a publication is
    rolled back; the next page in the same batch names both again and must
    create them anew, not link to the rows that vanished."""
    for i in range(2):
        text = page_text(0, title=f"Side {i}", report="Samme rapport")
        (tmp_path / f"{i}.txt").write_text(text.replace("AlmenNet", "Ny Forening"))

    summary = import_paths(paths=[tmp_path], programme=import_programme)

    assert (summary.created, summary.errors) == (1, 1)
    page = ProjectPage.objects.get()
    assert page.owner_organisation == Organisation.objects.get(name="Ny Forening")
    publication = page.deliverables.get().publication
    assert publication == PublicationPage.objects.get(title="Samme rapport")
    assert_valid_tree(import_programme)
    # The failed page's log entries (held back to the batch's end) went with
    # it: one "created" entry for each page that is there, and no others.
    logged = list(
        PageLogEntry.objects.filter(action="wagtail.create").values_list(
            "page_id", flat=True
        )
    )
    assert sorted(logged) == sorted(Page.objects.values_list("pk", flat=True)[2:])
    # So did its child rows and links (held back too): the page that stayed
    # has its own and no more, though it may have the failed page's id.
    assert (page.deliverables.count(), page.contacts.count()) == (1, 1)
    assert page.themes.count() == 1 and page.participants.count() == 0


def test_a_batch_that_cannot_be_committed_is_imported_page_by_page(
    tmp_path, import_programme, small_batches, monkeypatch
):
    real_flush = DeferredIndexes.flush
    failures = []

    def flush_failing_once(self):
        if not failures:
            failures.append(True)
            raise DatabaseError("deferred constraint failed")
        return real_flush(self)

    monkeypatch.setattr(DeferredIndexes, "flush", flush_failing_once)
    write_pages(tmp_path, 5)

    summary = import_paths(paths=[tmp_path], programme=import_programme)

    assert failures
    assert (summary.found, summary.created, summary.errors) == (5, 5, 0)
    assert ProjectPage.objects.count() == 5
    assert Person.objects.count() == 4
    assert_valid_tree(import_programme)
    again = import_paths(paths=[tmp_path], programme=import_programme)
    assert again.unchanged == 5


def test_same_titles_get_free_slugs(tmp_path, import_programme, small_batches):
    for i in range(4):
        text = page_text(i, title="Samme titel", report="Samme titel")
        (tmp_path / f"{i}.txt").write_text(text)

    import_paths(paths=[tmp_path], programme=import_programme)

    slugs = sorted(ProjectPage.objects.values_list("slug", flat=True))
    assert slugs == ["samme-titel", "samme-titel-2", "samme-titel-3", "samme-titel-4"]
    assert PublicationPage.objects.get().slug == "samme-titel"
    assert_valid_tree(import_programme)


def test_reference_index_matches_wagtails_own(tmp_path, import_programme):
    write_pages(tmp_path, 6)
    import_paths(paths=[tmp_path], programme=import_programme)

    assert_references_are_wagtails_own()

    # A stale reference goes, as Wagtail's own update would remove it.
    page = ProjectPage.objects.filter(contacts__isnull=False).first()
    page.contacts.all().delete()
    reference_index_update([page])
    assert not ReferenceIndex.objects.filter(
        object_id=str(page.pk), model_path="contacts.item.person"
    ).exists()


def test_people_in_wagtails_search_follow_their_changes(
    tmp_path, import_programme, small_batches
):
    from modelsearch.backends import get_search_backend

    def found(word: str) -> list[str]:
        return [p.name for p in get_search_backend().search(word, Person)]

    write_pages(tmp_path, 5)
    import_paths(paths=[tmp_path], programme=import_programme, exclusive=True)
    assert "Person Nummer1" in found("Projektleder")
    assert found("Driftschef") == []

    # A new page names them with a new job title: Wagtail's search follows.
    text = page_text(5).replace("Projektleder", "Driftschef")
    (tmp_path / "005.txt").write_text(text, encoding="utf-8")
    import_paths(paths=[tmp_path], programme=import_programme, exclusive=True)
    assert Person.objects.get(name="Person Nummer1").job_title == "Driftschef"
    assert found("Driftschef") == ["Person Nummer1"]


def test_batched_pages_are_published_with_one_revision_each(
    tmp_path, import_programme, small_batches, admin_client
):
    # The revisions of a batch's new pages are written at its end: each page
    # points at its own, and the page rolled back (4) leaves none behind.
    write_pages(tmp_path, 8, pages={4: {"phone": "3376 207"}})

    summary = import_paths(paths=[tmp_path], programme=import_programme, exclusive=True)

    assert (summary.created, summary.errors) == (7, 1)
    pages = list(ProjectPage.objects.order_by("pk"))
    revisions = Revision.page_revisions.filter(object_id__in=[str(p.pk) for p in pages])
    assert revisions.count() == len(pages) == 7
    assert Revision.page_revisions.count() == 7
    for page in pages:
        revision = page.latest_revision
        assert revision is not None and page.live_revision_id == revision.pk
        assert revision.object_id == str(page.pk)
        assert revision.content["title"] == page.title
        assert page.latest_revision_created_at == revision.created_at
        assert not page.has_unpublished_changes
    # Wagtail's editor opens the page on that revision.
    response = admin_client.get(f"/admin/pages/{pages[-1].pk}/edit/")
    assert response.status_code == 200
    assert pages[-1].title in response.content.decode()


def test_a_batch_writes_the_search_outbox_once_and_its_drain_reads_no_page_again(
    tmp_path, import_programme, small_batches
):
    # 7 pages in batches of three: three batches, each one insert into the
    # hub's search outbox; the drain after each batch builds the documents
    # from the pages the batch holds (Wagtail's indexes fetched their
    # relations) instead of selecting them again.
    queries = import_seven_pages(tmp_path, import_programme)
    sql = [q["sql"] for q in queries.captured_queries]
    outbox_inserts = [s for s in sql if s.startswith('INSERT INTO "search_pending')]
    assert len(outbox_inserts) == 3
    reread = [
        s
        for s in sql
        if s.startswith("SELECT")
        and 'FROM "projects_projectpage"' in s
        and '"projects_projectpage"."page_ptr_id" IN (' in s
    ]
    assert reread == []
    # And the documents are the ones the pages as stored give (but for the
    # fixture's programme, added to the tree without being published).
    assert_no_search_drift(import_programme)


def test_a_batch_reads_the_taxonomy_once_and_creates_a_child_it_lacks(
    tmp_path, import_programme, small_batches
):
    # Pages 0–5 name three themes the taxonomy has; 6 and 7 name one it
    # lacks (created once, under its parent, and shared by both).
    write_pages(tmp_path, 6)
    for i in (6, 7):
        lines = page_text(i).split("\n")
        lines[0] = "• Drift og administration Vaskerier"
        (tmp_path / f"{i:03d}.txt").write_text("\n".join(lines), encoding="utf-8")
    parent = Theme.objects.get(name="Drift og administration", parent=None)
    assert not parent.children.filter(name="Vaskerier").exists()

    with CaptureQueriesContext(connection) as queries:
        summary = import_paths(
            paths=[tmp_path], programme=import_programme, exclusive=True
        )

    assert (summary.created, summary.errors) == (8, 0)
    # One read of the whole taxonomy per batch, where each theme of each
    # batch cost two (its parent by name, then the parent's children): 8
    # reads of the parents before, now the vocabulary's (before the first
    # batch) and the one of the child it lacks (created by the service).
    reads = [
        sql
        for sql in selects_where(queries, "taxonomy_theme", "parent_id")
        if '"taxonomy_theme"."parent_id" IS NULL' in sql
    ]
    assert len(reads) == 2, reads
    laundries = parent.children.get(name="Vaskerier")
    pages = ProjectPage.objects.filter(
        title__in=["Projekt nummer 6", "Projekt nummer 7"]
    )
    assert [list(p.themes.all()) for p in pages] == [[laundries], [laundries]]
    for i, (parent_name, child_name) in enumerate(THEMES * 2):
        page = ProjectPage.objects.get(title=f"Projekt nummer {i}")
        (theme,) = page.themes.all()
        assert (theme.parent.name, theme.name) == (parent_name, child_name)


def test_imported_pages_are_in_wagtails_search_as_wagtail_indexes_them(
    tmp_path, import_programme, small_batches
):
    # DeferredIndexes reads each search field once (core/pages/indexing.py);
    # the entries are the ones Wagtail's own indexing of the stored pages
    # writes: body stream, owner and themes included.
    write_pages(tmp_path, 5)
    import_paths(paths=[tmp_path], programme=import_programme, exclusive=True)

    pages = list(ProjectPage.objects.order_by("pk"))

    imported = assert_wagtail_entries_are_wagtails_own(pages)
    assert len(imported) == 5
    assert "græsslåning2" in imported[str(pages[2].pk)][2]


def test_a_batch_looks_up_no_new_contacts_e_mail_and_finds_a_known_one(
    tmp_path, import_programme, small_batches
):
    # The people's addresses are read once a batch: an address nobody had
    # then is not looked up, one somebody had (in other letters, say) is.
    known = Person.objects.create(name="Person Nummer1", email="Person1@AlmenNet.dk")
    write_pages(tmp_path, 6)  # page i names person{i % 4}; batches of three

    with CaptureQueriesContext(connection) as queries:
        summary = import_paths(
            paths=[tmp_path], programme=import_programme, exclusive=True
        )

    assert (summary.created, summary.errors) == (6, 0)
    by_address = [
        sql
        for sql in selects_where(queries, "people_person", "email")
        if "NOT (" not in sql  # the batch's read of every address
    ]
    # Looked up: page 1's and 5's person1 (there before), page 4's person0
    # (written by the first batch); not pages 0, 2 and 3's, new then. (Each
    # page's was looked up before: six.)
    assert len(by_address) == 3, by_address
    assert Person.objects.filter(email__iexact="person1@almennet.dk").get() == known
    for i in range(4):
        assert (
            Person.objects.filter(email__iexact=f"person{i}@almennet.dk").count() == 1
        )
    page = ProjectPage.objects.get(title="Projekt nummer 5")
    assert [c.person for c in page.contacts.all()] == [known]


def test_a_batch_reads_no_child_rows_of_its_new_pages_back_and_indexes_them_alike(
    tmp_path, import_programme, small_batches
):
    # A new page holds its contacts, quotes, themes … in memory (modelcluster)
    # from its write on, and every index reads them from there: the flush and
    # the search drain read none of them back from the database.
    queries = import_seven_pages(tmp_path, import_programme)
    read_back = {
        table: [
            sql
            for q in queries.captured_queries
            if (sql := q["sql"]).startswith("SELECT")
            and f'"{table}"."{column}" IN (' in sql
        ]
        for table, column in [
            ("projects_projectcontact", "page_id"),
            ("projects_projectdeliverable", "page_id"),
            ("projects_projectquote", "page_id"),
            ("projects_projectfact", "page_id"),
            ("projects_projectpage_themes", "projectpage_id"),
            ("projects_projectpage_participants", "projectpage_id"),
        ]
    }
    assert read_back == {table: [] for table in read_back}

    # What the indexes hold is what Wagtail and the hub write for the pages
    # as stored: the reference index, Wagtail's search, the hub's search.
    pages = list(ProjectPage.objects.order_by("pk"))
    assert all(p.contacts.exists() and p.themes.exists() for p in pages)
    assert_references_are_wagtails_own()
    assert len(assert_wagtail_entries_are_wagtails_own(pages)) == 7
    assert_no_search_drift(import_programme)
    # The contacts' people are in the hub's documents.
    page = ProjectPage.objects.get(title="Projekt nummer 5")
    document = SearchDocument.objects.get(key=f"project:{page.pk}")
    assert "Person Nummer1" in document.names


def test_a_batch_writes_its_new_pages_publication_links_in_one_insert(
    tmp_path, import_programme, small_batches
):
    # 7 pages naming a report each, in batches of three: one insert into the
    # link table per batch (three), not one per page (seven), and the links
    # those of the pages.
    link_table = PublicationPage.projects.through._meta.db_table
    write_pages(tmp_path, 7, {i: {"report": f"Rapport {i}"} for i in range(7)})
    with CaptureQueriesContext(connection) as queries:
        summary = import_paths(
            paths=[tmp_path], programme=import_programme, exclusive=True
        )
    assert (summary.created, summary.errors) == (7, 0)
    inserts = [
        q["sql"]
        for q in queries.captured_queries
        # (SQLite's "INSERT OR IGNORE INTO" too.)
        if q["sql"].startswith("INSERT") and f'INTO "{link_table}"' in q["sql"]
    ]
    assert len(inserts) == 3
    links = {
        (publication.title, project.title)
        for publication in PublicationPage.objects.prefetch_related("projects")
        for project in publication.projects.all()
    }
    assert links == {(f"Rapport {i}", f"Projekt nummer {i}") for i in range(7)}
