"""“Mente du …?” and the empty result: a misspelt query is offered the words
the index holds, and a search that finds nothing offers a way on."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from almenhub.search.spelling import edit_distance

pytestmark = pytest.mark.django_db


def test_edit_distance_counts_edits_and_stops_at_the_limit():
    assert edit_distance("grasslaning", "graesslaaning", limit=2) == 2
    assert edit_distance("affaldssorterng", "affaldssortering", limit=2) == 1
    assert edit_distance("trappevask", "trappevaks", limit=2) == 1  # a swap
    assert edit_distance("trappe", "snerydning", limit=2) == 3


def test_two_letters_off_offers_the_word_the_index_holds(client, indexed):
    response = client.get("/soeg/", {"q": "grasslaning"})
    soup = BeautifulSoup(response.content, "html.parser")
    offer = soup.select_one(".did-you-mean a")
    assert offer is not None and offer.get_text(strip=True) == "græsslåning"
    follow = client.get("/soeg/" + offer["href"])
    titles = [
        " ".join(a.get_text().split())
        for a in BeautifulSoup(follow.content, "html.parser").select(
            "ol#search-results > li h3 a"
        )
    ]
    assert "Vild eng i stedet for græsslåning" in titles


def test_a_short_word_gets_one_edit_only(client, indexed):
    # "snerydnixx" is two edits from "snerydning" but a word of 10 letters:
    # offered; "trapxx" (6 letters, two edits from "trappe") is not.
    soup = BeautifulSoup(
        client.get("/soeg/", {"q": "snerydnixx"}).content, "html.parser"
    )
    assert soup.select_one(".did-you-mean a").get_text(strip=True) == "snerydning"
    soup = BeautifulSoup(client.get("/soeg/", {"q": "trapxx"}).content, "html.parser")
    assert soup.select_one(".did-you-mean") is None


def test_a_query_that_finds_enough_is_not_corrected(client, indexed):
    soup = BeautifulSoup(
        client.get("/soeg/", {"q": "snerydning"}).content, "html.parser"
    )
    assert soup.select_one(".did-you-mean") is None


def test_an_empty_result_offers_themes_and_the_newest(client, indexed):
    html = client.get("/soeg/", {"q": "zzzxqqq"}).content.decode()
    assert "Ingen træffere" not in html
    soup = BeautifulSoup(html, "html.parser")
    assert soup.select_one("h2#resultater").get_text(strip=True) == "Ingen resultater"
    way_on = soup.select_one(".search-empty")
    themes = [a.get_text(strip=True) for a in way_on.select(".search-empty__themes a")]
    assert "Energi, klima og miljø" in themes
    newest = [a.get_text(strip=True) for a in way_on.select(".search-empty__newest a")]
    assert newest and newest[0] == "Grønneområder i byen"  # the last published
