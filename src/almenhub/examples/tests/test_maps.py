from __future__ import annotations

from decimal import Decimal

from almenhub.examples import maps


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
        points=[
            maps.MapPoint(
                title='<script>alert("x")</script>',
                url="/eksempler/a/",
                latitude=Decimal("56"),
                longitude=Decimal("10"),
            )
        ],
        title="Kort",
        description="Beskrivelse",
    )
    assert "<script>" not in svg
    assert "&lt;script&gt;" in svg
