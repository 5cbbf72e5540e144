from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from wagtail.models import Page

from almenhub.projects.models import ProjectPage
from almenhub.projects.services import project_upsert
from almenhub.search.selectors import search


@pytest.mark.isolated
@pytest.mark.django_db(transaction=True)
def test_backup_and_restore_find_every_page_again(
    tmp_path, settings, programme, seed_record
):
    settings.MEDIA_ROOT = tmp_path / "media"
    (tmp_path / "media" / "documents").mkdir(parents=True)
    (tmp_path / "media" / "documents" / "rapport.pdf").write_bytes(b"%PDF-1.7 test")
    archive = tmp_path / "backup.tar.gz"
    project_upsert(programme=programme, record=seed_record, source_key="seed")
    before = {p.pk: (p.title, p.url_path) for p in Page.objects.all()}

    if connection.vendor != "sqlite":
        with pytest.raises(CommandError, match="pg_dump"):
            call_command("backup", output=archive)
        return

    call_command("backup", output=archive)
    assert archive.is_file() and not archive.with_suffix(".partial").exists()

    ProjectPage.objects.all().delete()
    (tmp_path / "media" / "documents" / "rapport.pdf").unlink()
    assert not ProjectPage.objects.exists()

    call_command("restore", archive)
    after = {p.pk: (p.title, p.url_path) for p in Page.objects.all()}
    assert after == before
    assert (
        tmp_path / "media" / "documents" / "rapport.pdf"
    ).read_bytes() == b"%PDF-1.7 test"
    assert [h.document.title for h in search("gentagelser").hits][:1] == [
        "Værdiskabende gentagelser"
    ]


@pytest.mark.django_db
def test_restore_refuses_a_broken_archive(tmp_path):
    broken = tmp_path / "broken.tar.gz"
    broken.write_bytes(b"not an archive")
    with pytest.raises(CommandError):
        call_command("restore", broken)
