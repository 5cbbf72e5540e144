"""Feeds, sitemap and robots.txt, read by real parsers."""

from __future__ import annotations

import urllib.robotparser
from urllib.parse import urlsplit

import feedparser
import pytest
from defusedxml import ElementTree
from lxml import etree

from almenhub.opendata.tests.conftest import HAS_MEETINGS
from almenhub.publications.models import PublicationPage
from almenhub.taxonomy.models import Theme

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
    assert feed.feed.title == (
        "almenhub: nye projekter, publikationer, møder og nyheder"
    )
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
        "Nyhed: Engen blomstrer",
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
    assert not any(p.startswith("/soeg/") for p in paths)  # they say noindex
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


# -- RFC 4287 §4.1.1: an Atom feed names an author, on the feed or on every entry

ATOM = {"atom": "http://www.w3.org/2005/Atom"}


def atom_urls() -> list[str]:
    themes = Theme.objects.order_by("pk").values_list("slug", flat=True)
    return ["/feeds/atom/", *(f"/feeds/tema/{slug}/atom/" for slug in themes)]


def rfc4287_authored(xml: bytes) -> bool:
    """atom:feed has an atom:author with an atom:name, or every atom:entry
    has one (§4.1.1, §3.2)."""
    root = etree.fromstring(xml)
    if root.xpath("atom:author/atom:name[normalize-space()]", namespaces=ATOM):
        return True
    entries = root.xpath("atom:entry", namespaces=ATOM)
    return bool(entries) and all(
        e.xpath("atom:author/atom:name[normalize-space()]", namespaces=ATOM)
        for e in entries
    )


def test_every_atom_feed_has_an_author(client, catalogue):
    urls = atom_urls()
    assert len(urls) == 1 + Theme.objects.count() > 10
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert rfc4287_authored(response.content), url
        feed = feedparser.parse(response.content)
        assert not feed.bozo, (url, feed.get("bozo_exception"))
        assert feed.feed.author_detail.name == "almenhub", url
        assert feed.feed.author_detail.href == "http://testserver/", url


def test_entries_name_who_made_them(client, catalogue):
    PublicationPage.objects.filter(pk=catalogue.publication.pk).update(
        prepared_by="Grøn Hverdag ApS"
    )
    feed = feedparser.parse(client.get("/feeds/atom/").content)
    authors = {e.title: e.get("author") for e in feed.entries}
    project = catalogue.seed
    assert authors[f"Projekt: {project.title}"] == project.owner_organisation.name
    publication = catalogue.publication
    assert authors[f"Publikation: {publication.title}"] == "Grøn Hverdag ApS"
    # RSS carries the same names (as dc:creator, since there is no e-mail).
    rss = feedparser.parse(client.get("/feeds/rss/").content)
    assert {e.title: e.get("author") for e in rss.entries} == authors


# -- the sitemap offers nothing that asks not to be indexed

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def _sitemap_locations(client, path: str) -> list[str]:
    response = client.get(path)
    assert response.status_code == 200, path
    root = etree.fromstring(response.content)
    return [loc.text for loc in root.iter(f"{SITEMAP}loc")]


def _noindex(response) -> bool:
    if "noindex" in response.get("X-Robots-Tag", ""):
        return True
    html = etree.HTML(response.content)
    robots = html.xpath("//meta[@name='robots']/@content") if html is not None else []
    return any("noindex" in value for value in robots)


def test_the_sitemap_lists_no_noindex_address(client, catalogue):
    locations = []
    for section in _sitemap_locations(client, "/sitemap.xml"):
        parts = urlsplit(section)
        locations += _sitemap_locations(
            client, parts.path + (f"?{parts.query}" if parts.query else "")
        )
    assert len(locations) > 20
    assert _noindex(client.get("/soeg/projekter/"))  # what was listed before
    for location in locations:
        response = client.get(urlsplit(location).path)
        assert response.status_code == 200, location
        assert not _noindex(response), location
