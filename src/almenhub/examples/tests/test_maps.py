from __future__ import annotations

from decimal import Decimal

import pytest
from bs4 import BeautifulSoup

from almenhub.examples import maps
from almenhub.examples.factories import example_create


def test_denmark_fits_the_drawing():
    for polygon in maps.DENMARK.values():
        for lon, lat in polygon:
            x, y = maps.project(lon, lat)
            assert 0 <= x <= maps.WIDTH and 0 <= y <= maps.HEIGHT


def test_north_is_up_and_east_is_right():
    skagen = maps.project(10.6, 57.7)
    esbjerg = maps.project(8.45, 55.47)
    copenhagen = maps.project(12.57, 55.68)
    assert skagen[1] < esbjerg[1]
    assert copenhagen[0] > esbjerg[0]


def test_bornholm_moves_into_its_inset():
    x, y = maps.project(14.7, 55.1)
    box_x, box_y, box_w, box_h = maps.inset_box()
    assert box_x <= x <= box_x + box_w and box_y <= y <= box_y + box_h


def test_titles_are_escaped():
    svg = maps.map_svg(
        groups=maps.clusters(
            [
                maps.MapPoint(
                    title='<script>alert("x")</script>',
                    url="/eksempler/a/",
                    latitude=Decimal("56"),
                    longitude=Decimal("10"),
                )
            ]
        ),
        title="Kort",
        description="Beskrivelse",
    )
    assert "<script>" not in svg
    assert "&lt;script&gt;" in svg


@pytest.mark.django_db
def test_examples_in_one_town_are_one_circle_with_their_count(
    client, example_index, organisation
):
    for n, (lat, lon) in enumerate(
        [("55.3718", "10.4301"), ("55.3740", "10.4350"), ("55.3690", "10.4250")]
    ):
        example_create(
            example_index,
            title=f"Odense {n}",
            organisation=organisation,
            municipality="Odense",
            latitude=lat,
            longitude=lon,
        )
    aarhus = example_create(
        example_index,
        title="Aarhus",
        organisation=organisation,
        municipality="Aarhus",
        latitude="56.1567",
        longitude="10.2108",
    )
    soup = BeautifulSoup(client.get(example_index.url + "kort/").content, "html.parser")
    links = soup.select(".dk-map__points a")
    assert len(links) == 2  # 4 examples, 2 places
    group = next(a for a in links if a["href"].startswith("#"))
    assert group["aria-label"] == "3 eksempler i Odense"
    assert group.select_one("text").get_text() == "3"
    single = next(a for a in links if not a["href"].startswith("#"))
    assert single["href"] == aarhus.url
    # The circle leads to its place in the list, which names each example.
    listed = soup.select_one(group["href"])
    assert listed.select_one(".map-list__place").get_text() == "3 eksempler i Odense:"
    assert sorted(a.get_text() for a in listed.select("li a")) == [
        "Odense 0",
        "Odense 1",
        "Odense 2",
    ]
    assert soup.select_one("#liste").get_text() == "Eksemplerne på kortet (4)"


def test_clusters_keep_apart_what_lies_apart():
    def point(lat, lon):
        return maps.MapPoint(
            title=lat, url="/", latitude=Decimal(lat), longitude=Decimal(lon)
        )

    far = maps.clusters([point("55.37", "10.43"), point("55.68", "12.57")])
    assert [len(c.points) for c in far] == [1, 1]
    near = maps.clusters([point("55.37", "10.43"), point("55.38", "10.44")])
    assert [len(c.points) for c in near] == [2]
    x, y = maps.project(10.435, 55.375)
    assert abs(near[0].x - x) < 1 and abs(near[0].y - y) < 1  # the mean
