"""The site header's menu is read once per content version
(core.context_processors): a second page reads no page tree for it, and a
page published into the menu shows on the next request. Its read finds the
root's children one seek each, and gives what the tree's read gives."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from almenhub.contentpages.models import ContentPage
from almenhub.core.context_processors import menu_children

pytestmark = pytest.mark.django_db

# The menu's reads: the next child from a path on (menu_children).
CHILDREN_READ = '"wagtailcore_page"."path" >= '
# The tree's read of children: a depth and a path range, walking every page
# below the root.
TREE_READ = '"wagtailcore_page"."depth" = '


def menu(client, url: str = "/vaerdi/indikatorer/") -> tuple[list[str], int]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    titles = [a.get_text() for a in soup.select("#hovedmenu .site-nav a")]
    assert not [q for q in captured if TREE_READ in q["sql"]]
    reads = sum(1 for q in captured if CHILDREN_READ in q["sql"])
    return titles, reads


def published_in_menu(home_page, title: str, *, in_menu: bool = True) -> ContentPage:
    page = ContentPage(title=title, slug=title.lower().replace(" ", "-"))
    page.show_in_menus = in_menu
    home_page.add_child(instance=page)
    page.save_revision().publish()
    return page


def test_menu_is_read_once_and_follows_publishing(client, home_page):
    published_in_menu(home_page, "Om os")
    children = Page.objects.child_of(home_page).count()
    titles, reads = menu(client)
    # One seek per child and one finding no more.
    assert "Om os" in titles and reads == children + 1
    assert menu(client) == (titles, 0)
    published_in_menu(home_page, "Kontakt")
    after, reads = menu(client)
    assert set(after) == {*titles, "Kontakt"} and reads == children + 2


def test_the_menu_is_the_trees_live_children_in_menus(home_page):
    """Children with pages below them, a gap where one was deleted, one not
    in menus and one unpublished: the same pages in the same order as the
    tree's own read."""
    first = published_in_menu(home_page, "Om os")
    for title in ("Team", "Historie"):
        below = ContentPage(title=title, slug=title.lower())
        first.add_child(instance=below)
        below.save_revision().publish()
    published_in_menu(home_page, "Slettet").delete()
    published_in_menu(home_page, "Skjult", in_menu=False)
    published_in_menu(home_page, "Kladde").unpublish()
    published_in_menu(home_page, "Kontakt")
    home_page.refresh_from_db()
    expected = list(home_page.get_children().live().in_menu())
    assert {"Om os", "Kontakt"} <= {page.title for page in expected}
    assert menu_children(home_page) == expected
    assert [p.title for p in menu_children(home_page)] == [p.title for p in expected]
