"""Feeds, sitemap and robots.txt, read by real parsers."""

from __future__ import annotations

import urllib.robotparser
from urllib.parse import urlsplit

import feedparser
import pytest
from defusedxml import ElementTree

from almenhub.opendata.tests.conftest import HAS_MEETINGS

pytestmark = pytest.mark.django_db

SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def parse_feed(client, url: str):
    response = client.get(url)
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    return response, feed


@pytest.mark.parametrize(
    ("url", "version", "content_type"),
    [
        ("/feeds/rss/", "rss20", "application/rss+xml"),
        ("/feeds/atom/", "atom10", "application/atom+xml"),
    ],
)
def test_site_feeds(client, catalogue, url, version, content_type):
    response, feed = parse_feed(client, url)
    assert response["Content-Type"].startswith(content_type)
    assert feed.version == version
    assert feed.feed.title == "almenhub: nye projekter, publikationer og møder"
    titles = [entry.title for entry in feed.entries]
    assert "Projekt: Værdiskabende gentagelser" in titles
    assert "Publikation: Værdiskabende gentagelser" in titles
    if HAS_MEETINGS:
        assert "Møde: ERFA-møde i Aarhus" in titles
    for entry in feed.entries:
        assert entry.link.startswith("http://testserver/")
        assert entry.published_parsed is not None
    newest_first = [entry.published_parsed for entry in feed.entries]
    assert newest_first == sorted(newest_first, reverse=True)
    project = next(
        e for e in feed.entries if e.title == "Projekt: Elektrisk snerydning"
    )
    assert project.link == "http://testserver/udviklingsprojekter/elektrisk-snerydning/"
    assert "Batteridrevne maskiner" in project.summary
    assert {"Projekt", "Energi og ressourcer"} <= {t.term for t in project.tags}


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_theme_feeds(client, catalogue, kind):
    _, feed = parse_feed(client, f"/feeds/tema/natur-og-biodiversitet/{kind}/")
    assert feed.feed.title == "almenhub: nyt om Natur og biodiversitet"
    titles = {entry.title for entry in feed.entries}
    expected = {
        "Projekt: Værdiskabende gentagelser",
        "Projekt: Vild eng i stedet for græsslåning",
        "Projekt: Grønne områder i byen",
        # Through the project it came out of.
        "Publikation: Værdiskabende gentagelser",
    }
    if HAS_MEETINGS:
        expected.add("Møde: ERFA-møde i Aarhus")
    assert titles == expected
    # A parent theme gathers its children's news.
    _, parent = parse_feed(client, f"/feeds/tema/energi-klima-og-miljoe/{kind}/")
    assert "Projekt: Elektrisk snerydning" in {e.title for e in parent.entries}
    assert client.get(f"/feeds/tema/findes-ikke/{kind}/").status_code == 404


def test_pages_link_to_the_feed(client, catalogue):
    html = client.get(catalogue.seed.url).content.decode()
    assert (
        '<link rel="alternate" type="application/rss+xml" title="almenhub: nyt" '
        'href="/feeds/rss/">'
    ) in html


def _locations(client, url: str, tag: str) -> list[str]:
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    root = ElementTree.fromstring(response.content)
    assert root.tag == f"{{{SITEMAP_NS['sm']}}}{tag}"
    return [loc.text for loc in root.iterfind(".//sm:loc", SITEMAP_NS)]


def test_sitemap_lists_every_public_page(client, catalogue):
    sections = _locations(client, "/sitemap.xml", "sitemapindex")
    assert len(sections) == 3
    locations: list[str] = []
    for section in sections:
        parts = urlsplit(section)
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        locations += _locations(client, path, "urlset")
    paths = {urlsplit(loc).path for loc in locations}
    for page in catalogue.projects:
        assert page.url in paths
    assert catalogue.publication.url in paths
    assert "/tema/natur-og-biodiversitet/" in paths
    assert "/soeg/projekter/" in paths
    assert "/" in paths
    assert not any(p.startswith(("/admin/", "/api/")) for p in paths)


def test_robots_txt(client, db):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    robots = urllib.robotparser.RobotFileParser()
    robots.parse(response.content.decode().splitlines())
    assert not robots.can_fetch("*", "http://testserver/admin/")
    assert not robots.can_fetch("*", "http://testserver/admin/pages/")
    assert not robots.can_fetch("*", "http://testserver/soeg/?q=affald")
    assert not robots.can_fetch("*", "http://testserver/eksport/soeg.csv")
    assert robots.can_fetch("*", "http://testserver/udviklingsprojekter/x/")
    assert robots.can_fetch("*", "http://testserver/tema/natur-og-biodiversitet/")
    assert robots.can_fetch("*", "http://testserver/api/v1/docs/")
    assert robots.site_maps() == ["http://testserver/sitemap.xml"]
