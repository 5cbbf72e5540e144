"""Typeset a publication with Typst.

The template (typst/publication.typ) is fixed; the content goes in as JSON
through `sys.inputs`, and the template places every value as a string, so
user text is never parsed as Typst markup and needs no escaping.

Same content, same bytes: only Typst's embedded fonts are used (a server's
installed fonts differ from a laptop's), and the document's date and the
creation timestamp both come from the content.
"""

from __future__ import annotations

import datetime
import hashlib
import json
from pathlib import Path

import typst

from almenhub.publishing.content import PublicationContent

TEMPLATE_DIR = Path(__file__).resolve().parent / "typst"
TEMPLATE = TEMPLATE_DIR / "publication.typ"
PDF_STANDARDS = ["ua-1"]


class CompileError(Exception):
    """Typst refused the document; the message says why, in Typst's words."""


def content_json(content: PublicationContent) -> str:
    return json.dumps(content.as_dict(), ensure_ascii=False, sort_keys=True)


def content_checksum(content: PublicationContent) -> str:
    """Covers the content, the template and the compiler: a change in any of
    them is a change in the PDF."""
    digest = hashlib.sha256()
    digest.update(content_json(content).encode())
    digest.update(TEMPLATE.read_bytes())
    digest.update(str(getattr(typst, "__version__", "")).encode())
    return digest.hexdigest()


def _timestamp(content: PublicationContent) -> datetime.datetime:
    day = datetime.date.fromisoformat(content.date)
    return datetime.datetime(day.year, day.month, day.day, 12, tzinfo=datetime.UTC)


def publication_pdf(*, content: PublicationContent) -> bytes:
    """The tagged PDF (PDF/UA-1) of the publication."""
    try:
        pdf = typst.compile(
            TEMPLATE,
            root=TEMPLATE_DIR,
            sys_inputs={"data": content_json(content)},
            pdf_standards=PDF_STANDARDS,
            ignore_system_fonts=True,
            timestamp=_timestamp(content),
        )
    except RuntimeError as error:  # typst.TypstError
        raise CompileError(str(error)) from error
    assert isinstance(pdf, bytes)
    return pdf
