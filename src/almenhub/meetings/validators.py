"""Checks for presenters' slides: the extension and the bytes must agree.

An extension says nothing about a file's content, so a renamed executable
(or anything else) is refused by looking at what the file really is: a PDF
starts with ``%PDF-``; a PPTX is a ZIP archive holding the Office Open XML
parts of a presentation.
"""

from __future__ import annotations

import zipfile
from pathlib import PurePath
from typing import IO

from django.conf import settings
from django.core.exceptions import ValidationError

FIELD_LABEL = "Præsentation"
PDF_MAGIC = b"%PDF-"
ZIP_MAGIC = b"PK\x03\x04"
PPTX_PARTS = ("[Content_Types].xml", "ppt/presentation.xml")
# Leading bytes of files that are programs rather than documents; named
# in the message so that whoever uploaded one understands the refusal.
EXECUTABLE_MAGIC = (b"MZ", b"\x7fELF", b"\xcf\xfa\xed\xfe", b"\xca\xfe\xba\xbe", b"#!")


def slides_max_bytes() -> int:
    return int(settings.MEETINGS_SLIDES_MAX_BYTES)


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.0f} MB"


def _head(file: IO[bytes], size: int = 8) -> bytes:
    file.seek(0)
    head = file.read(size)
    file.seek(0)
    return head


def _is_pptx(file: IO[bytes]) -> bool:
    file.seek(0)
    try:
        with zipfile.ZipFile(file) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return False
    finally:
        file.seek(0)
    return all(part in names for part in PPTX_PARTS)


def slides_kind(file: IO[bytes]) -> str:
    """ "pdf", "pptx" or "" judged by content alone."""
    head = _head(file)
    if head.startswith(PDF_MAGIC):
        return "pdf"
    if head.startswith(ZIP_MAGIC) and _is_pptx(file):
        return "pptx"
    return ""


def validate_slides(value) -> None:
    """Refuse slides that are too large, of another type, or whose content
    does not match their extension."""
    if not value:
        return
    name = getattr(value, "name", "") or ""
    extension = PurePath(name).suffix.lower().lstrip(".")
    limit = slides_max_bytes()
    size = getattr(value, "size", None)
    if size is not None and size > limit:
        raise ValidationError(
            f"{FIELD_LABEL}: filen fylder {_megabytes(size)}; højst "
            f"{_megabytes(limit)} er tilladt.",
            code="too_large",
        )
    if extension not in ("pdf", "pptx"):
        raise ValidationError(
            f"{FIELD_LABEL}: vælg en PDF- eller PowerPoint-fil (.pdf eller .pptx).",
            code="extension",
        )
    file = getattr(value, "file", value)
    try:
        head = _head(file)
        kind = slides_kind(file)
    except (OSError, ValueError) as error:
        raise ValidationError(
            f"{FIELD_LABEL}: filen kunne ikke læses.", code="unreadable"
        ) from error
    if any(head.startswith(magic) for magic in EXECUTABLE_MAGIC):
        raise ValidationError(
            f"{FIELD_LABEL}: filen er et program, ikke en præsentation, selv om "
            f"den hedder .{extension}. Den er afvist.",
            code="executable",
        )
    if kind != extension:
        expected = "en PDF" if extension == "pdf" else "en PowerPoint-præsentation"
        raise ValidationError(
            f"{FIELD_LABEL}: filen hedder .{extension}, men indholdet er ikke "
            f"{expected}. Gem den igen som PDF eller PPTX, og prøv igen.",
            code="content",
        )
