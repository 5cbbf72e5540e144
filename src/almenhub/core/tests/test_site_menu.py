"""The site header's menu is read once per content version
(core.context_processors): a second page reads no page tree for it, and a
page published into the menu shows on the next request."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext

from almenhub.contentpages.models import ContentPage

pytestmark = pytest.mark.django_db

# The children's read: a depth and a path range on the page table.
CHILDREN_READ = '"wagtailcore_page"."depth" = '


def menu(client, url: str = "/vaerdi/indikatorer/") -> tuple[list[str], int]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    titles = [a.get_text() for a in soup.select("#hovedmenu .site-nav a")]
    reads = sum(1 for q in captured if CHILDREN_READ in q["sql"])
    return titles, reads


def published_in_menu(home_page, title: str) -> None:
    page = ContentPage(title=title, slug=title.lower().replace(" ", "-"))
    page.show_in_menus = True
    home_page.add_child(instance=page)
    page.save_revision().publish()


def test_menu_is_read_once_and_follows_publishing(client, home_page):
    published_in_menu(home_page, "Om os")
    titles, reads = menu(client)
    assert "Om os" in titles and reads == 1
    assert menu(client) == (titles, 0)
    published_in_menu(home_page, "Kontakt")
    after, reads = menu(client)
    assert set(after) == {*titles, "Kontakt"} and reads == 1
