"""The REST API's examples with their indicator values, and the indicator
catalogue."""

from __future__ import annotations

import pytest

from almenhub.opendata.tests.conftest import get, ok, titles

pytestmark = pytest.mark.django_db


def test_examples_with_indicator_values(client, catalogue):
    example = catalogue.extra["example"]
    data = ok(client, "/examples/")
    assert titles(data) == ["Slåning to gange om året"]
    row = data["results"][0]
    assert row["organisation"]["name"] == "Boligselskabet Nord"
    assert row["task"] == {"slug": "graesslaaning", "name": "Græsslåning"}
    assert row["latitude"] == 56.15674
    assert row["values"] == [
        {
            "indicator": "co2e-undgaaet",
            "indicator_name": "Undgået udledning af drivhusgasser",
            "bottom_line": "climate_environment",
            "unit": "ton CO2e",
            "value": 12.5,
            "period_start": "2024-01-01",
            "period_end": "2024-12-31",
            "year": 2024,
            "method": "measured",
            "method_label": "Målt",
            "source": "Driftsregnskab 2024",
        }
    ]
    for params, count in (
        ({"theme": "energi-klima-og-miljoe"}, 1),
        ({"task": "graesslaaning"}, 1),
        ({"task": "snerydning"}, 0),
        ({"status": "idea"}, 0),
        ({"municipality": "aarhus"}, 1),
        ({"organisation": example.organisation_id}, 1),
        ({"indicator": "co2e-undgaaet"}, 1),
        ({"indicator": "unge-i-fritidsjob"}, 0),
    ):
        assert ok(client, "/examples/", **params)["count"] == count, params
    response, error = get(client, "/examples/", task="findes-ikke")
    assert response.status_code == 400 and "driftsopgave" in error["detail"]
    detail = ok(client, f"/examples/{example.pk}/")
    assert detail["what_was_done_html"] == "<p>Vi slog kun to gange.</p>"


def test_indicators_with_sector_figures(client, catalogue):
    data = ok(client, "/indicators/", bottom_line="climate_environment", page_size=100)
    slugs = [row["slug"] for row in data["results"]]
    assert "co2e-undgaaet" in slugs
    assert all(row["bottom_line"] == "climate_environment" for row in data["results"])
    detail = ok(client, "/indicators/co2e-undgaaet/")
    assert detail["sector"] == {"examples": 1, "values": 1, "total": 12.5}
    assert detail["unit"] == "ton CO2e"
    biodiversity = ok(client, "/indicators/", biodiversity="true", page_size=100)
    assert all(row["biodiversity"] for row in biodiversity["results"])
    response, _ = get(client, "/indicators/findes-ikke/")
    assert response.status_code == 404
