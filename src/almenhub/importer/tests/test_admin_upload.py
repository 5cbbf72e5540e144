"""The admin upload: who may use it, what it refuses, and the summary."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, RequestFactory
from django.urls import reverse

from almenhub.importer.wagtail_hooks import register_import_menu_item
from almenhub.projects.models import ProgrammePage, ProjectPage

from .conftest import FIXTURES, SEED_NAME

pytestmark = pytest.mark.django_db

URL = "/admin/import/"


def _upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="text/plain")


def _fixture(name: str) -> SimpleUploadedFile:
    return _upload(name, (FIXTURES / name).read_bytes())


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser(
        username="admin", email="admin@example.dk", password="hemmelig-kode-42"
    )


@pytest.fixture
def admin_client(client, superuser) -> Client:
    client.force_login(superuser)
    return client


def test_url():
    assert reverse("importer:upload") == URL


def test_anonymous_is_sent_to_the_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response.url.startswith(reverse("wagtailadmin_login"))
    response = client.post(URL, {"files": [_fixture(SEED_NAME)]})
    assert response.status_code == 302
    assert ProjectPage.objects.count() == 0


def test_user_without_page_permission_is_refused(client, django_user_model):
    group = Group.objects.create(name="Kun admin")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    user = django_user_model.objects.create_user(username="læser", password="x")
    user.groups.add(group)
    client.force_login(user)
    response = client.get(URL)
    assert response.status_code == 302  # Wagtail's "permission denied" redirect
    assert response.url == reverse("wagtailadmin_home")


def test_form_is_shown(admin_client):
    response = admin_client.get(URL)
    assert response.status_code == 200
    content = response.content.decode()
    assert "Importér sider" in content
    assert 'type="file"' in content and "multiple" in content
    assert "csrfmiddlewaretoken" in content


def test_upload_imports_and_shows_the_summary(admin_client, post_upload):
    files = [_fixture(SEED_NAME), _fixture("102_minimal.txt")]
    response = post_upload(admin_client, {"files": files})
    assert response.status_code == 200
    summary = response.context["summary"]
    assert (summary.found, summary.created, summary.errors) == (2, 2, 0)
    content = response.content.decode()
    assert "Resultat af importen" in content
    assert "Oprettet" in content and "Uændret" in content
    programme = ProgrammePage.objects.get(title="Importerede projekter")
    assert ProjectPage.objects.child_of(programme).count() == 2
    assert ProjectPage.objects.filter(source_key="oldsite:000_22080009db4a05a6")

    again = post_upload(admin_client, {"files": [_fixture(SEED_NAME)]})
    assert again.context["summary"].unchanged == 1
    assert ProjectPage.objects.count() == 2


def test_page_errors_are_listed_in_danish(admin_client, post_upload):
    broken = _upload("uden_titel.txt", b"Status\n\nAfsluttet\n")
    response = post_upload(
        admin_client, {"files": [broken, _fixture("102_minimal.txt")]}
    )
    summary = response.context["summary"]
    assert (summary.created, summary.errors) == (1, 1)
    content = response.content.decode()
    assert "uden_titel.txt, linje 1: Siden mangler en titel" in content
    assert "1 af 2 filer kunne ikke importeres" in content


def test_dry_run_writes_nothing(admin_client, post_upload):
    response = post_upload(
        admin_client, {"files": [_fixture(SEED_NAME)], "dry_run": "on"}
    )
    assert response.context["summary"].created == 1
    assert "Prøvekørsel" in response.content.decode()
    assert ProjectPage.objects.count() == 0
    assert not ProgrammePage.objects.filter(title="Importerede projekter").exists()


def test_editor_imports_into_the_programme_they_may_edit(
    client, programme_editor, import_programme, post_upload
):
    client.force_login(programme_editor)
    form = client.get(URL).context["form"]
    assert list(form.fields["programme"].queryset) == [import_programme]
    assert form.fields["programme"].required  # may not create the default one

    refused = post_upload(client, {"files": [_fixture(SEED_NAME)]})
    assert "programme" in refused.context["form"].errors
    response = post_upload(
        client, {"files": [_fixture(SEED_NAME)], "programme": import_programme.pk}
    )
    assert response.context["summary"].created == 1
    assert ProjectPage.objects.child_of(import_programme).count() == 1


def _refused(post_upload, admin_client, *files: SimpleUploadedFile) -> str:
    response = post_upload(admin_client, {"files": list(files)})
    assert response.status_code == 200
    assert response.context["summary"] is None
    assert ProjectPage.objects.count() == 0
    return " ".join(response.context["form"].errors["files"])


def test_too_large_file_is_refused(post_upload, admin_client, settings):
    settings.IMPORTER_MAX_FILE_BYTES = 1000
    message = _refused(post_upload, admin_client, _fixture(SEED_NAME))
    assert f"{SEED_NAME}: filen er for stor" in message


def test_binary_file_is_refused(admin_client, post_upload):
    png = _upload("billede.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 10)
    message = _refused(post_upload, admin_client, png, _fixture(SEED_NAME))
    assert "billede.txt: Filen er binær" in message


def test_file_in_another_encoding_is_refused(admin_client, post_upload):
    latin1 = _upload("latin1.txt", "Titel\n\nØsterbo\n".encode("latin-1"))
    message = _refused(post_upload, admin_client, latin1)
    assert "latin1.txt, linje 3: Filen er ikke gyldig UTF-8" in message


def test_wrong_file_type_is_refused(admin_client, post_upload):
    message = _refused(post_upload, admin_client, _upload("rapport.pdf", b"%PDF-1.7"))
    assert "rapport.pdf: filtypen “.pdf” understøttes ikke" in message


def test_the_form_and_django_share_one_file_limit(admin_client, settings, post_upload):
    """Django's own limit (DATA_UPLOAD_MAX_NUMBER_FILES) is the form's: one
    more than it is the form again with a Danish message, not a bare 400."""
    settings.DATA_UPLOAD_MAX_NUMBER_FILES = 2
    form = admin_client.get(URL).context["form"]
    assert "Højst 2 filer ad gangen" in form.fields["files"].help_text
    files = [_upload(f"side-{n}.txt", f"Side {n}\n".encode()) for n in range(3)]
    response = post_upload(admin_client, {"files": files})
    assert response.status_code == 400
    assert response.context["summary"] is None
    assert ProjectPage.objects.count() == 0
    errors = " ".join(response.context["form"].errors["files"])
    assert "Du kan højst uploade 2 filer ad gangen" in errors
    assert "Importér sider" in response.content.decode()


def test_a_limit_of_files_is_accepted(admin_client, settings, post_upload):
    settings.DATA_UPLOAD_MAX_NUMBER_FILES = 2
    files = [_fixture(SEED_NAME), _fixture("102_minimal.txt")]
    assert post_upload(admin_client, {"files": files}).context["summary"].created == 2


def test_files_with_the_same_content_are_imported_once(admin_client, post_upload):
    data = (FIXTURES / "102_minimal.txt").read_bytes()
    copies = [_upload(f"kopi-{n}.txt", data) for n in range(5)]
    response = post_upload(admin_client, {"files": [_fixture(SEED_NAME), *copies]})
    summary = response.context["summary"]
    assert (summary.found, summary.created) == (2, 2)
    assert ProjectPage.objects.count() == 2
    content = response.content.decode()
    assert "4 filer er sprunget over" in content
    assert "kopi-1.txt har samme indhold som kopi-0.txt" in content


def test_duplicates_may_be_imported_on_purpose(admin_client, post_upload):
    data = (FIXTURES / "102_minimal.txt").read_bytes()
    copies = [_upload(f"kopi-{n}.txt", data) for n in range(2)]
    response = post_upload(
        admin_client, {"files": copies, "import_duplicates": "on", "dry_run": "on"}
    )
    assert response.context["summary"].found == 2


def test_no_files_is_refused(admin_client, post_upload):
    response = post_upload(admin_client, {})
    assert "files" in response.context["form"].errors


def test_csrf_is_required(superuser):
    client = Client(enforce_csrf_checks=True)
    client.force_login(superuser)
    response = client.post(URL, {"files": [_fixture(SEED_NAME)]})
    assert response.status_code == 403
    assert ProjectPage.objects.count() == 0


def test_menu_item_is_shown_to_those_who_may_import(
    superuser, programme_editor, django_user_model
):
    item = register_import_menu_item()
    request = RequestFactory().get("/admin/")
    request.user = superuser
    assert item.is_shown(request)
    request.user = programme_editor
    assert item.is_shown(request)
    request.user = django_user_model.objects.create_user(username="ingen")
    assert not item.is_shown(request)
    assert item.url == URL
