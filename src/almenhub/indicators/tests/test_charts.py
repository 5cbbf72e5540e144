from __future__ import annotations

from decimal import Decimal

import pytest
from bs4 import BeautifulSoup

from almenhub.indicators.charts import (
    Datum,
    bar_chart_svg,
    line_chart_svg,
    nice_ceiling,
)
from almenhub.indicators.formatting import danish_number


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (Decimal("1234567.5"), "1.234.567,5"),
        (Decimal("1200.000"), "1.200"),
        (Decimal("0.125"), "0,13"),
        (Decimal("-12000"), "-12.000"),
        (7, "7"),
        (None, "–"),
    ],
)
def test_danish_numbers(value, text):
    assert danish_number(value) == text


def test_nice_ceiling():
    assert [nice_ceiling(v) for v in (0, 3, 17, 180, 240, 3100)] == [
        1,
        5,
        20,
        200,
        250,
        5000,
    ]


def test_bar_chart_is_an_accessible_image_with_escaped_labels():
    svg = BeautifulSoup(
        bar_chart_svg(
            chart_id="x",
            title="Antal <eksempler>",
            description="Beskrivelse & mere",
            data=[Datum("Unge & job", 3), Datum("Eng", 6)],
        ),
        "html.parser",
    ).svg
    assert svg["role"] == "img"
    assert svg["aria-labelledby"] == "x-title x-desc"
    assert svg.find("title", id="x-title").text == "Antal <eksempler>"
    assert svg.find("desc", id="x-desc").text == "Beskrivelse & mere"
    widths = [float(r["width"]) for r in svg.find_all("rect")]
    assert widths[1] == 2 * widths[0]
    assert "Unge & job" in svg.get_text()


def test_line_chart_places_years_by_value():
    svg = BeautifulSoup(
        line_chart_svg(
            chart_id="t",
            title="Udvikling",
            description="d",
            data=[
                Datum("2021", 10, 2021),
                Datum("2022", 20, 2022),
                Datum("2025", 5, 2025),
            ],
            unit="m²",
        ),
        "html.parser",
    ).svg
    xs = [float(c["cx"]) for c in svg.find_all("circle")]
    # 2022 is a quarter of the way from 2021 to 2025.
    assert xs[1] - xs[0] == pytest.approx((xs[2] - xs[0]) / 4)


def test_line_chart_labels_every_second_year_when_crowded():
    """Nine years on a phone-wide chart: the labels would overlap, so every
    second one is written; each point keeps its figures in its title."""
    svg = BeautifulSoup(
        line_chart_svg(
            chart_id="t",
            title="Udvikling",
            description="d",
            data=[Datum(str(y), 10, y, sublabel="1 eks.") for y in range(2018, 2027)],
            unit="m²",
        ),
        "html.parser",
    ).svg
    years = [
        t.contents[0] for t in svg.find_all("text") if t.get("text-anchor") == "middle"
    ]
    assert years == ["2018", "2020", "2022", "2024", "2026"]
    assert len(svg.find_all("title")) == 1 + 9
