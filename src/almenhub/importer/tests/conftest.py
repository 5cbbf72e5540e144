"""Fixtures for the importer's tests.

The seed page lives beside the repository (../shared/seeds); a verbatim copy
is kept in fixtures/ so that the tests do not depend on it.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.core.management import CommandError, call_command
from wagtail.models import GroupPagePermission

from almenhub.home.models import HomePage
from almenhub.importer.parsing import Vocabulary
from almenhub.projects.models import ProgrammePage

FIXTURES = Path(__file__).parent / "fixtures"
SHARED_SEEDS = Path(settings.BASE_DIR).parent / "shared" / "seeds"
SEED_NAME = "000_22080009db4a05a6.txt"

# The taxonomy and series that migrations install (taxonomy 0002,
# publications 0002), for parser tests that run without a database.
THEMES = {
    "Drift og administration": [
        "Drift og vedligehold",
        "Økonomi og styring",
        "Digitalisering",
    ],
    "Energi, klima og miljø": [
        "Natur og biodiversitet",
        "Energi og ressourcer",
        "Klimatilpasning",
    ],
    "Beboere og fællesskab": [
        "Beboerdemokrati",
        "Tryghed og trivsel",
        "Beskæftigelse og uddannelse",
    ],
    "Byggeri og renovering": ["Renovering", "Nybyggeri", "Tilgængelighed"],
}
SERIES = ["AlmenRapport", "AlmenHæfte", "Håndbog", "Værktøj"]


def run_import(folder: Path, report: Path | None = None) -> tuple[str, str]:
    """`import_pages FOLDER [--report FILE]` as an editor runs it: its
    standard output and error (a failed import's message at the end)."""
    out, err = io.StringIO(), io.StringIO()
    args = [str(folder)] + (["--report", str(report)] if report else [])
    try:
        call_command("import_pages", *args, stdout=out, stderr=err)
    except CommandError as error:
        err.write(str(error))
    return out.getvalue(), err.getvalue()


def seed_path() -> Path:
    """The shared seed when it is there, else the fixture copy."""
    shared = SHARED_SEEDS / SEED_NAME
    return shared if shared.exists() else FIXTURES / SEED_NAME


@pytest.fixture
def vocabulary() -> Vocabulary:
    return Vocabulary(themes=THEMES, series=SERIES)


@pytest.fixture
def seed_bytes() -> bytes:
    return seed_path().read_bytes()


@pytest.fixture
def seed_text(seed_bytes: bytes) -> str:
    return seed_bytes.decode("utf-8")


@pytest.fixture
def import_programme(db) -> ProgrammePage:
    page = ProgrammePage(title="Udviklingsprojekter", slug="udviklingsprojekter")
    HomePage.objects.get().add_child(instance=page)
    return page


@pytest.fixture
def search_fails_once(monkeypatch) -> list:
    """The first page written fails at its last step, indexing, after its
    page, people and publications are saved; the calls are recorded."""
    from almenhub.projects import services as project_services

    real = project_services.search_index_objects
    calls: list = []

    def fail_first(objects):
        calls.append(objects)
        if len(calls) == 1:
            raise ValueError("Søgeindekset svarer ikke.")
        return real(objects)

    monkeypatch.setattr(project_services, "search_index_objects", fail_first)
    return calls


@pytest.fixture
def post_upload(django_capture_on_commit_callbacks):
    """Post an upload as the admin's form does and follow it to the
    import's page, the worker's task run at the commit (the test settings'
    immediate backend runs it then)."""

    def post(client, data: dict):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post("/admin/import/", data)
        if response.status_code == 302 and response.url.startswith("/admin/import/"):
            return client.get(response.url)
        return response

    return post


@pytest.fixture
def programme_editor(django_user_model, import_programme):
    """An editor who may use the admin and add pages under one programme."""
    group = Group.objects.create(name="Programredaktører")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    GroupPagePermission.objects.create(
        group=group, page=import_programme, permission_type="add"
    )
    user = django_user_model.objects.create_user(
        username="redaktoer", password="hemmelig-kode-42"
    )
    user.groups.add(group)
    return user
