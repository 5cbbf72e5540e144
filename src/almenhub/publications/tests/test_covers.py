"""A publication published with a PDF and no cover gets its first page as
its cover; an uploaded cover is kept; a broken PDF publishes without one."""

from __future__ import annotations

import pytest
import typst
from bs4 import BeautifulSoup
from django.core.files.base import ContentFile
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images.models import Image

from almenhub.publications.models import PublicationPage
from almenhub.publications.services import (
    publication_get_or_create,
    publication_index_get_or_create,
)

pytestmark = pytest.mark.django_db

RED = (200, 30, 30)


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)


def _document(content: bytes, name: str = "rapport.pdf"):
    document = get_document_model()(title=name)
    document.file.save(name, ContentFile(content), save=False)
    document.save()
    return document


def _publish_with(content: bytes, title: str = "Enge i byen") -> PublicationPage:
    publication_index_get_or_create()
    page, _ = publication_get_or_create(title=title, year=2024)
    page.document = _document(content)
    page.save_revision().publish()
    return PublicationPage.objects.get(pk=page.pk)


def _red_pdf() -> bytes:
    return typst.compile(b"#set page(fill: rgb(200,30,30))\n= Forside", format="pdf")


def test_the_first_page_becomes_the_cover(client, home_page, media):
    page = _publish_with(_red_pdf())
    cover = page.cover_image
    assert cover is not None and cover.description == "Forsiden af “Enge i byen”."
    assert cover.width == 850 and abs(cover.height / cover.width - 297 / 210) < 0.01
    with cover.open_file() as file:
        with PILImage.open(file) as picture:
            assert picture.convert("RGB").getpixel((10, 10)) == RED
    # Published in a revision of its own: the live page and the editor's
    # latest revision agree.
    assert page.get_latest_revision().as_object().cover_image_id == cover.pk
    soup = BeautifulSoup(client.get(page.url).content, "html.parser")
    assert soup.select_one("img.cover")["alt"] == "Forsiden af “Enge i byen”."
    # Publishing again draws nothing new.
    page.save_revision().publish()
    assert Image.objects.count() == 1


def test_an_uploaded_cover_is_kept_and_a_broken_pdf_publishes_without(home_page, media):
    broken = _publish_with(b"%PDF-1.7 not really", title="Ødelagt fil")
    assert broken.live and broken.cover_image is None
    uploaded = Image.objects.create(
        title="Eget omslag", file=_document(_red_pdf()).file, width=1, height=1
    )
    page = broken
    page.cover_image = uploaded
    page.document = _document(_red_pdf())
    page.save_revision().publish()
    assert PublicationPage.objects.get(pk=page.pk).cover_image_id == uploaded.pk
    assert Image.objects.count() == 1
