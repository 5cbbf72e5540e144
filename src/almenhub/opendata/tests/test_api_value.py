"""/api/v1/value/…: the value register's figures as the dashboard and an
organisation's page show them, with the same filters, worked out by hand
on the indicators' `sector` fixture (see indicators/tests/conftest.py)."""

from __future__ import annotations

import pytest

from almenhub.indicators.tests.conftest import (  # noqa: F401 (fixtures used by name)
    ENG,
    KR,
    TILFREDS,
    UNGE,
    example_index,
    orgs,
    sector,
)
from almenhub.indicators.tests.test_value_bank import (  # noqa: F401 (fixture)
    ENG_CENTRAL,
    proxies,
)

pytestmark = pytest.mark.django_db


def get(client, url: str, status: int = 200) -> dict:
    response = client.get(url)
    assert response.status_code == status, response.content[:500]
    assert response["Content-Type"].startswith("application/json")
    return response.json()


def by_slug(rows: list[dict]) -> dict[str, dict]:
    return {row["indicator"]["slug"]: row for row in rows}


@pytest.mark.usefixtures("sector")
def test_indicator_figures_as_the_dashboard(client):
    rows = by_slug(get(client, "/api/v1/value/indicators/")["indicators"])
    assert rows[UNGE] | {"indicator": None} == {
        "indicator": None,
        "values": 3,
        "total": 16.0,
        "median": 4.0,
        "lowest": 2.0,
        "highest": 10.0,
    }
    assert rows[TILFREDS]["total"] is None  # a percentage has no sum
    assert rows[ENG]["total"] == 600.0
    # The same filters as the page: 2024, social bottom line.
    rows = by_slug(
        get(client, "/api/v1/value/indicators/?year=2024&bottom_line=social")[
            "indicators"
        ]
    )
    assert set(rows) == {UNGE, TILFREDS}
    assert rows[UNGE]["total"] == 12.0


@pytest.mark.usefixtures("sector")
def test_series_per_year(client):
    data = get(client, f"/api/v1/value/indicators/{ENG}/years/")
    assert data["years"] == [
        {"year": 2023, "examples": 2, "values": 2, "total": 300.0, "median": 150.0},
        {"year": 2024, "examples": 1, "values": 1, "total": 300.0, "median": 300.0},
    ]


@pytest.mark.usefixtures("proxies")
def test_kroner(client):
    data = get(client, "/api/v1/value/kroner/")
    assert data["price_year"] == 2024
    assert data["total"]["central"] == float(ENG_CENTRAL + 4000)
    eng = by_slug(data["indicators"])[ENG]
    assert (eng["quantity"], eng["deadweight"], eng["attribution"]) == (600, 25, 20)
    assert {i["slug"] for i in data["not_monetised"]} == {UNGE, TILFREDS}


@pytest.mark.usefixtures("sector")
def test_organisation_against_the_sector(client):
    data = get(client, "/api/v1/value/organisations/org-et/")
    assert data["organisation"]["url"].endswith("/vaerdi/organisation/org-et/")
    unge = by_slug(data["standings"])[UNGE]
    assert (unge["average"], unge["sector_median"], unge["rank"]) == (7, 4, 1)
    assert (unge["organisations"], unge["better_than_percent"]) == (2, 100)
    assert sorted(e["title"] for e in data["examples"]) == ["A", "C"]


@pytest.mark.usefixtures("sector")
def test_bad_filters_and_unknown_names_are_4xx_with_a_reason(client):
    data = get(client, "/api/v1/value/indicators/?theme=findes-ikke", status=400)
    assert "Tema: det valgte tema findes ikke." in data["detail"]
    # A year or an organisation without values is an empty answer, not an error.
    assert get(client, "/api/v1/value/indicators/?year=1901")["indicators"] == []
    assert (
        get(client, "/api/v1/value/indicators/?organisation=999999")["indicators"] == []
    )
    assert get(client, "/api/v1/value/kroner/?year=1901")["total"]["central"] == 0
    get(client, "/api/v1/value/indicators/findes-ikke/years/", status=404)
    get(client, "/api/v1/value/organisations/findes-ikke/", status=404)
    # An organisation's page takes no organisation filter.
    get(client, "/api/v1/value/organisations/org-et/?organisation=1", status=400)
