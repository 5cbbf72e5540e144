"""A compiled publication keeps one address for its PDF, however often it is
compiled again: the page's `pdf/` address, and the document's own."""

from __future__ import annotations

import pytest
from django.utils.http import http_date
from wagtail.models import PageViewRestriction

from almenhub.publishing.services import publication_compile

pytestmark = pytest.mark.django_db


def body(response) -> bytes:
    return b"".join(response.streaming_content)


@pytest.fixture
def compiled(draft):
    publication_compile(draft=draft)
    draft.refresh_from_db()
    return draft


def recompile(draft) -> None:
    draft.intro = "En ny indledning til anden udgave."
    draft.save()
    publication_compile(draft=draft)
    draft.refresh_from_db()


def test_a_recompiled_pdf_is_at_the_same_addresses_with_the_new_content(
    compiled, client
):
    page = compiled.publication
    stable, document_url = page.document_url, compiled.document.url
    assert stable == f"{page.url}pdf/"
    first = client.get(stable)
    assert first.status_code == 200
    assert first["Content-Type"] == "application/pdf"
    old_pdf = body(first)
    assert old_pdf.startswith(b"%PDF-")
    assert body(client.get(document_url)) == old_pdf

    recompile(compiled)
    page.refresh_from_db()
    assert page.document_url == stable
    assert compiled.document.url == document_url
    again = client.get(stable)
    assert again.status_code == 200
    new_pdf = body(again)
    assert new_pdf.startswith(b"%PDF-") and new_pdf != old_pdf
    with compiled.document.file.open("rb") as f:
        assert f.read() == new_pdf
    old_address = client.get(document_url)
    assert old_address.status_code == 200
    assert body(old_address) == new_pdf
    assert again["ETag"] != first["ETag"]


def test_the_page_links_to_the_stable_address(compiled, client):
    html = client.get(compiled.publication.url).content.decode()
    assert f'href="{compiled.publication.url}pdf/"' in html


def test_an_unchanged_file_answers_304_and_a_changed_one_gets_through(compiled, client):
    url = compiled.publication.document_url
    first = client.get(url)
    etag, modified = first["ETag"], first["Last-Modified"]
    assert etag == f'"{compiled.document.file_hash}"'
    assert "must-revalidate" in first["Cache-Control"]
    assert "max-age=60" in first["Cache-Control"]

    cached = client.get(url, headers={"If-None-Match": etag})
    assert cached.status_code == 304
    assert cached["ETag"] == etag and cached["Cache-Control"] == first["Cache-Control"]
    assert client.get(url, headers={"If-Modified-Since": modified}).status_code == 304
    head = client.head(url, headers={"If-None-Match": etag})
    assert head.status_code == 304

    recompile(compiled)
    changed = client.get(url, headers={"If-None-Match": etag})
    assert changed.status_code == 200
    assert changed["ETag"] != etag
    assert body(changed).startswith(b"%PDF-")
    # An If-Modified-Since from before the file was written lets it through.
    stale = client.get(url, headers={"If-Modified-Since": http_date(0)})
    assert stale.status_code == 200


def test_an_unpublished_publications_pdf_is_not_served(compiled, client):
    page = compiled.publication
    stable, document_url = page.document_url, compiled.document.url
    page.unpublish()
    assert client.get(stable).status_code == 404
    assert client.get(document_url).status_code == 404


def test_a_private_publications_pdf_asks_for_the_login(
    compiled, client, django_user_model
):
    page = compiled.publication
    stable, document_url = page.document_url, compiled.document.url
    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.LOGIN
    )
    for url in (stable, document_url):
        response = client.get(url)
        assert response.status_code == 302, url
        assert "%PDF" not in response.content.decode(errors="ignore")
    assert "login" in client.get(stable)["Location"]
    assert client.get(document_url)["Location"] == stable

    member = django_user_model.objects.create_user(
        username="medlem", email="m@example.dk", password="hemmelig-kode-42"
    )
    client.force_login(member)
    response = client.get(stable)
    assert response.status_code == 200
    assert body(response).startswith(b"%PDF-")
    # Shared caches must not keep what only members may see.
    assert response["Cache-Control"].startswith("private")
    assert client.get(document_url).status_code == 200


def test_a_password_protected_publications_pdf_needs_the_password(compiled, client):
    page = compiled.publication
    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="eng"
    )
    response = client.get(page.document_url)
    assert response.status_code == 200  # Wagtail's password form, not the file
    assert response["Content-Type"].startswith("text/html")
    assert b"%PDF" not in response.content
