"""A publication's cover made from its PDF's first page, when none is
uploaded: the page a reader sees first is the cover every listing, the
page's aside, og:image and the Report's JSON-LD show.

pypdfium2 renders the page (PDFium, the PDF engine of Chromium): pypdf,
which the hub already has, reads PDFs but cannot draw them, and Typst's PNG
output would only cover the PDFs the hub compiles itself, not those an
editor uploads.
"""

from __future__ import annotations

import io
import logging

import pypdfium2
from django.core.files.images import ImageFile
from wagtail.images.models import Image

from almenhub.core.text import danish_slugify
from almenhub.publications.models import PublicationPage

logger = logging.getLogger(__name__)

COVER_WIDTH = 850  # px: wide enough for the largest rendition shown (600)


def pdf_first_page_png(pdf: bytes, *, width: int = COVER_WIDTH) -> bytes:
    document = pypdfium2.PdfDocument(pdf)
    try:
        first = document[0]
        bitmap = first.render(scale=width / first.get_width())
        buffer = io.BytesIO()
        bitmap.to_pil().convert("RGB").save(buffer, format="PNG", optimize=True)
        return buffer.getvalue()
    finally:
        document.close()


def publication_cover_from_pdf(*, page: PublicationPage) -> Image | None:
    """The page's cover drawn from its PDF's first page, stored and set on
    the page (not saved: the caller publishes), or None when the page has a
    cover already, no PDF, or a PDF that cannot be read."""
    if page.cover_image_id or not page.has_pdf:
        return None
    try:
        with page.document.file.open("rb") as file:
            png = pdf_first_page_png(file.read())
    except (OSError, pypdfium2.PdfiumError):
        # A broken file must not stop publishing; the page goes without.
        logger.warning("No cover from the PDF of page %s", page.pk, exc_info=True)
        return None
    image = Image(
        title=f"Forside: {page.title}",
        description=f"Forsiden af “{page.title}”.",
    )
    image.file = ImageFile(
        io.BytesIO(png), name=f"forside-{danish_slugify(page.title)}.png"
    )
    image.save()
    page.cover_image = image
    return image


def cover_on_publish(sender, instance, **kwargs) -> None:
    """page_published: a publication published with a PDF and no cover gets
    one, in a revision of its own (whose publish finds the cover and stops)."""
    page = instance.specific if hasattr(instance, "specific") else instance
    if not isinstance(page, PublicationPage):
        return
    page = PublicationPage.objects.get(pk=page.pk)  # as published, not stale
    if publication_cover_from_pdf(page=page) is not None:
        page.save_revision().publish()
