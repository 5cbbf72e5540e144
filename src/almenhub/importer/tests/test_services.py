"""Writing records into almenhub: the seed page field by field, idempotent
re-imports, edits in place, and bad pages that leave nothing behind."""

from __future__ import annotations

from pathlib import Path

import pytest

from almenhub.importer.services import (
    ERROR,
    import_paths,
    programme_resolve,
    source_key_for,
)
from almenhub.organisations.models import Organisation
from almenhub.people.models import Person
from almenhub.projects.models import ProgrammePage, ProjectPage
from almenhub.publications.models import PublicationPage
from almenhub.taxonomy.models import Theme

from .conftest import FIXTURES, SEED_NAME

pytestmark = pytest.mark.django_db

SEED_KEY = "oldsite:000_22080009db4a05a6"


def _write(folder: Path, name: str, data: bytes | str) -> Path:
    path = folder / name
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    return path


def _counts() -> tuple[int, ...]:
    return (
        ProjectPage.objects.count(),
        PublicationPage.objects.count(),
        Person.objects.count(),
        Organisation.objects.count(),
        Theme.objects.count(),
    )


@pytest.fixture
def seed_file(tmp_path, seed_bytes) -> Path:
    return _write(tmp_path, SEED_NAME, seed_bytes)


def test_source_key_is_the_file_stem():
    assert source_key_for("/data/old/000_22080009db4a05a6.txt") == SEED_KEY
    assert source_key_for("000_22080009db4a05a6.html") == SEED_KEY


def test_seed_imports_into_a_page_with_every_field(seed_file, import_programme):
    summary = import_paths(paths=[seed_file], programme=import_programme)
    assert (summary.found, summary.created, summary.errors) == (1, 1, 0)

    page = ProjectPage.objects.get(source_key=SEED_KEY)
    assert page.live
    assert page.get_parent().pk == import_programme.pk
    assert sorted((t.parent.name, t.name) for t in page.themes.all()) == [
        ("Drift og administration", "Drift og vedligehold"),
        ("Energi, klima og miljø", "Natur og biodiversitet"),
    ]
    assert page.title == "Værdiskabende gentagelser"
    assert page.teaser == (
        "Inspiration og erfaringer om biodiversitet og socialt ansvar i driften "
        "fra sektoren selv."
    )
    assert page.status == "finished"
    assert page.publication_year == 2023
    assert page.owner_organisation.name == "AlmenNet"
    assert page.participants_text == "Deltagerne på AlmenNets ERFA-møder"
    assert page.participants.count() == 0

    contacts = [c.person for c in page.contacts.all()]
    assert [(p.name, p.job_title, p.email, p.phone) for p in contacts] == [
        ("Niklas Jarnit", "Sekretariatsleder", "nja@almennet.dk", "33762071")
    ]

    blocks = [(b.block_type, b.value) for b in page.body]
    headings = [value for kind, value in blocks if kind == "heading"]
    assert headings == ["Værdiskabende gentagelser", "Driftens udvikling"]
    assert blocks[0][0] == "paragraph"
    assert blocks[0][1].source.startswith("<p>I maj 2023 afholdt AlmenNet")
    assert blocks[1] == ("heading", "Værdiskabende gentagelser")
    assert blocks[2][1].source.startswith("<p>Driften er en værdiskaber.")
    last = blocks[-1][1].source
    assert last.endswith(
        "<ul><li>Biodiversitet</li><li>Vilde velfærdsproblemer</li></ul>"
    )

    (deliverable,) = page.deliverables.all()
    assert deliverable.title == "Værdiskabende gentagelser"
    assert deliverable.description == (
        "En eksempelsamling over tiltag fra boligorganisationer ud fra temaerne "
        "biodiversitet og velfærdsudfordringer."
    )
    publication = deliverable.publication
    assert publication is not None
    assert publication.title == "Værdiskabende gentagelser"
    assert publication.series.name == "AlmenRapport"
    assert publication.live
    assert page in publication.projects.all()

    (quote,) = page.quotes.all()
    assert quote.text == (
        "Den almene boligsektor er en ufortalt succes. De får børn i fritidsjob "
        "og voksne i arbejde."
    )
    assert (quote.author, quote.role) == (
        "Nina Smith",
        "formand for Reformkommissionen",
    )
    (fact,) = page.facts.all()
    assert fact.heading == "Vidste du..."
    assert fact.text.startswith("At i 2013 udgjorde værdien af danske bygninger")


def test_the_fixture_copy_imports_as_the_same_page(seed_file, import_programme):
    import_paths(paths=[seed_file], programme=import_programme)
    summary = import_paths(paths=[FIXTURES / SEED_NAME], programme=import_programme)
    assert summary.unchanged == 1
    assert ProjectPage.objects.count() == 1


def test_repeated_import_changes_nothing(tmp_path, seed_bytes, import_programme):
    _write(tmp_path, SEED_NAME, seed_bytes)
    _write(tmp_path, "101.txt", (FIXTURES / "101_to_kontaktpersoner.txt").read_bytes())
    first = import_paths(paths=[tmp_path], programme=import_programme)
    assert (first.created, first.errors) == (2, 0)
    before = _counts()
    page = ProjectPage.objects.get(source_key=SEED_KEY)

    again = import_paths(paths=[tmp_path], programme=import_programme)
    assert (again.found, again.unchanged, again.created, again.updated) == (2, 2, 0, 0)
    assert _counts() == before
    page_after = ProjectPage.objects.get(source_key=SEED_KEY)
    assert page_after.pk == page.pk
    assert page_after.latest_revision_id == page.latest_revision_id
    assert page_after.path == page.path


def test_edited_file_updates_its_page_in_place(seed_file, seed_text, import_programme):
    import_paths(paths=[seed_file], programme=import_programme)
    page = ProjectPage.objects.get(source_key=SEED_KEY)
    publications = PublicationPage.objects.count()

    edited = seed_text.replace("fra sektoren selv.", "fra hele sektoren.").replace(
        "Afsluttet", "I gang"
    )
    seed_file.write_text(edited, encoding="utf-8")
    summary = import_paths(paths=[seed_file], programme=import_programme)

    assert (summary.updated, summary.created) == (1, 0)
    assert ProjectPage.objects.count() == 1
    updated = ProjectPage.objects.get(source_key=SEED_KEY)
    assert updated.pk == page.pk
    assert updated.teaser.endswith("fra hele sektoren.")
    assert updated.status == "ongoing"
    assert updated.contacts.count() == 1
    assert updated.deliverables.count() == 1
    assert PublicationPage.objects.count() == publications
    assert Person.objects.count() == 1


def test_html_and_text_of_a_page_are_the_same_page(tmp_path, import_programme):
    html = (FIXTURES / "000_22080009db4a05a6.html").read_bytes()
    _write(tmp_path, "000_22080009db4a05a6.html", html)
    first = import_paths(paths=[tmp_path], programme=import_programme)
    assert first.created == 1
    text = import_paths(paths=[FIXTURES / SEED_NAME], programme=import_programme)
    assert text.unchanged == 1


def test_bad_pages_are_skipped_whole_and_the_others_carry_on(
    tmp_path, seed_bytes, seed_text, import_programme
):
    _write(tmp_path, "a_empty.txt", b"")
    _write(tmp_path, "b_binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20)
    teaser_end = seed_text.index("Status")
    without_title = (
        seed_text[: seed_text.index("Værdiskabende")] + seed_text[teaser_end:]
    )
    _write(tmp_path, "c_no_title.txt", without_title)
    _write(tmp_path, "d_latin1.txt", seed_text.encode("cp1252"))
    bad_phone = seed_text.replace("33762071", "3376 207")
    _write(tmp_path, "e_bad_phone.txt", bad_phone)
    _write(tmp_path, SEED_NAME, seed_bytes)
    _write(tmp_path, "f_minimal.txt", (FIXTURES / "102_minimal.txt").read_bytes())

    summary = import_paths(paths=[tmp_path], programme=import_programme)

    assert (summary.found, summary.created, summary.errors) == (7, 2, 5)
    by_name = {Path(r.name).name: r for r in summary.results}
    assert by_name["a_empty.txt"].message.endswith(
        "a_empty.txt, linje 1: Filen er tom."
    )
    assert "b_binary.txt: Filen er binær" in by_name["b_binary.txt"].message
    assert "c_no_title.txt, linje 4: Siden mangler en titel" in (
        by_name["c_no_title.txt"].message
    )
    assert "d_latin1.txt, linje 1: Filen er ikke gyldig UTF-8" in (
        by_name["d_latin1.txt"].message
    )
    assert "e_bad_phone.txt, linje 32: " in by_name["e_bad_phone.txt"].message
    assert "8 cifre" in by_name["e_bad_phone.txt"].message
    assert all(r.outcome == ERROR for n, r in by_name.items() if n[0] in "abcde")

    assert sorted(ProjectPage.objects.values_list("title", flat=True)) == [
        "Digital driftsjournal",
        "Værdiskabende gentagelser",
    ]
    assert Person.objects.count() == 2  # Niklas Jarnit and Karen Mortensen


def test_a_page_failing_in_the_write_path_leaves_nothing(
    tmp_path, seed_bytes, import_programme, search_fails_once
):
    # The first page fails after it, its people and its publication are saved.
    _write(tmp_path, "a_seed.txt", seed_bytes)
    _write(tmp_path, "b_minimal.txt", (FIXTURES / "102_minimal.txt").read_bytes())

    summary = import_paths(paths=[tmp_path], programme=import_programme)

    assert (summary.created, summary.errors) == (1, 1)
    assert "a_seed.txt: Søgeindekset svarer ikke." in summary.error_messages[0]
    assert list(ProjectPage.objects.values_list("title", flat=True)) == [
        "Digital driftsjournal"
    ]
    assert not Person.objects.filter(name="Niklas Jarnit").exists()
    assert not PublicationPage.objects.exists()
    # AlmenNet owns the minimal page too: created once, by that page.
    (almennet,) = Organisation.objects.filter(name="AlmenNet")
    assert [p.title for p in almennet.owned_projects.all()] == ["Digital driftsjournal"]
    import_programme.refresh_from_db()
    assert import_programme.numchild == 1


def test_organisations_match_by_name_ignoring_case_and_space(
    seed_file, import_programme
):
    existing = Organisation.objects.create(name="ALMENNET")
    odense = Organisation.objects.create(name="odense  kommune")
    civica = Organisation.objects.create(name="BOLIGFORENINGEN ÆBLEHAVEN")
    text = (FIXTURES / "101_to_kontaktpersoner.txt").read_text(encoding="utf-8")
    text = text.replace("Boligforeningen Civica", "Boligforeningen Æblehaven")
    other = _write(seed_file.parent, "101.txt", text)

    import_paths(paths=[seed_file, other], programme=import_programme)

    assert ProjectPage.objects.get(source_key=SEED_KEY).owner_organisation == existing
    page = ProjectPage.objects.get(source_key="oldsite:101")
    assert set(page.participants.all()) == {odense, civica}
    assert Organisation.objects.filter(name__iexact="almennet").count() == 1


def test_people_match_by_email_else_by_name_and_organisation(
    tmp_path, seed_bytes, import_programme
):
    almennet = Organisation.objects.create(name="AlmenNet")
    by_email = Person.objects.create(name="N. Jarnit", email="nja@almennet.dk")
    by_name = Person.objects.create(name="karen  mortensen", organisation=almennet)
    _write(tmp_path, SEED_NAME, seed_bytes)
    _write(tmp_path, "102.txt", (FIXTURES / "102_minimal.txt").read_bytes())

    import_paths(paths=[tmp_path], programme=import_programme)

    assert Person.objects.count() == 2
    by_email.refresh_from_db()
    assert (by_email.job_title, by_email.phone) == ("Sekretariatsleder", "33762071")
    assert ProjectPage.objects.get(source_key=SEED_KEY).contacts.get().person == (
        by_email
    )
    page = ProjectPage.objects.get(source_key="oldsite:102")
    assert page.contacts.get().person == by_name


def test_unknown_child_theme_is_created_under_its_parent(tmp_path, import_programme):
    path = _write(
        tmp_path, "101.txt", (FIXTURES / "101_to_kontaktpersoner.txt").read_bytes()
    )
    import_paths(paths=[path], programme=import_programme)
    child = Theme.objects.get(name="Grønne gårdrum")
    assert child.parent.name == "Byggeri og renovering"
    page = ProjectPage.objects.get()
    assert child in page.themes.all()
    # The same page again is unchanged now that the taxonomy knows the child.
    assert import_paths(paths=[path], programme=import_programme).unchanged == 1


def test_dry_run_writes_nothing(seed_file):
    programmes = ProgrammePage.objects.count()
    before = _counts()
    summary = import_paths(paths=[seed_file], dry_run=True)
    assert summary.dry_run
    assert (summary.found, summary.created, summary.errors) == (1, 1, 0)
    assert _counts() == before
    assert ProgrammePage.objects.count() == programmes  # not even the default


def test_limit(tmp_path, seed_bytes, import_programme):
    for i in range(3):
        _write(tmp_path, f"{i:03d}.txt", seed_bytes)
    summary = import_paths(paths=[tmp_path], programme=import_programme, limit=2)
    assert summary.found == 2
    assert ProjectPage.objects.count() == 2


def test_programme_by_id_slug_or_title(import_programme):
    assert programme_resolve(ref=import_programme.pk) == import_programme
    assert programme_resolve(ref=str(import_programme.pk)) == import_programme
    assert programme_resolve(ref="udviklingsprojekter") == import_programme
    assert programme_resolve(ref="  UDVIKLINGSPROJEKTER ") == import_programme


def test_default_programme_is_created_once(seed_file):
    import_paths(paths=[seed_file])
    programme = ProgrammePage.objects.get(title="Importerede projekter")
    assert programme.get_parent().specific_class.__name__ == "HomePage"
    import_paths(paths=[seed_file])
    assert ProgrammePage.objects.filter(title="Importerede projekter").count() == 1
    assert ProjectPage.objects.get().get_parent().pk == programme.pk


def test_a_contact_named_by_two_owners_keeps_one_organisation(
    tmp_path, seed_text, import_programme
):
    # The seed's contact (nja@almennet.dk) on a second page that another
    # organisation owns; the pages do not say where she works.
    lines = seed_text.splitlines()
    owner_lines = [i for i, line in enumerate(lines) if line.strip() == "AlmenNet"]
    for i in owner_lines:
        lines[i] = "Boligforeningen Syd"
    _write(tmp_path, "000_a.txt", seed_text)
    _write(tmp_path, "000_b.txt", "\n".join(lines) + "\n")

    summary = import_paths(paths=[tmp_path], programme=import_programme)

    assert summary.created == 2, summary.error_messages
    other = ProjectPage.objects.get(source_key="oldsite:000_b")
    assert other.owner_organisation.name == "Boligforeningen Syd"
    person = Person.objects.get(email="nja@almennet.dk")
    assert person.organisation.name == "AlmenNet"
    # Importing both again changes nothing: no flip from page to page.
    again = import_paths(paths=[tmp_path], programme=import_programme)
    assert again.unchanged == 2
    person.refresh_from_db()
    assert person.organisation.name == "AlmenNet"
