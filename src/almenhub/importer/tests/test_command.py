"""`manage.py import_pages`: summary, exit status, options."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from almenhub.projects.models import ProgrammePage, ProjectPage

from .conftest import FIXTURES, SEED_NAME

pytestmark = pytest.mark.django_db


def _run(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("import_pages", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def pages(tmp_path) -> Path:
    for name in (SEED_NAME, "101_to_kontaktpersoner.txt", "102_minimal.txt"):
        (tmp_path / name).write_bytes((FIXTURES / name).read_bytes())
    (tmp_path / "notes.md").write_text("ikke en side")  # not a page file
    return tmp_path


def test_summary_and_repeat(pages, import_programme):
    out, err = _run(str(pages), "--programme", "udviklingsprojekter")
    assert "Program: Udviklingsprojekter" in out
    assert (
        "Fundet: 3 · Oprettet: 3 · Opdateret: 0 · Uændret: 0 · Omdirigeringer: 0 · "
        "Advarsler: 0 · Konflikter: 0 · Fejl: 0"
    ) in out
    assert err == ""
    assert ProjectPage.objects.child_of(import_programme).count() == 3

    out, _ = _run(str(pages), "--programme", "Udviklingsprojekter")
    assert (
        "Fundet: 3 · Oprettet: 0 · Opdateret: 0 · Uændret: 3 · Omdirigeringer: 0 · "
        "Advarsler: 0 · Konflikter: 0 · Fejl: 0"
    ) in out
    assert ProjectPage.objects.count() == 3


def test_files_and_folders_mixed(pages, import_programme):
    out, _ = _run(
        str(pages / SEED_NAME), str(pages), "--programme", str(import_programme.pk)
    )
    assert "Fundet: 3 ·" in out  # the seed is named twice, imported once


def test_errors_are_reported_and_exit_status_is_non_zero(pages, import_programme):
    (pages / "broken.txt").write_bytes("Titel\n\nStatus\n\nMåske\n".encode())
    (pages / "latin1.txt").write_bytes(
        "Titel\n\nProjektejer\n\nØsterbo\n".encode("latin-1")
    )
    with pytest.raises(CommandError) as caught:
        _run(str(pages), "--programme", "udviklingsprojekter")
    assert "2 af 5 sider kunne ikke importeres" in str(caught.value)
    assert ProjectPage.objects.count() == 3


def test_error_messages_name_file_and_line(pages, import_programme, capsys):
    (pages / "broken.txt").write_bytes("Titel\n\nStatus\n\nMåske\n".encode())
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError):
        call_command(
            "import_pages", str(pages), "--programme", "udviklingsprojekter",
            stdout=out, stderr=err,
        )  # fmt: skip
    assert f"FEJL {pages / 'broken.txt'}, linje 5: Ukendt status “Måske”" in (
        err.getvalue()
    )
    assert "Fejl: 1" in out.getvalue()


def test_dry_run_writes_nothing(pages):
    out, _ = _run(str(pages), "--dry-run")
    assert "Prøvekørsel, intet er gemt." in out
    assert "Oprettet: 3" in out
    assert ProjectPage.objects.count() == 0
    assert not ProgrammePage.objects.filter(title="Importerede projekter").exists()


def test_limit(pages, import_programme):
    out, _ = _run(str(pages), "--limit", "2", "--programme", "udviklingsprojekter")
    assert "Fundet: 2 · Oprettet: 2" in out
    assert ProjectPage.objects.count() == 2


def test_default_programme_is_created_under_the_home_page(pages):
    out, _ = _run(str(pages / SEED_NAME))
    assert "Program: Importerede projekter" in out
    programme = ProgrammePage.objects.get(title="Importerede projekter")
    assert programme.get_parent().specific_class.__name__ == "HomePage"
    assert ProjectPage.objects.child_of(programme).count() == 1


def test_unknown_programme_and_missing_path(pages):
    with pytest.raises(CommandError, match="Programmet “findes-ikke” findes ikke"):
        _run(str(pages), "--programme", "findes-ikke")
    with pytest.raises(CommandError, match="findes ikke"):
        _run(str(pages / "ingen.txt"))
    assert ProjectPage.objects.count() == 0
