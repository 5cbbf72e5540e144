"""Exports: any search or listing as CSV or JSON, every page of the rows the
page shows, in the same order, from a link on the page."""

from __future__ import annotations

import csv
import io
import json

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from almenhub.opendata.exports import COLUMNS
from almenhub.opendata.tests.conftest import add_project
from almenhub.search.services import search_rebuild

pytestmark = pytest.mark.django_db

MANY = 45


@pytest.fixture(scope="module")
def many(shared_catalogue, django_db_blocker):
    """Enough projects for three pages of 20, inside the module's catalogue."""
    with django_db_blocker.unblock():
        for n in range(MANY):
            add_project(
                shared_catalogue.programme,
                (
                    f"Affaldssortering i afdeling {n}",
                    "Sortering af affald i gården. " + "Affald og genbrug. " * (n % 4),
                    [("Energi, klima og miljø", "Affald og genbrug")],
                    ["planned", "ongoing", "finished"][n % 3],
                    2020 + n % 5,
                    "Solstrand Boligforening" if n % 2 else '=HYPERLINK("x")',
                ),
                f"many-{n}",
            )
        search_rebuild()
    return shared_catalogue


def page_hits(client, url: str, params: dict) -> list[dict]:
    """The hits as the page shows them, page after page."""
    hits = []
    side = 1
    while True:
        response = client.get(url, {**params, "side": side})
        assert response.status_code == 200
        soup = BeautifulSoup(response.content, "html.parser")
        for li in soup.select("ol#search-results > li"):
            link = li.find("a")
            hits.append(
                {"url": "http://testserver" + link["href"], "title": link.get_text()}
            )
        if not soup.select_one('.pagination a[rel="next"]'):
            return hits
        side += 1


def export_links(client, url: str, params: dict) -> dict[str, str]:
    soup = BeautifulSoup(client.get(url, params).content, "html.parser")
    links = {a.get_text(strip=True): a["href"] for a in soup.select("p.export a")}
    assert set(links) == {"CSV", "JSON"}
    return links


def read_csv(response) -> list[dict]:
    assert response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text[1:]), delimiter=";"))
    assert rows == [] or list(rows[0]) == list(COLUMNS)
    return rows


def read_json(response) -> list[dict]:
    assert response.streaming
    assert response["Content-Type"] == "application/json; charset=utf-8"
    return json.loads(b"".join(response.streaming_content))


@pytest.mark.parametrize(
    "params",
    [
        {"q": "affald"},
        {"q": "affald sortering", "sort": "nyeste"},
        {"tema": "affald-og-genbrug", "status": "finished"},
        {"type": "projekt"},
    ],
)
def test_export_rows_equal_the_page_rows_in_order(client, many, params):
    shown = page_hits(client, "/soeg/", params)
    links = export_links(client, "/soeg/", params)
    rows = read_csv(client.get(links["CSV"]))
    assert [r["url"] for r in rows] == [h["url"] for h in shown]
    assert [r["title"] for r in rows] == [h["title"] for h in shown]
    records = read_json(client.get(links["JSON"]))
    assert [r["url"] for r in records] == [h["url"] for h in shown]


def test_a_multi_page_result_is_exported_whole(client, many):
    shown = page_hits(client, "/soeg/", {"q": "affaldssortering"})
    assert len(shown) == MANY > 40
    rows = read_csv(client.get("/eksport/soeg.csv", {"q": "affaldssortering"}))
    assert len(rows) == MANY
    # The page number is not part of an export: it is always every page.
    assert export_links(client, "/soeg/", {"q": "affald", "side": 2})["CSV"] == (
        "/eksport/soeg.csv?q=affald"
    )


def test_export_columns(client, many):
    records = read_json(client.get("/eksport/soeg.json", {"q": "vild eng"}))
    assert records[0] == {
        "title": "Vild eng i stedet for græsslåning",
        "type": "Projekt",
        "url": "http://testserver/udviklingsprojekter/vild-eng-i-stedet-for-graesslaaning/",
        "year": 2024,
        "status": "Afsluttet",
        "owner": "Solstrand Boligforening",
        "themes": ["Natur og biodiversitet", "Energi, klima og miljø"],
        "teaser": "En afdeling lod plænen gro til eng.",
    }
    rows = read_csv(client.get("/eksport/soeg.csv", {"q": "vild eng"}))
    assert rows[0]["themes"] == "Natur og biodiversitet; Energi, klima og miljø"
    assert rows[0]["year"] == "2024"


def test_listings_export_what_they_list(client, many):
    programme = many.programme
    for url, params in (
        ("/soeg/projekter/", {"status": "planned"}),
        ("/tema/affald-og-genbrug/", {}),
        ("/tema/energi-klima-og-miljoe/", {"aar": "2021"}),
        (programme.url, {"q": "affald"}),
    ):
        shown = page_hits(client, url, params)
        assert shown, url
        links = export_links(client, url, params)
        rows = read_csv(client.get(links["CSV"]))
        assert [r["url"] for r in rows] == [h["url"] for h in shown], url


def test_spreadsheet_formulas_are_neutralised(client, many):
    rows = read_csv(client.get("/eksport/soeg.csv", {"q": "affaldssortering"}))
    owners = {r["owner"] for r in rows}
    assert '\'=HYPERLINK("x")' in owners
    assert not any(r["owner"].startswith("=") for r in rows)
    # JSON is data, not a spreadsheet: it keeps the text as it is.
    records = read_json(client.get("/eksport/soeg.json", {"q": "affaldssortering"}))
    assert '=HYPERLINK("x")' in {r["owner"] for r in records}


def test_exports_follow_the_page_on_bad_values(client, many):
    # The page ignores an unknown theme with a notice; so does the export.
    params = {"q": "vild eng", "tema": "findes-ikke"}
    shown = page_hits(client, "/soeg/", params)
    rows = read_csv(client.get("/eksport/soeg.csv", params))
    assert [r["url"] for r in rows] == [h["url"] for h in shown]
    empty = read_csv(client.get("/eksport/soeg.csv", {"q": "zzzyyyxxx"}))
    assert empty == []
    assert read_json(client.get("/eksport/soeg.json", {"q": "zzzyyyxxx"})) == []


def test_no_export_link_without_results(client, many):
    soup = BeautifulSoup(
        client.get("/soeg/", {"q": "zzzyyyxxx"}).content, "html.parser"
    )
    assert soup.select("p.export a") == []


# -- one CSV dialect for every export (Danish Excel's; see the API docs page)


def csv_exports(client, catalogue, django_user_model) -> dict[str, bytes]:
    urls = {
        "search": "/eksport/soeg.csv?q=affald",
        "values": "/vaerdi/oversigt.csv",
        "series": "/vaerdi/udvikling.csv?indikator=co2e-undgaaet",
    }
    if "meeting" in catalogue.extra:
        editor = django_user_model.objects.create_superuser(
            username="csv-redaktoer", email="csv@example.dk", password="x-42-hemmelig"
        )
        client.force_login(editor)
        urls["participants"] = reverse(
            "meetings_admin:participants_csv", args=[catalogue.extra["meeting"].pk]
        )
    files = {}
    for name, url in urls.items():
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Content-Type"] == "text/csv; charset=utf-8", url
        files[name] = b"".join(response) if response.streaming else response.content
    return files


def test_every_csv_export_speaks_danish_excel(client, many, django_user_model):
    files = csv_exports(client, many, django_user_model)
    assert set(files) >= {"search", "values", "series"}
    for name, raw in files.items():
        assert raw.startswith(b"\xef\xbb\xbf"), name  # UTF-8 byte-order mark
        text = raw.decode("utf-8-sig")
        header = text.split("\r\n", 1)[0]
        assert csv.Sniffer().sniff(header, delimiters=",;\t").delimiter == ";", name
        rows = list(csv.reader(io.StringIO(text), delimiter=";"))
        assert len(rows) > 1, name
        assert {len(r) for r in rows} == {len(rows[0])}, name
    search = list(
        csv.DictReader(io.StringIO(files["search"].decode("utf-8-sig")), delimiter=";")
    )
    assert search[0]["title"] and "; " in "".join(r["themes"] for r in search)
    # The value register's 12.5 tonnes, with a decimal comma.
    values = files["values"].decode("utf-8-sig")
    assert "12,5" in values and "12.5" not in values
