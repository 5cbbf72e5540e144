"""What people search for, for the editors: typed searches counted per week
with no personal data, the report in the admin (Rapporter › Søgeord), and
old weeks removed by a periodic job."""

from __future__ import annotations

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.utils import timezone

from almenhub.core.middleware import page_cache_version
from almenhub.search.insight import KEEP_WEEKS, week_of
from almenhub.search.jobs import search_query_weeks_prune
from almenhub.search.models import SearchQueryWeek
from almenhub.worker.scheduling import jobs

pytestmark = pytest.mark.django_db
REPORT = "/admin/soegeord/"


def counted() -> dict[str, tuple[int, int]]:
    return {
        row.query: (row.searches, row.zero_hit_searches)
        for row in SearchQueryWeek.objects.all()
    }


@pytest.fixture
def searched(client, indexed):
    version = page_cache_version()
    for query in ("Snerydning", "  snerydning ", "snerydning", "trappevask"):
        response = client.get("/soeg/", {"q": query})
        assert response.status_code == 200
        # Public: counted wherever the hub answers it (test_counting.py).
        assert response["Cache-Control"].startswith("public")
    client.get("/soeg/", {"q": "qwxzyv"})  # no hits
    # Looked at further, not typed again: not counted.
    client.get("/soeg/", {"q": "snerydning", "status": "finished"})
    client.get("/soeg/", {"q": "snerydning", "side": "2"})
    client.get("/soeg/", {"q": "snerydning", "sort": "nyeste"})
    # Personal data is not kept at all.
    client.get("/soeg/", {"q": "mette@fjordbo.dk"})
    client.get("/soeg/", {"q": "ring 33 76 20 71"})
    client.get("/soeg/", {"q": "010203-1234"})
    # Counting is no content change: the cached pages stay.
    assert page_cache_version() == version


def test_typed_searches_are_counted_per_week_and_nothing_personal(searched):
    assert counted() == {"snerydning": (3, 0), "trappevask": (1, 0), "qwxzyv": (1, 1)}
    assert set(SearchQueryWeek.objects.values_list("week", flat=True)) == {
        week_of(timezone.localdate())
    }
    # What a row can hold at all: the week, the text and two counts.
    assert {f.name for f in SearchQueryWeek._meta.concrete_fields} == {
        "id",
        "week",
        "query",
        "searches",
        "zero_hit_searches",
    }


@pytest.fixture
def editor_client(client, django_user_model):
    user = django_user_model.objects.create_user(
        username="redaktoer2", email="r2@example.dk", password="hemmelig-kode-42"
    )
    user.groups.add(Group.objects.get(name="Editors"))
    client.force_login(user)
    return client


def test_the_report_shows_an_editor_the_weeks_frequent_and_empty_searches(
    searched, editor_client
):
    home = editor_client.get("/admin/")
    assert REPORT in home.content.decode()  # in the Rapporter menu's data
    response = editor_client.get(REPORT)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    frequent, zero = soup.select("table.listing")
    assert [tr.td.get_text(strip=True) for tr in frequent.select("tbody tr")] == [
        "snerydning",
        "qwxzyv",
        "trappevask",
    ]
    assert [tr.td.get_text(strip=True) for tr in zero.select("tbody tr")] == ["qwxzyv"]
    assert zero.select_one("tbody a")["href"] == "/soeg/?q=qwxzyv"
    # The ways on for an empty search: the glossary and the promotions.
    links = {a["href"] for a in soup.select("main a, #main a, a")}
    assert {"/admin/snippets/sitesearch/synonymgroup/", "/admin/searchpicks/"} <= links
    assert soup.select_one("label[for=id_uge]") is not None
    assert "5 søgninger i alt" in soup.get_text(" ", strip=True)


def test_the_report_takes_a_week_and_names_a_bad_one(editor_client):
    this_week = week_of(timezone.localdate())
    last_week = this_week - timedelta(weeks=1)
    SearchQueryWeek.objects.create(week=this_week, query="nu", searches=2)
    SearchQueryWeek.objects.create(week=last_week, query="før", searches=7)
    newest = BeautifulSoup(editor_client.get(REPORT).content, "html.parser")
    assert newest.select_one("table.listing tbody td").get_text(strip=True) == "nu"
    asked = editor_client.get(REPORT, {"uge": f"{last_week:%G-W%V}"})
    soup = BeautifulSoup(asked.content, "html.parser")
    assert soup.select_one("table.listing tbody td").get_text(strip=True) == "før"
    assert soup.select_one("option[selected]")["value"] == f"{last_week:%G-W%V}"
    bad = editor_client.get(REPORT, {"uge": "uge 49"})
    assert bad.status_code == 200
    assert "“uge 49” er ikke en uge" in bad.content.decode()


def test_only_admin_users_see_the_report(client, django_user_model):
    assert client.get(REPORT).status_code == 302  # to the admin's log-in
    user = django_user_model.objects.create_user(username="medlem", password="x")
    client.force_login(user)
    assert client.get(REPORT).status_code in (302, 403)


def test_weeks_older_than_a_year_are_removed_daily():
    this_week = week_of(timezone.localdate())
    kept = this_week - timedelta(weeks=KEEP_WEEKS)
    SearchQueryWeek.objects.create(week=kept, query="sidste år", searches=1)
    SearchQueryWeek.objects.create(
        week=kept - timedelta(weeks=1), query="for længe siden", searches=1
    )
    job = jobs()["search.query_weeks_prune"]
    assert job.every == timedelta(days=1)
    assert search_query_weeks_prune() == "1 gamle søgeuger slettet"
    assert list(SearchQueryWeek.objects.values_list("query", flat=True)) == [
        "sidste år"
    ]
