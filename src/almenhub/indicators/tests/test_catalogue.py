"""The seeded catalogue: enough indicators, real units, all three bottom lines."""

from __future__ import annotations

import pytest

from almenhub.indicators.models import BottomLine, Indicator

pytestmark = pytest.mark.django_db


def test_at_least_twenty_indicators_with_units_on_every_bottom_line():
    indicators = list(Indicator.objects.all())
    assert len(indicators) >= 20
    assert all(i.unit and i.definition and i.how_to_measure for i in indicators)
    lines = {i.bottom_line for i in indicators}
    assert lines == set(BottomLine.values)
    assert any(i.biodiversity for i in indicators)
    assert all(
        i.bottom_line == BottomLine.CLIMATE_ENVIRONMENT
        for i in indicators
        if i.biodiversity
    )
    units = {i.unit for i in indicators}
    for unit in ("m²", "antal arter", "antal unge", "timer", "kg", "ton CO2e"):
        assert unit in units
    assert "kr./år" in units and "driftstimer" in units


def test_catalogue_page_lists_definitions(client):
    response = client.get("/vaerdi/indikatorer/")
    assert response.status_code == 200
    text = response.content.decode()
    assert 'id="plaene-til-eng"' in text
    assert "Sådan måles den" in text
