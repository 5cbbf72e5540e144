"""Snippets keep the words apart where blocks of text meet, and mark the
words that matched, on every engine."""

from __future__ import annotations

from html import escape

import pytest
from bs4 import BeautifulSoup
from django.utils.safestring import SafeString
from hypothesis import given, settings
from hypothesis import strategies as st

from almenhub.projects.records import BodyPart, ProjectRecord
from almenhub.projects.services import project_upsert
from almenhub.search.services import search_rebuild
from almenhub.search.snippets import (
    _TOKEN,
    BEFORE,
    MAX_KEPT_TEXT,
    WINDOW,
    _highlighted,
    _index_term,
    highlight,
)

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


def _highlight_escaping_each_slice(text, stems, *, max_words=WINDOW):
    """The highlighting as it was before the text between the marks was
    escaped only when it holds a character to escape (s27): each slice and
    each marked word through html.escape."""
    if not text:
        return ""
    tokens = _TOKEN.findall(text)
    offset = 0 if tokens[0][0].isalnum() or tokens[0][0] == "_" else 1
    words = tokens[offset::2]
    if not words:
        return escape(text)
    hit_words = [n for n, w in enumerate(words) if stems and _index_term(w) in stems]
    first_word = 0
    if hit_words and len(words) > max_words:
        # The first of the windows (from a few words before a match) that
        # holds the most matches, counted one by one.
        starts = [max(0, number - BEFORE) for number in hit_words]
        held = [sum(s <= h < s + max_words for h in hit_words) for s in starts]
        first_word = starts[held.index(max(held))]
    end_word = min(len(words), first_word + max_words)
    out = ["… "] if first_word > 0 else []
    position = 2 * first_word + offset
    for number in hit_words:
        if first_word <= number < end_word:
            token = 2 * number + offset
            out.append(escape("".join(tokens[position:token])))
            out.append(f"<mark>{escape(tokens[token])}</mark>")
            position = token + 1
    out.append(escape("".join(tokens[position : 2 * (end_word - 1) + offset + 1])))
    if end_word < len(words):
        out.append(" …")
    return "".join(out)


# Words that stem to the stems below and others, the characters html.escape
# changes, word characters that are not letters, and separators of every kind.
PIECES = st.sampled_from(
    ["græsslåning", "Græsset", "eng", "engene", "vild", "Åbrinken", "og", "i",
     "drift_plan", "2024", "²", "&", "<b>", '"', "'", "&amp;", " ", "  ", "\n",
     ", ", ". ", "–", "\x00", "…"]
)  # fmt: skip
STEMS = st.sets(st.sampled_from(["graesslaan", "graes", "eng", "vild", "aabrink"]))


@settings(max_examples=400, deadline=None)
@given(
    text=st.lists(PIECES, max_size=90).map("".join),
    stems=STEMS,
    max_words=st.sampled_from([1, 3, WINDOW, 60]),
)
def test_a_snippet_is_the_one_escaping_each_slice_made(text, stems, max_words):
    made = highlight(text, stems, max_words=max_words)
    assert isinstance(made, SafeString)
    assert made == _highlight_escaping_each_slice(text, stems, max_words=max_words)


def test_a_repeated_search_reuses_its_snippets_and_a_changed_page_shows_its_new_text(
    client, blocks_page, programme, engine_name
):
    def snippet() -> str:
        response = client.get("/soeg/", {"q": "velfærdsudfordringer"})
        soup = BeautifulSoup(response.content, "html.parser")
        return str(soup.select_one("ol#search-results .hit__snippet"))

    first = snippet()
    made = _highlighted.cache_info()
    assert snippet() == first
    again = _highlighted.cache_info()
    assert (again.misses, again.hits) == (made.misses, made.hits + 2)  # and title
    record = ProjectRecord(
        title="Plejeplan for afdelingens udearealer",
        teaser="En plan for græs og buske.",
        body=[BodyPart("paragraph", "Velfærdsudfordringer løses med naboerne")],
    )
    project_upsert(programme=programme, record=record, source_key="s-1")
    search_rebuild(engine_name=engine_name)
    changed = snippet()
    assert "naboerne" in changed and "friarealer" not in changed
    assert "<mark>Velfærdsudfordringer</mark>" in changed


def test_a_long_text_is_highlighted_alike_and_not_kept():
    """The memo's size is bounded by its texts' length: a document's long
    extracted text is made anew each time, the same snippet as the memo's."""
    text = "Græsset slås i engene. " * (MAX_KEPT_TEXT // 20)
    assert len(text) > MAX_KEPT_TEXT
    before = _highlighted.cache_info().currsize
    made = highlight(text, {"eng"})
    assert _highlighted.cache_info().currsize == before
    assert made == _highlight_escaping_each_slice(text, {"eng"}, max_words=WINDOW)
    assert made.count("<mark>engene</mark>") >= 1
    short = text[:MAX_KEPT_TEXT]
    highlight(short, {"eng"})
    assert _highlighted.cache_info().currsize == before + 1
