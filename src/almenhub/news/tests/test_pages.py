"""News through the site as a visitor reads it: dated addresses, the
archive, redirects, privacy."""

from __future__ import annotations

import datetime

import pytest
from wagtail.models import PageViewRestriction

from almenhub.news.factories import news_create
from almenhub.news.services import news_index_get_or_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def index(home_page):
    return news_index_get_or_create()


def test_article_lives_at_its_dated_address(client, index):
    article = news_create(
        title="Ny driftshåndbog",
        date=datetime.date(2024, 5, 7),
        teaser="En kort manchet.",
        byline="Mette Jensen for Boligselskabet Test",
        image_credit="Foto: Jens Hansen",
    )
    assert article.url == "/nyheder/2024/05/ny-driftshaandbog/"
    html = client.get(article.url).content.decode()
    assert html.count("<h1") == 1
    assert "<h1>Ny driftshåndbog</h1>" in html
    assert "En kort manchet." in html
    assert "Af Mette Jensen for Boligselskabet Test" in html
    assert "Foto: Jens Hansen" in html
    assert '<time datetime="2024-05-07">7. maj 2024</time>' in html
    assert 'aria-label="Brødkrumme"' in html and 'href="/nyheder/">Nyheder' in html


def test_tree_address_and_wrong_month_redirect_to_the_dated_one(client, index):
    article = news_create(title="Flyttet", date=datetime.date(2023, 11, 2))
    for old in (
        "/nyheder/flyttet/",
        "/nyheder/2022/01/flyttet/",
        "/nyheder/2023/1/flyttet/",
    ):
        response = client.get(old)
        assert response.status_code == 301, old
        assert response["Location"] == article.url
    assert client.get("/nyheder/2023/11/findes-ikke/").status_code == 404


def test_unpublished_and_private_articles_are_not_served(client, index):
    draft = news_create(title="Kladde", date=datetime.date(2024, 1, 5), live=False)
    assert client.get("/nyheder/2024/01/kladde/").status_code == 404
    private = news_create(title="Intern", date=datetime.date(2024, 1, 6))
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.LOGIN
    )
    response = client.get(private.url)
    assert response.status_code == 302 and "login" in response["Location"]
    listing = client.get("/nyheder/").content.decode()
    assert "Intern" not in listing and draft.title not in listing


def test_archive_by_year_and_month(client, index):
    news_create(title="Maj-nyhed", date=datetime.date(2024, 5, 1))
    news_create(title="Juni-nyhed", date=datetime.date(2024, 6, 1))
    news_create(title="Gammel nyhed", date=datetime.date(2021, 3, 1))

    year = client.get("/nyheder/2024/").content.decode()
    assert "<h1>Nyheder fra 2024</h1>" in year
    assert year.index("Juni-nyhed") < year.index("Maj-nyhed")
    assert "Gammel nyhed" not in year
    assert '<a href="/nyheder/2024/06/">juni</a>' in year

    month = client.get("/nyheder/2024/05/").content.decode()
    assert "<h1>Nyheder fra maj 2024</h1>" in month
    assert "Maj-nyhed" in month and "Juni-nyhed" not in month

    for empty in ("/nyheder/2019/", "/nyheder/2024/13/", "/nyheder/2024/02/"):
        assert client.get(empty).status_code == 404, empty


def test_archive_is_paginated_in_danish(client, index, monkeypatch):
    monkeypatch.setattr("almenhub.news.models.NEWS_PER_PAGE", 2)
    for day in range(1, 6):
        news_create(title=f"Nyhed {day}", date=datetime.date(2024, 5, day))
    first = client.get("/nyheder/2024/05/").content.decode()
    assert "Side 1 af 3" in first and "Nyhed 5" in first and "Nyhed 3" not in first
    last = client.get("/nyheder/2024/05/?side=3").content.decode()
    assert "Nyhed 1" in last and "‹ Forrige" in last
