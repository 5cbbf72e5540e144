"""News in every output beside its page: the front page, search, feeds,
sitemap, API and structured data."""

from __future__ import annotations

import datetime
import json
from urllib.parse import urlsplit

import feedparser
import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from lxml import etree
from wagtail.models import PageViewRestriction

from almenhub.news.factories import news_create
from almenhub.news.services import news_index_get_or_create
from almenhub.projects.factories import project_create
from almenhub.projects.models import ProjectPage
from almenhub.taxonomy.models import Theme

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_cache(settings):
    cache.clear()
    settings.OPENDATA_RATE_LIMIT = 100_000
    yield
    cache.clear()


@pytest.fixture
def nature() -> Theme:
    return Theme.objects.get(slug="natur-og-biodiversitet")


@pytest.fixture
def project(programme) -> ProjectPage:
    return project_create(programme=programme, title="Vilde enge", slug="vilde-enge")


@pytest.fixture
def articles(home_page, nature, project):
    news_index_get_or_create()
    older = news_create(
        title="Engblomster i Aarhus",
        date=datetime.date(2023, 6, 12),
        teaser="Boligselskabet lod græsset gro.",
        byline="Mette Jensen for Boligselskabet Test",
        body=[("paragraph", "<p>Sommerfuglene kom tilbage.</p>")],
        themes=[nature],
        related_projects=[project],
    )
    newer = news_create(
        title="Ny rapport om drift",
        date=datetime.date(2024, 5, 7),
        teaser="Driften skaber værdi.",
    )
    private = news_create(title="Intern nyhed", date=datetime.date(2024, 5, 8))
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.LOGIN
    )
    return older, newer


def test_front_page_shows_the_newest_news(client, articles):
    soup = BeautifulSoup(client.get("/").content, "html.parser")
    section = soup.find("h2", string="Nyheder").find_parent("section")
    assert [a.get_text() for a in section.select(".card__title a")] == [
        "Ny rapport om drift",
        "Engblomster i Aarhus",
    ]
    assert section.find("a", string="Alle nyheder")["href"] == "/nyheder/"


def test_search_finds_news_at_their_dated_address(client, articles):
    soup = BeautifulSoup(
        client.get("/soeg/", {"q": "sommerfuglene"}).content, "html.parser"
    )
    links = [a["href"] for a in soup.select("main a[href^='/nyheder/']")]
    assert "/nyheder/2023/06/engblomster-i-aarhus/" in links
    only_news = client.get("/soeg/", {"q": "drift", "type": "nyhed"}).content
    soup = BeautifulSoup(only_news, "html.parser")
    assert soup.select_one(".hit__kind").get_text(strip=True) == "Nyhed · 2024"
    assert soup.select_one("main a[href='/nyheder/2024/05/ny-rapport-om-drift/']")
    assert b"Intern nyhed" not in client.get("/soeg/", {"q": "intern"}).content


def test_news_feed_names_the_byline_as_author(client, articles):
    response = client.get("/feeds/nyheder/atom/")
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo
    assert feed.feed.title == "almenhub: nyheder"
    assert feed.feed.author_detail.name == "almenhub"
    titles = [e.title for e in feed.entries]
    assert titles == ["Ny rapport om drift", "Engblomster i Aarhus"]
    first, second = feed.entries
    assert second.author == "Mette Jensen for Boligselskabet Test"
    assert second.link.endswith("/nyheder/2023/06/engblomster-i-aarhus/")
    # By the article's date, not the day it was put on the site.
    assert second.published.startswith("2023-06-12")
    rss = feedparser.parse(client.get("/feeds/nyheder/rss/").content)
    assert [e.title for e in rss.entries] == titles


def test_site_and_theme_feeds_carry_news(client, articles, nature):
    site = feedparser.parse(client.get("/feeds/atom/").content)
    assert "Nyhed: Engblomster i Aarhus" in {e.title for e in site.entries}
    theme = feedparser.parse(client.get(f"/feeds/tema/{nature.slug}/atom/").content)
    titles = {e.title for e in theme.entries}
    assert "Nyhed: Engblomster i Aarhus" in titles
    assert "Nyhed: Ny rapport om drift" not in titles


def test_sitemap_lists_articles_and_their_archives(client, articles):
    response = client.get("/sitemap-sider.xml")
    root = etree.fromstring(response.content)
    locations = {
        loc.text
        for loc in root.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")
    }
    expected = {
        "/nyheder/",
        "/nyheder/2023/06/engblomster-i-aarhus/",
        "/nyheder/2024/05/ny-rapport-om-drift/",
        "/nyheder/2024/",
        "/nyheder/2024/05/",
        "/nyheder/2023/06/",
    }
    paths = {urlsplit(loc).path for loc in locations}
    assert expected <= paths, paths
    assert not any("intern-nyhed" in p for p in paths)
    for path in expected:
        assert client.get(path).status_code == 200, path


def test_api_lists_and_details_news(client, articles, nature, project):
    older, newer = articles
    response = client.get("/api/v1/news/")
    assert response.status_code == 200
    data = response.json()
    assert data["count"] == 2
    by_title = {row["title"]: row for row in data["results"]}
    row = by_title["Engblomster i Aarhus"]
    assert row["url"] == "http://testserver/nyheder/2023/06/engblomster-i-aarhus/"
    assert row["date"] == "2023-06-12"
    assert row["byline"] == "Mette Jensen for Boligselskabet Test"
    assert row["themes"][0]["slug"] == nature.slug
    assert [p["id"] for p in row["related_projects"]] == [project.pk]

    filtered = client.get("/api/v1/news/", {"year": 2024, "month": 5}).json()
    assert [r["title"] for r in filtered["results"]] == ["Ny rapport om drift"]
    by_theme = client.get("/api/v1/news/", {"theme": nature.slug}).json()
    assert [r["title"] for r in by_theme["results"]] == ["Engblomster i Aarhus"]

    detail = client.get(f"/api/v1/news/{older.pk}/").json()
    assert "Sommerfuglene kom tilbage." in detail["body_html"]
    assert client.get(f"/api/v1/news/{older.pk}/", {"fields": "id,date"}).json() == {
        "id": older.pk,
        "date": "2023-06-12",
    }


def test_api_says_what_is_wrong_in_danish(client, articles):
    # A month alone is that month in every year (OpenAPI 3.0 cannot say that
    # one parameter needs another, so the schema's promise holds alone).
    june = client.get("/api/v1/news/", {"month": 6})
    assert june.status_code == 200
    assert [r["title"] for r in june.json()["results"]] == ["Engblomster i Aarhus"]
    assert (
        client.get("/api/v1/news/", {"month": 6, "year": 2024}).json()["results"] == []
    )
    assert client.get("/api/v1/news/", {"month": 13}).status_code == 400
    unknown = client.get("/api/v1/news/", {"theme": "findes-ikke"})
    assert unknown.status_code == 400 and "Ukendt tema" in unknown.json()["detail"]
    missing = client.get("/api/v1/news/999999/")
    assert missing.status_code == 404
    assert "Nyhed 999999 findes ikke" in missing.json()["detail"]


def _json_ld(html: bytes) -> dict:
    soup = BeautifulSoup(html, "html.parser")
    return json.loads(soup.find("script", type="application/ld+json").string)


def test_article_is_a_news_article_for_search_engines(client, articles, project):
    older, _ = articles
    data = _json_ld(client.get(older.url).content)
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == "Engblomster i Aarhus"
    assert data["datePublished"] == "2023-06-12"
    assert data["author"] == {
        "@type": "Person",
        "name": "Mette Jensen for Boligselskabet Test",
    }
    assert data["publisher"]["name"] == "almenhub"
    assert data["description"] == "Boligselskabet lod græsset gro."
    assert data["about"] == [
        {
            "@type": "Project",
            "name": project.title,
            "url": "http://testserver/udviklingsprojekter/vilde-enge/",
        }
    ]
    listing = _json_ld(client.get("/nyheder/").content)
    assert listing["@type"] == "CollectionPage"
