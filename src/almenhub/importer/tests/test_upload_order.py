"""The admin upload imports a folder of old-site pages as the command does:
with their addresses.csv, or as a zip archive of the folder, in the order
their links need (projects and tools before the theme pages that name them,
parents before children, an address's versions latest last), whatever the
order the editor's browser sends them in. Fixtures made up (fixtures/sider,
fixtures/oldsite/versioner)."""

from __future__ import annotations

import io
import zipfile
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.models import Revision

from almenhub.contentpages.models import ContentPage
from almenhub.importer import services
from almenhub.importer.models import ImportJob, ImportJobFile
from almenhub.projects.models import ProjectPage
from almenhub.themepages.models import ThemeHubPage

from .conftest import FIXTURES

pytestmark = pytest.mark.django_db

URL = "/admin/import/"
SIDER = FIXTURES / "sider"
# Theme pages and sub-pages before the pages they need, as a browser may
# send a folder; the address list last.
UPLOAD_ORDER = [
    "tema_natur_vandhuller.txt",
    "tema_natur.txt",
    "tema_natur_artikel.txt",
    "vaerktoej_tjek.txt",
    "vaerktoej_platform.txt",
    "z_projekt_enge.txt",
    "z_projekt_hoteller.txt",
    "addresses.csv",
]


@pytest.fixture
def admin_client(client, django_user_model):
    user = django_user_model.objects.create_superuser(
        username="admin", email="admin@example.dk", password="hemmelig-kode-42"
    )
    client.force_login(user)
    return client


def _file(name: str, folder=SIDER) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, (folder / name).read_bytes())


def _zip(names: list[str], folder=SIDER, prefix: str = "sider/") -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in names:
            archive.writestr(prefix + name, (folder / name).read_bytes())
        archive.writestr("__MACOSX/._tema_natur.txt", b"\x00\x05\x16\x07")
    return buffer.getvalue()


def _links(page: ThemeHubPage, section: str) -> list[str]:
    for block in page.sections:
        if block.value["heading"] == section:
            return [p.title for p in block.value["pages"]]
    raise AssertionError(f"no section {section}")


def _assert_imported_in_link_order(summary) -> None:
    assert summary.errors == 0, summary.error_messages
    hub = ThemeHubPage.objects.get(title="Natur i gården")
    assert urlsplit(hub.url).path == "/temasider/natur-i-gaarden/"
    # The projects and the tool came after the theme page in the upload and
    # are linked all the same: imported before it.
    assert _links(hub, "Projekter") == [
        "Blomsterenge i boligområdet",
        "Insekthoteller i gården",
    ]
    assert _links(hub, "Værktøjer") == ["Naturtjekket"]
    # The sub-page was sent before its parent and is nested under it.
    nested = ThemeHubPage.objects.get(title="Vandhuller")
    assert nested.get_parent().specific == hub
    assert urlsplit(nested.url).path == "/temasider/natur-i-gaarden/vandhuller/"
    assert _links(nested, "Projekter") == ["Blomsterenge i boligområdet"]
    tool = ContentPage.objects.get(title="Naturtjekket")
    assert tool.get_parent().specific.title == "Værktøjsplatform om natur"
    # The one title the hub lacks is the only one reported missing.
    missing = [w for w in summary.warning_messages if "ikke findes i hubben" in w]
    assert len(missing) == 1 and "Fuglekasser på facaden" in missing[0]
    order = [r.name.rsplit("/", 1)[-1] for r in summary.results]
    assert order.index("z_projekt_enge.txt") < order.index("tema_natur.txt")
    assert order.index("tema_natur.txt") < order.index("tema_natur_vandhuller.txt")


def test_uploaded_files_are_imported_in_the_order_their_links_need(
    admin_client, post_upload
):
    files = [_file(name) for name in UPLOAD_ORDER]
    response = post_upload(admin_client, {"files": files})
    assert response.status_code == 200
    _assert_imported_in_link_order(response.context["summary"])


def test_a_zip_of_the_folder_is_imported_like_the_folder(
    admin_client, client, post_upload
):
    archive = SimpleUploadedFile("sider.zip", _zip(UPLOAD_ORDER))
    response = post_upload(admin_client, {"files": [archive]})
    assert response.status_code == 200
    summary = response.context["summary"]
    assert summary.found == len(UPLOAD_ORDER) - 1  # the list is not a page
    _assert_imported_in_link_order(summary)
    # Every old address in the archive's list leads to its page.
    hub = ThemeHubPage.objects.get(title="Natur i gården")
    old = client.get("/temasider/natur-i-gaarden/vand/vandhuller/")
    assert old.status_code == 301
    assert old["Location"].endswith(ThemeHubPage.objects.get(title="Vandhuller").url)
    project = ProjectPage.objects.get(title="Insekthoteller i gården")
    old = client.get("/projekter/forsoegspuljen/insekthoteller/")
    assert (old.status_code, urlsplit(old["Location"]).path) == (
        301,
        urlsplit(project.url).path,
    )
    assert hub.live


def test_two_uploaded_versions_of_one_address_are_one_page(admin_client, post_upload):
    folder = FIXTURES / "oldsite" / "versioner"
    # The later (finished) version first: the order of the upload does not
    # decide which one wins.
    files = [
        _file(name, folder)
        for name in ["lyd_afsluttet.txt", "lyd_igang.txt", "addresses.csv"]
    ]
    summary = post_upload(admin_client, {"files": files}).context["summary"]
    assert summary.errors == 0, summary.error_messages
    page = ProjectPage.objects.get(title="Støjfri nætter")
    assert page.status == "finished"
    revisions = Revision.page_revisions.filter(object_id=str(page.pk)).order_by("pk")
    assert [r.content["status"] for r in revisions] == ["ongoing", "finished"]


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("sider.zip", b"PK\x03\x04 ikke et arkiv", "sider.zip: er ikke et zip-arkiv"),
        (
            "addresses.csv",
            b"fil;adresse\nside.txt;/x/\n",
            "addresses.csv: første linje skal være overskrifterne “file,url”",
        ),
        ("tom.zip", None, "tom.zip: arkivet indeholder ingen sider"),
    ],
)
def test_a_bad_archive_or_address_list_is_refused_in_danish(
    admin_client, name, data, message, post_upload
):
    if data is None:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr("noter.pdf", b"%PDF")
        data = buffer.getvalue()
    response = post_upload(admin_client, {"files": [SimpleUploadedFile(name, data)]})
    assert response.status_code == 200
    assert response.context["summary"] is None
    assert message in " ".join(response.context["form"].errors["files"])
    assert ProjectPage.objects.count() == 0


def test_an_archive_with_more_pages_than_allowed_is_refused(
    post_upload, admin_client, settings
):
    settings.DATA_UPLOAD_MAX_NUMBER_FILES = 3
    archive = SimpleUploadedFile("sider.zip", _zip(UPLOAD_ORDER))
    response = post_upload(admin_client, {"files": [archive]})
    errors = " ".join(response.context["form"].errors["files"])
    assert "sider.zip: arkivet har 7 sider; højst 3 ad gangen" in errors


def _progress(response) -> tuple[int, int] | None:
    soup = BeautifulSoup(response.content, "html.parser")
    bar = soup.select_one("section.import-progress progress")
    return (int(bar["value"]), int(bar["max"])) if bar else None


def test_the_editor_follows_the_import_while_the_worker_runs_it(
    admin_client, django_capture_on_commit_callbacks, monkeypatch
):
    files = [_file(name) for name in UPLOAD_ORDER]
    with django_capture_on_commit_callbacks(execute=False) as queued:
        response = admin_client.post(URL, {"files": files})
    assert response.status_code == 302
    job = ImportJob.objects.get()
    assert response.url == f"/admin/import/{job.pk}/"
    assert job.files.count() == len(UPLOAD_ORDER)

    # Before the worker takes it: the page says so and reloads itself.
    waiting = admin_client.get(response.url)
    assert "Importen venter på at gå i gang" in waiting.content.decode()
    assert waiting["Refresh"] == "2"
    assert ProjectPage.objects.count() == 0

    # While it runs, each reload shows how far it has come.
    seen: list[tuple[int, int] | None] = []
    real = services.import_page_file

    def watched(**kwargs):
        seen.append(_progress(admin_client.get(response.url)))
        return real(**kwargs)

    monkeypatch.setattr(services, "import_page_file", watched)
    for callback in queued:
        callback()  # the worker's task (the test settings run it at once)
    assert seen == [(n, 7) for n in range(7)]

    done = admin_client.get(response.url)
    assert "Refresh" not in done
    assert _progress(done) is None
    _assert_imported_in_link_order(done.context["summary"])
    assert "Resultat af importen" in done.content.decode()
    # The uploaded files are not kept once imported.
    assert not ImportJobFile.objects.exists()


def test_an_import_is_shown_only_to_its_editor(
    admin_client, client, django_user_model, programme_editor, post_upload
):
    response = post_upload(admin_client, {"files": [_file("z_projekt_enge.txt")]})
    job = response.context["job"]
    client.force_login(programme_editor)
    assert client.get(f"/admin/import/{job.pk}/").status_code in (302, 403)
