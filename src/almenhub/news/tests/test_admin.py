"""Editors write news, theme pages and content pages in the admin, where
each page type may go only where it belongs."""

from __future__ import annotations

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from almenhub.contentpages.models import ContentPage, MemberListPage
from almenhub.home.models import HomePage
from almenhub.news.models import NewsIndexPage, NewsPage
from almenhub.news.services import news_index_get_or_create
from almenhub.taxonomy.models import Theme
from almenhub.themepages.models import ThemeHubIndexPage, ThemeHubPage
from almenhub.themepages.services import theme_hub_index_get_or_create

pytestmark = pytest.mark.django_db


def add_url(app: str, model: str, parent) -> str:
    return reverse("wagtailadmin_pages:add", args=(app, model, parent.pk))


def test_editor_publishes_a_news_article_at_its_dated_address(client, editor):
    index = news_index_get_or_create()
    client.force_login(editor)
    form = client.get(add_url("news", "newspage", index)).content.decode()
    for label in ("Dato", "Skribent", "Manchet", "Fotokredit", "Relaterede projekter"):
        assert label in form, label
    data = nested_form_data(
        {
            "title": "Ny vejledning om enge",
            "slug": "ny-vejledning-om-enge",
            "date": "2024-05-07",
            "byline": "Mette Jensen",
            "teaser": "Vejledningen er klar.",
            "image_credit": "",
            "body": streamfield(
                [
                    ("heading", "Hvad står der?"),
                    ("paragraph", rich_text("<p>Alt om slåning.</p>")),
                ]
            ),
        }
    )
    data["themes"] = [str(Theme.objects.get(slug="natur-og-biodiversitet").pk)]
    data["action-publish"] = "action-publish"
    response = client.post(add_url("news", "newspage", index), data)
    assert response.status_code == 302, response.context["form"].errors
    page = NewsPage.objects.get()
    assert page.live and page.url == "/nyheder/2024/05/ny-vejledning-om-enge/"
    client.logout()
    html = client.get(page.url).content.decode()
    assert "<h2>Hvad står der?</h2>" in html and "Af Mette Jensen" in html


def test_a_news_article_without_a_title_says_so_in_danish(client, editor):
    index = news_index_get_or_create()
    client.force_login(editor)
    data = nested_form_data(
        {"title": "", "slug": "", "date": "2024-13-40", "body": streamfield([])}
    )
    response = client.post(add_url("news", "newspage", index), data)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "title" in errors and "date" in errors
    assert NewsPage.objects.count() == 0


def test_page_types_go_only_where_they_belong(home_page):
    news_index = news_index_get_or_create()
    hubs = theme_hub_index_get_or_create()
    assert NewsPage.can_create_at(news_index)
    assert not NewsPage.can_create_at(home_page)
    # One news index and one list of theme pages.
    assert not NewsIndexPage.can_create_at(home_page)
    assert not ThemeHubIndexPage.can_create_at(home_page)
    assert ThemeHubPage.can_create_at(hubs)
    assert not ThemeHubPage.can_create_at(news_index)
    hub = ThemeHubPage(title="Biodiversitet", slug="biodiversitet")
    hubs.add_child(instance=hub)
    assert ThemeHubPage.can_create_at(hub)
    assert ContentPage.can_create_at(hub)
    assert ContentPage.can_create_at(home_page)
    assert not ContentPage.can_create_at(news_index)
    assert MemberListPage.can_create_at(home_page)
    assert HomePage.objects.count() == 1
