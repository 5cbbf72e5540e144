"""The demo's news, theme page and content pages (content/pages.toml)."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from almenhub.contentpages.models import ContentPage, MemberListPage
from almenhub.demo.pages import article_body, demo_pages_load
from almenhub.news.models import NewsPage
from almenhub.organisations.models import Organisation
from almenhub.themepages.models import ThemeHubPage

pytestmark = pytest.mark.django_db


def test_quotes_and_headings_become_blocks():
    assert article_body(
        "Tekst.\n\n## Rubrik\n\n> Et citat\n> i to linjer.\n— Mette"
    ) == [
        ("paragraph", "<p>Tekst.</p>"),
        ("heading", "Rubrik"),
        ("quote", {"text": "Et citat i to linjer.", "attribution": "Mette"}),
    ]


def test_demo_pages_load_once_and_render(client, home_page):
    for name in ("Boligselskabet Fjordbo", "Rådgiveren A/S"):
        Organisation.objects.create(name=name)
    created = demo_pages_load()
    assert created == NewsPage.objects.count() + ThemeHubPage.objects.count() + (
        ContentPage.objects.count() + MemberListPage.objects.count()
    )
    assert NewsPage.objects.count() == 3 and ThemeHubPage.objects.count() == 1
    assert demo_pages_load() == 0

    news = BeautifulSoup(client.get("/nyheder/").content, "html.parser")
    assert [a.get_text() for a in news.select(".news-list .card__title a")] == [
        "Sommerens møder er fyldt op",
        "Vild med vilje får følgeskab af tre nye afdelinger",
        "Ny rapport samler erfaringer fra ERFA-møderne",
    ]
    article = client.get(
        "/nyheder/2024/03/ny-rapport-samler-erfaringer-fra-erfa-moederne/"
    )
    assert article.status_code == 200
    assert b"Driftschef i Boligselskabet Fjordbo" in article.content
    for path in (
        "/temasider/natur-paa-friarealerne/",
        "/om/",
        "/om/kontakt/",
        "/slaaplan-for-vilde-arealer/",
    ):
        assert client.get(path).status_code == 200, path
    members = client.get("/om/medlemskab/medlemmer/").content.decode()
    assert "Boligselskabet Fjordbo" in members and "Rådgiveren" not in members
    hub = client.get("/temasider/natur-paa-friarealerne/").content.decode()
    assert "Slåplan for vilde arealer" in hub  # a tool page of its theme
