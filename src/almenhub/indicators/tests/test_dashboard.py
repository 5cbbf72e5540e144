"""The sector dashboard: charts without JavaScript, tables beneath them, and
CSV files holding exactly what the tables show."""

from __future__ import annotations

import csv
import io

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext

from almenhub.core.middleware import page_cache_purge
from almenhub.core.tests.markup import page_scripts
from almenhub.examples.factories import example_create

from .conftest import ENG, KR, UNGE

pytestmark = pytest.mark.django_db


def page(client, url: str = "/vaerdi/", status: int = 200) -> BeautifulSoup:
    response = client.get(url)
    assert response.status_code == status, response.content[:500]
    return BeautifulSoup(response.content, "html.parser")


def table_rows(table) -> list[list[str]]:
    return [
        [
            " ".join(cell.get_text(" ", strip=True).split())
            for cell in tr.find_all(["th", "td"])
        ]
        for tr in table.find_all("tr")
    ]


def csv_rows(client, url: str) -> list[list[str]]:
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:]), delimiter=";"))


def test_dashboard_shows_charts_and_tables_without_javascript(client, sector):
    soup = page(client)
    assert page_scripts(soup) == []
    main = soup.find("main")
    sections = main.select("section.dashboard-section")
    # social, climate & environment, economic, and the time series
    assert len(sections) == 4
    for section in sections:
        svg = section.find("svg")
        assert svg["role"] == "img"
        title_id, desc_id = svg["aria-labelledby"].split()
        assert svg.find("title", id=title_id).get_text(strip=True)
        assert svg.find("desc", id=desc_id).get_text(strip=True)
        # What the chart shows is written under it for sighted readers too.
        caption = svg.find_parent("figure").find("figcaption").get_text(strip=True)
        assert caption.startswith(svg.find("title", id=title_id).get_text(strip=True))
        # The table with the same numbers comes right after the chart.
        assert svg.find_parent("figure").find_next_sibling().find("table")
    assert "metoden mål" in main.select_one(".dashboard-method").get_text()


def test_summary_table_numbers(client, sector):
    soup = page(client)
    rows = [
        row
        for table in soup.select("section.dashboard-section table")[:3]
        for row in table_rows(table)[1:]
    ]
    assert rows == [
        ["Unge i fritidsjob i driften", "Social", "antal unge", "3", "16", "4"],
        [
            "Beboere, der er tilfredse med udearealerne",
            "Social",
            "%",
            "2",
            "–",
            "70",
        ],
        [
            "Græsplæne omlagt til vild eng",
            "Klima og miljø › Biodiversitet",
            "m²",
            "3",
            "600",
            "200",
        ],
        ["Sparede driftsudgifter", "Økonomi", "kr./år", "2", "4.000", "2.000"],
    ]


@pytest.mark.parametrize(
    "query",
    [
        "",
        "?aar=2023",
        "?bundlinje=social&organisation={org}",
        "?tema=natur-og-biodiversitet",
    ],
)
def test_summary_csv_equals_the_tables(client, sector, orgs, query):
    query = query.format(org=orgs[0].pk)
    soup = page(client, f"/vaerdi/{query}")
    tables = soup.select("section.dashboard-section table")[:-1]
    shown = table_rows(tables[0])[:1] + [
        row for table in tables for row in table_rows(table)[1:]
    ]
    link = soup.find("a", string=lambda s: s and "tabellerne som CSV" in s)
    assert link["href"] == f"/vaerdi/oversigt.csv{query}"
    assert csv_rows(client, link["href"]) == shown


def test_series_csv_equals_the_time_series_table(client, sector):
    soup = page(client, f"/vaerdi/?indikator={ENG}")
    section = soup.select("section.dashboard-section")[-1]
    assert "Græsplæne omlagt til vild eng" in section.h2.get_text()
    shown = table_rows(section.find("table"))
    assert shown == [
        ["År", "Eksempler", "Værdier", "Sum (m²)", "Median (m²)"],
        ["2023", "2", "2", "300", "150"],
        ["2024", "1", "1", "300", "300"],
    ]
    link = section.find("a", string=lambda s: s and "udviklingen som CSV" in s)
    assert csv_rows(client, link["href"]) == shown


def test_default_time_series_is_the_indicator_with_most_values(client, sector):
    soup = page(client, "/vaerdi/?bundlinje=economic")
    assert (
        "Sparede driftsudgifter" in soup.select("section.dashboard-section")[-1].h2.text
    )


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("?aar=1999", "År: der er ingen værdier for det valgte år."),
        ("?aar=abc", "År: der er ingen værdier for det valgte år."),
        ("?tema=findes-ikke", "Tema: det valgte tema findes ikke."),
        ("?bundlinje=lykke", "Bundlinje: vælg social, klima og miljø eller økonomi."),
        (
            "?organisation=999999",
            "Boligorganisation: den valgte organisation findes ikke.",
        ),
        ("?organisation=x", "Boligorganisation: den valgte organisation findes ikke."),
        ("?opgave=strygning", "Driftsopgave: den valgte opgave findes ikke."),
        ("?indikator=lykke", "Indikator: den valgte findes ikke."),
    ],
)
def test_unknown_filter_values_get_a_danish_message(client, sector, query, message):
    soup = page(client, f"/vaerdi/{query}", status=400)
    summary = soup.select_one(".error-summary")
    assert message in summary.get_text()
    assert not soup.select("section.dashboard-section")
    response = client.get(f"/vaerdi/oversigt.csv{query}")
    assert response.status_code == 400
    assert message in response.content.decode()


def test_filtered_page_keeps_the_choices(client, sector):
    soup = page(client, "/vaerdi/?aar=2024&bundlinje=social")
    assert (
        soup.find("select", id="id_aar").find("option", selected=True)["value"]
        == "2024"
    )
    assert "År: 2024" in soup.select_one(".dashboard-scope").get_text()


def test_empty_result(client, sector):
    soup = page(client, "/vaerdi/?aar=2025")
    # Only a target lies in 2025: targets are not achievements.
    assert "Der er ingen værdier" in soup.get_text()


def test_query_count_does_not_grow_with_examples(client, sector, example_index, orgs):
    urls = ["/vaerdi/", "/vaerdi/?aar=2024", "/vaerdi/?opgave=graesslaaning"]

    def queries(url: str) -> tuple[int, str]:
        # Counted as after a change: the figures are read again, not kept.
        page_cache_purge()
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert response.status_code == 200, response.content[:500]
        html = response.content.decode()
        assert "Der er ingen værdier" not in html
        return len(captured), html

    for url in urls:  # warm the caches a first request fills (sites, types)
        queries(url)
    before = [queries(url) for url in urls]
    for n in range(8):
        example_create(
            example_index,
            title=f"Flere {n}",
            organisation=orgs[n % 2],
            task_slug=("graesslaaning", "snerydning")[n % 2],
            themes=[("Natur og biodiversitet", "Drift og vedligehold")[n % 2]],
            values=[(ENG, 10 + n, 2023 + n % 2), (UNGE, n + 1, 2024), (KR, 7, 2024)],
        )
    after = [queries(url) for url in urls]

    # The new examples are counted (the figures change) …
    assert all(new != old for (_, new), (_, old) in zip(after, before, strict=True))
    # … by the same queries as before.
    assert [count for count, _ in after] == [count for count, _ in before]
    assert max(count for count, _ in after) <= 20


def test_numbers_are_right_aligned_cells_not_escaped_markup(client, sector):
    response = client.get("/vaerdi/")
    html = response.content.decode()
    assert "&quot;num&quot;" not in html
    soup = BeautifulSoup(html, "html.parser")
    table = soup.select_one("section.dashboard-section table")
    assert [th.get("class") for th in table.thead("th")] == [
        None,
        None,
        None,
        ["num"],
        ["num"],
        ["num"],
    ]
    for row in table.tbody("tr"):
        assert [td.get("class") for td in row("td")] == [None, None] + [["num"]] * 3
    assert table.tbody.th.a["href"] == "/vaerdi/indikatorer/#unge-i-fritidsjob"
    options = soup.find("select", id="id_bundlinje")("option")
    assert [o.get("selected") for o in options][:2] == ["", None]


def test_table_text_is_escaped():
    from almenhub.indicators.tables import Cell, Table

    html = Table(
        caption="<b>x</b>",
        headers=["A", "B"],
        rows=[[Cell("<i>a</i>", link="/x?a=1&b=2"), Cell("1", numeric=True)]],
    ).html
    assert "<b>" not in html and "&lt;b&gt;x&lt;/b&gt;" in html
    assert '<a href="/x?a=1&amp;b=2">&lt;i&gt;a&lt;/i&gt;</a>' in html
    assert '<td class="num">1</td>' in html


def test_charts_show_values_not_how_many_there_are(client, sector):
    """Each indicator's chart row is its spread (smallest, median, largest),
    with the number of values written beside it; no bar is a count."""
    soup = page(client)
    chart = soup.find(id="afsnit-climate_environment").parent.find("svg")
    rows = [" ".join(g.get_text(" ").split()) for g in chart.find_all("g")]
    # eng: 100 (A 2023), 300 (A 2024), 200 (B 2023); D is a draft, A's 999 a target.
    eng = next(r for r in rows if r.startswith("Græsplæne omlagt til vild eng"))
    assert "median 200 m² · spænd 100–300 · 3 værdier" in eng
    # The dot sits at the median on the row's own scale (0–500 for 300).
    dot = chart.find("circle")
    assert float(dot["cx"]) == pytest.approx(8 + 340 * 200 / 500, abs=0.1)
    assert "chart--narrow" in chart["class"]
    # Drawn 360 units wide, so that its 13-unit text stays above 12 px on a
    # 390 px phone; the figures sit on two lines that fit that width.
    assert chart["viewbox"].split()[2] == "360"
    note = [t for t in chart.find_all("text") if t.get("font-size") == "13"][0]
    assert [s.get_text() for s in note.find_all("tspan")] == [
        "median 200 m²",
        "spænd 100–300 · 3 værdier",
    ]


def test_time_series_plots_the_median_with_the_examples_behind_each_year(
    client, sector
):
    soup = page(client, f"/vaerdi/?indikator={ENG}")
    chart = soup.find(id="afsnit-udvikling").parent.find("svg")
    labels = [" ".join(g.get_text(" ").split()) for g in chart.find_all("g")]
    # 2023: A 100 and B 200 → median 150 from 2 examples (the sum, 300, would
    # read as more value only because more examples reported); 2024: A 300.
    assert labels == [
        "2023 (2 eks.): 150 m² 2023 2 eks.",
        "2024 (1 eks.): 300 m² 2024 1 eks.",
    ]
