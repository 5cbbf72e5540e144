"""Slides are checked by what they contain, not by what they are called."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from almenhub.meetings.services import ContributionInput, contribution_create
from almenhub.meetings.validators import validate_slides

pytestmark = pytest.mark.django_db

MINIMAL_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)
ELF = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 200
WINDOWS_EXE = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 200


def zip_bytes(names: list[str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in names:
            archive.writestr(name, "<xml/>")
    return buffer.getvalue()


MINIMAL_PPTX = zip_bytes(["[Content_Types].xml", "_rels/.rels", "ppt/presentation.xml"])
MINIMAL_DOCX = zip_bytes(["[Content_Types].xml", "word/document.xml"])


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def test_a_real_pdf_and_a_real_pptx_are_accepted(meeting):
    pdf = contribution_create(
        meeting=meeting,
        data=ContributionInput(title="Græs og biodiversitet"),
        slides=upload("oplaeg.pdf", MINIMAL_PDF),
    )
    pptx = contribution_create(
        meeting=meeting,
        data=ContributionInput(title="Affald", is_highlight=True),
        slides=upload("oplaeg.pptx", MINIMAL_PPTX),
    )
    assert pdf.slides.name.endswith(".pdf")
    assert pptx.slides.read().startswith(b"PK")
    assert pptx.is_highlight


@pytest.mark.parametrize(
    ("name", "content"),
    [("oplaeg.pdf", ELF), ("oplaeg.pdf", WINDOWS_EXE), ("oplaeg.pptx", WINDOWS_EXE)],
)
def test_a_renamed_executable_is_refused(meeting, name, content):
    with pytest.raises(ValidationError) as excinfo:
        contribution_create(
            meeting=meeting,
            data=ContributionInput(title="Virus"),
            slides=upload(name, content),
        )
    (message,) = excinfo.value.message_dict["slides"]
    assert message.startswith("Præsentation: filen er et program")
    assert not meeting.contributions.exists()


@pytest.mark.parametrize(
    ("name", "content", "fragment"),
    [
        ("oplaeg.pptx", MINIMAL_PDF, "indholdet er ikke en PowerPoint"),
        ("oplaeg.pdf", MINIMAL_PPTX, "indholdet er ikke en PDF"),
        ("oplaeg.pptx", MINIMAL_DOCX, "indholdet er ikke en PowerPoint"),
        ("oplaeg.pptx", b"PK\x03\x04 not really a zip", "indholdet er ikke"),
        ("oplaeg.docx", MINIMAL_DOCX, "vælg en PDF- eller PowerPoint-fil"),
        ("oplaeg.exe", MINIMAL_PDF, "vælg en PDF- eller PowerPoint-fil"),
    ],
)
def test_content_must_match_the_extension(name, content, fragment):
    with pytest.raises(ValidationError) as excinfo:
        validate_slides(upload(name, content))
    assert excinfo.value.messages[0].startswith("Præsentation:")
    assert fragment in excinfo.value.messages[0]


def test_too_large_is_refused(settings):
    settings.MEETINGS_SLIDES_MAX_BYTES = 1024
    with pytest.raises(ValidationError) as excinfo:
        validate_slides(upload("stor.pdf", MINIMAL_PDF + b"0" * 2000))
    assert "højst" in excinfo.value.messages[0]
    validate_slides(upload("lille.pdf", MINIMAL_PDF))


def test_the_admin_form_refuses_a_renamed_executable(meeting, editor, client):
    client.force_login(editor)
    response = client.post(
        "/admin/snippets/meetings/contribution/add/",
        {
            "meeting": meeting.pk,
            "title": "Snydefil",
            "slides": upload("slides.pdf", ELF),
            "sort_order": 0,
        },
    )
    assert response.status_code == 200
    assert "Præsentation: filen er et program" in response.content.decode()
    assert not meeting.contributions.exists()
