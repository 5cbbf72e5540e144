"""The builder: content → Typst PDF → publication page → project."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from almenhub.projects.models import ProjectPage
from almenhub.publishing.compiler import publication_pdf
from almenhub.publishing.content import publication_content
from almenhub.publishing.models import CompileStatus, PublicationDraft
from almenhub.publishing.services import Outcome, publication_compile

pytestmark = pytest.mark.django_db


def pdf_text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return "\n".join(page.extract_text() for page in reader.pages)


def squash(text: str) -> str:
    return " ".join(text.split())


def test_chapters_follow_the_first_parent_theme_in_editor_order(draft):
    content = publication_content(draft=draft)
    assert [c.title for c in content.chapters] == [
        "Energi, klima og miljø",
        "Drift og administration",
    ]
    assert [e.title for e in content.chapters[0].examples] == [
        "Vild eng i stedet for græsplæne",
        "Insekthoteller bygget af beboerne",
    ]
    first = content.chapters[0].examples[0]
    assert [b.title for b in first.building_blocks][0] == "Kortlæg arealerne"
    assert len(first.values) == 2 and first.values[0].period == "2024"
    assert first.contacts[0].email == "kontakt1@example.dk"
    assert first.facts[0].heading == "Vidste du ..."
    # A contact who has not agreed is named, but without mail and phone.
    hidden = content.chapters[0].examples[1].contacts[0]
    assert hidden.name == "Kontakt Person 3"
    assert (hidden.email, hidden.phone) == ("", "")


def test_the_pdf_holds_toc_chapters_and_examples(draft):
    content = publication_content(draft=draft)
    pdf = publication_pdf(content=content)
    assert pdf.startswith(b"%PDF-")
    reader = PdfReader(io.BytesIO(pdf))
    text = squash(pdf_text(pdf))
    assert "Indhold" in text
    for title in (
        "Indledning",
        "Energi, klima og miljø",
        "Drift og administration",
        "Vild eng i stedet for græsplæne",
        "Fælles affaldsøer med sortering",
        "Insekthoteller bygget af beboerne",
        "Byggesten til genbrug",
        "Værdi på bundlinjen",
        "Kortlæg arealerne",
        "kontakt1@example.dk",
    ):
        assert title in text, title
    assert "kontakt3@example.dk" not in text
    # User text is printed, never read as Typst markup.
    assert "#1 [fra] *møderne* $5 <tag>" in text
    # The table of contents lists the chapters and examples with page numbers.
    toc = squash(reader.pages[2].extract_text())
    assert toc.startswith("Indhold")
    assert "Vild eng i stedet for græsplæne" in toc
    # Tagged, Danish, titled: what a screen reader needs.
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "da-DK" or str(root["/Lang"]).startswith("da")
    assert "/StructTreeRoot" in root
    assert root["/MarkInfo"]["/Marked"]
    assert reader.metadata.title == "Værdiskabende gentagelser"
    assert b"pdfuaid" in pdf


def test_same_content_gives_the_same_bytes(draft):
    content = publication_content(draft=draft)
    assert publication_pdf(content=content) == publication_pdf(content=content)


def test_compiling_publishes_the_page_document_and_project_item(
    draft, series_with_project
):
    draft.meeting_series = series_with_project
    draft.save()
    result = publication_compile(draft=draft)
    assert result.outcome == Outcome.COMPILED
    assert result.examples == 3 and result.pages >= 5
    draft.refresh_from_db()
    page = draft.publication
    assert page.live and page.title == "Værdiskabende gentagelser"
    assert page.document_id == draft.document_id
    with page.document.file.open("rb") as f:
        assert f.read(5) == b"%PDF-"
    headings = [b.value for b in page.body if b.block_type == "heading"]
    assert headings == [
        "Indledning",
        "Energi, klima og miljø",
        "Drift og administration",
    ]
    html = "".join(b.value.source for b in page.body if b.block_type == "paragraph")
    assert "Vild eng i stedet for græsplæne" in html
    assert "Byggesten til genbrug" in html
    assert "$5 &lt;tag&gt;" in html
    project = ProjectPage.objects.get(pk=series_with_project.project_id)
    assert list(page.projects.all()) == [project]
    deliverable = project.deliverables.get()
    assert deliverable.publication_id == page.pk
    assert deliverable.kind == "report"
    # The project's latest revision has it too, so a later publish keeps it.
    latest = project.get_latest_revision_as_object()
    assert [d.publication_id for d in latest.deliverables.all()] == [page.pk]


def test_recompiling_unchanged_content_changes_nothing(draft, series_with_project):
    draft.meeting_series = series_with_project
    draft.save()
    publication_compile(draft=draft)
    draft.refresh_from_db()
    document_id, file_name = draft.document_id, draft.document.file.name
    revisions = draft.publication.revisions.count()
    again = publication_compile(draft=draft)
    assert again.outcome == Outcome.UNCHANGED
    draft.refresh_from_db()
    assert (draft.document_id, draft.document.file.name) == (document_id, file_name)
    assert draft.publication.revisions.count() == revisions
    project = ProjectPage.objects.get(pk=series_with_project.project_id)
    assert project.deliverables.count() == 1


def test_a_changed_example_is_compiled_again(draft):
    publication_compile(draft=draft)
    draft.refresh_from_db()
    old_file = draft.document.file.name
    draft.title = "Værdiskabende gentagelser – 2. udgave"
    draft.save()
    result = publication_compile(draft=draft)
    assert result.outcome == Outcome.COMPILED
    draft.refresh_from_db()
    assert draft.publication.title.endswith("2. udgave")
    assert not draft.document.file.storage.exists(old_file) or (
        draft.document.file.name == old_file
    )


def test_the_task_stores_status_and_progress(draft, django_capture_on_commit_callbacks):
    from almenhub.publishing.tasks import draft_compile_enqueue

    with django_capture_on_commit_callbacks(execute=True):
        draft_compile_enqueue(draft=draft)
    draft.refresh_from_db()
    assert draft.status == CompileStatus.DONE
    assert draft.progress == 100
    assert draft.progress_message.startswith("Færdig")
    assert draft.pages and draft.publication_id


def test_a_draft_without_examples_fails_with_a_danish_message(
    home_page, django_capture_on_commit_callbacks
):
    from almenhub.publishing.tasks import draft_compile_enqueue

    empty = PublicationDraft.objects.create(title="Tom")
    with django_capture_on_commit_callbacks(execute=True):
        draft_compile_enqueue(draft=empty)
    empty.refresh_from_db()
    assert empty.status == CompileStatus.FAILED
    assert "ingen eksempler" in empty.error


def test_an_unpublished_example_is_left_out(draft, examples):
    examples[1].unpublish()
    content = publication_content(draft=draft)
    titles = [e.title for c in content.chapters for e in c.examples]
    assert "Fælles affaldsøer med sortering" not in titles
    assert [c.title for c in content.chapters] == ["Energi, klima og miljø"]


def test_the_cover_title_is_not_hyphenated(draft):
    # At 32 pt this title once broke as "ek-sempler" on the cover.
    draft.title = "Værdiskabende drift – 60 eksempler"
    pdf = publication_pdf(content=publication_content(draft=draft))
    cover = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert "eksempler" in cover and "ek-" not in cover


def test_a_private_example_is_left_out(draft, examples):
    from wagtail.models import PageViewRestriction

    PageViewRestriction.objects.create(
        page=examples[1], restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    content = publication_content(draft=draft)
    titles = [e.title for c in content.chapters for e in c.examples]
    assert "Fælles affaldsøer med sortering" not in titles
    assert "Vild eng i stedet for græsplæne" in titles
