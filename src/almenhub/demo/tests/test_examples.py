from __future__ import annotations

import pytest

from almenhub.demo.examples import demo_examples_load
from almenhub.examples.models import ExamplePage
from almenhub.indicators.models import BottomLine, IndicatorValue

pytestmark = pytest.mark.django_db


def test_demo_examples_cover_every_bottom_line_and_several_years(home_page):
    created = demo_examples_load()
    assert created >= 20
    pages = ExamplePage.objects.live()
    assert pages.count() == created
    assert all(p.has_location for p in pages)
    assert pages.values("organisation").distinct().count() >= 8
    assert pages.values("task").distinct().count() >= 10
    values = IndicatorValue.objects.select_related("indicator")
    lines = {v.indicator.bottom_line for v in values}
    assert lines == set(BottomLine.values)
    assert any(v.indicator.biodiversity for v in values)
    assert {v.year for v in values} >= set(range(2021, 2027))
    for page in pages:
        assert 3 <= page.values.count() <= 8, page.title
        assert page.contacts.exists() and page.building_blocks.exists()
        assert page.values.filter(page_live=True).count() == page.values.count()
    # A second load changes nothing.
    assert demo_examples_load() == 0
    assert ExamplePage.objects.count() == created
