"""The reads behind the first request after an edit (bench/dashboard.py's
"cold" figures): what an organisation's page lists when Wagtail's `public()`
is no longer asked, the reads narrowed to one organisation asking the theme
of each of its values, the sector's values in a theme along the index of
pages on SQLite, the indicators kept per content version, and the rows
grouped by nothing.

Figures as in the `sector` fixture (conftest).
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection
from django.db.models import Count, Max, Min, Sum
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from almenhub.indicators.models import COUNTED, Indicator, IndicatorValue
from almenhub.indicators.rollup import rollup_sums, rollup_totals, to_thousandths
from almenhub.indicators.selectors import ValueFilters, achieved_values
from almenhub.taxonomy.models import Theme
from almenhub.worker.jobs import database_statistics

from .test_dashboard import page

pytestmark = pytest.mark.django_db


def listed(client, url: str = "/vaerdi/organisation/org-et/") -> list[str]:
    soup = page(client, url)
    return sorted(a.get_text() for a in soup.select(".organisation-examples a"))


def test_an_example_made_private_leaves_its_organisations_list_and_comes_back(
    client, sector, example_index
):
    assert listed(client) == ["A", "C"]
    own = PageViewRestriction.objects.create(
        page=sector["A"], restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    assert listed(client) == ["C"]
    # A restriction above the examples hides every one of them.
    section = PageViewRestriction.objects.create(
        page=example_index, restriction_type=PageViewRestriction.LOGIN
    )
    assert listed(client) == []
    section.delete()
    own.delete()
    assert listed(client) == ["A", "C"]
    sector["C"].unpublish()
    assert listed(client) == ["A"]


def test_an_organisations_reads_in_a_theme_ask_the_theme_of_each_of_its_values(
    client, sector, settings
):
    """Not an IN list of every example in the theme, which SQLite builds and
    then probes per indicator: 44 ms for 22 values at the sector's scale."""
    settings.VALUE_FIGURES_CACHE_SECONDS = 0
    with CaptureQueriesContext(connection) as queries:
        soup = page(client, "/vaerdi/organisation/org-et/?tema=natur-og-biodiversitet")
    assert [a.get_text() for a in soup.select(".organisation-examples a")] == ["A"]
    themed = [q["sql"] for q in queries if '"examples_examplepage_themes"' in q["sql"]]
    own = [q for q in themed if '"organisation_id" = ' in q]
    assert own, themed
    for sql in own:
        # The links are asked per row of the outer query (a correlated EXISTS).
        assert "EXISTS" in sql, sql
        assert '."examplepage_id" = ("' in sql, sql
        assert '"page_id" IN (SELECT U0."examplepage_id"' not in sql, sql


def test_the_sectors_values_in_a_theme_and_the_statistics_job(example_index, sector):
    """The sector's values in a theme of a bottom line (on SQLite compared
    as `+indicator_id`, so that the planner seeks per example along
    indval_counted_of_page) are the theme's; the daily statistics job gives
    SQLite's planner that index's figures. Which plan SQLite picks depends
    on the data's size (on this fixture it scans the whole, small table):
    bench/dashboard.py shows it at the sector's scale (--explain)."""
    nature = Theme.objects.get(name="Natur og biodiversitet")
    filters = ValueFilters(theme_id=nature.pk, bottom_line="climate_environment")
    ordered = achieved_values(filters).order_by("indicator_id", "value")
    # A's eng 100 and 300: its target is not counted, B and C are elsewhere.
    assert list(ordered.values_list("value", flat=True)) == [
        Decimal(100),
        Decimal(300),
    ]
    said = database_statistics()
    if connection.vendor != "sqlite":
        assert "intet at gøre" in said
        assert '+"indicators_indicatorvalue"' not in str(ordered.query)
        return
    assert "opdateret" in said
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT COUNT(*) FROM sqlite_stat1 WHERE idx = 'indval_counted_of_page'"
        )
        assert cursor.fetchone() == (1,)
    assert '+"indicators_indicatorvalue"."indicator_id" IN' in str(ordered.query)


def test_a_renamed_indicator_is_shown_at_once_with_the_figures_kept(
    client, sector, settings
):
    settings.VALUE_FIGURES_CACHE_SECONDS = 600
    indicator = Indicator.objects.get(slug="plaene-til-eng")
    assert indicator.name in page(client).get_text()
    indicator.name = "Vild eng i stedet for græs"
    indicator.save()
    assert "Vild eng i stedet for græs" in page(client).get_text()
    assert (
        "Vild eng i stedet for græs"
        in page(client, "/vaerdi/organisation/org-et/").get_text()
    )


def test_the_rows_grouped_by_nothing_are_every_counted_value(sector):
    counted = IndicatorValue.objects.filter(COUNTED)
    expected = counted.aggregate(
        n=Count("*"), total=Sum("value"), lowest=Min("value"), highest=Max("value")
    )
    for year in (None, 2024):
        (whole,) = rollup_totals((), year=year)
        values = counted if year is None else counted.filter(year=year)
        figures = values.aggregate(
            n=Count("*"), total=Sum("value"), lowest=Min("value"), highest=Max("value")
        )
        assert whole["n_values"] == figures["n"]
        assert whole["total"] == Decimal(figures["total"]).quantize(Decimal("0.001"))
        assert whole["lowest"] == figures["lowest"]
        assert whole["highest"] == figures["highest"]
    assert rollup_sums(()) == {
        (): [
            expected["n"],
            # Each indicator's examples, added up over the indicators.
            sum(row[1] for row in rollup_sums(("indicator_id",)).values()),
            to_thousandths(expected["total"]),
            to_thousandths(expected["lowest"]),
            to_thousandths(expected["highest"]),
        ]
    }


def test_an_edits_refresh_deletes_its_cells_old_rows_in_one_statement(sector):
    value = sector["A"].values.get(value=100)
    value.value = Decimal(150)
    with CaptureQueriesContext(connection) as queries:
        value.save()
    rollup = [q["sql"] for q in queries if '"indicators_valuerollup"' in q["sql"]]
    deletes = [sql for sql in rollup if sql.startswith("DELETE")]
    assert len(deletes) == 1, rollup
    # The old rows are not read first (the ORM's delete collects them).
    assert not [sql for sql in rollup if sql.startswith("SELECT")], rollup
    (row,) = rollup_totals(("indicator_id",), indicator_ids=[value.indicator_id])
    assert row["total"] == Decimal(150 + 300 + 200)


def test_examples_moved_into_a_private_section_leave_the_list_and_the_figures(
    client, sector, example_index, home_page
):
    """The list rests on the values' page_live: a move under a restricted
    page (Wagtail saves the moved page as a plain Page) must clear it, and a
    move back out restore it."""
    from almenhub.contentpages.models import ContentPage

    closed = home_page.add_child(instance=ContentPage(title="Lukket", slug="lukket"))
    PageViewRestriction.objects.create(
        page=closed, restriction_type=PageViewRestriction.LOGIN
    )
    assert listed(client) == ["A", "C"]
    example_index.move(closed, pos="last-child")
    assert listed(client) == []
    assert not IndicatorValue.objects.filter(COUNTED).exists()
    example_index.refresh_from_db()
    example_index.move(home_page, pos="last-child")
    assert listed(client) == ["A", "C"]
    assert rollup_totals((), year=None)[0]["n_values"] == (
        IndicatorValue.objects.filter(COUNTED).count()
    )


def test_indicators_read_inside_a_rolled_back_transaction_are_not_kept(
    sector, settings, transactional_db
):
    """A save inside a transaction renews the content version at once; what
    is read after it, under the new version, must not outlive a rollback."""
    from django.db import transaction

    from almenhub.indicators.selectors import indicators_by_id

    settings.VALUE_FIGURES_CACHE_SECONDS = 600
    indicator = Indicator.objects.get(slug="plaene-til-eng")
    original = indicator.name
    assert indicators_by_id()[indicator.pk].name == original
    with pytest.raises(RuntimeError), transaction.atomic():
        indicators_by_id()
        indicator.name = "Rullet tilbage"
        indicator.save()
        assert indicators_by_id()[indicator.pk].name == "Rullet tilbage"
        raise RuntimeError
    assert indicators_by_id()[indicator.pk].name == original
