"""Snippets keep the words apart where blocks of text meet, and mark the
words that matched, on every engine."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from almenhub.projects.records import BodyPart, ProjectRecord
from almenhub.projects.services import project_upsert
from almenhub.search.services import search_rebuild

pytestmark = pytest.mark.django_db


@pytest.fixture
def blocks_page(programme, engine_name):
    record = ProjectRecord(
        title="Plejeplan for afdelingens udearealer",
        teaser="En plan for græs og buske.",
        body=[
            BodyPart("paragraph", "Planen dækker alle friarealer"),
            BodyPart("paragraph", "Velfærdsudfordringer løses med beboerne"),
            BodyPart("list", items=["Engparken", "Boligforeningen Ringgården"]),
            BodyPart("paragraph", "Tal & fakta"),
        ],
    )
    page = project_upsert(programme=programme, record=record, source_key="s-1").page
    search_rebuild(engine_name=engine_name)
    return page


def test_words_from_adjoining_blocks_are_found_and_shown_apart(client, blocks_page):
    response = client.get("/soeg/", {"q": "velfærdsudfordringer"})
    soup = BeautifulSoup(response.content, "html.parser")
    hits = soup.select("ol#search-results > li")
    assert [h.find("a")["href"] for h in hits] == [blocks_page.url]
    snippet = hits[0].select_one(".hit__snippet")
    text = " ".join(snippet.get_text().split())
    assert "friarealer Velfærdsudfordringer" in text
    assert "Engparken Boligforeningen" in text
    assert [m.get_text() for m in snippet.select("mark")] == ["Velfærdsudfordringer"]


def test_entities_are_text_not_markup(client, blocks_page):
    html = client.get("/soeg/", {"q": "fakta"}).content.decode()
    soup = BeautifulSoup(html, "html.parser")
    snippet = soup.select_one("ol#search-results .hit__snippet")
    assert "Tal & fakta" in " ".join(snippet.get_text().split())
