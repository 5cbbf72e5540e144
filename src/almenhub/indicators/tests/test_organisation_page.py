"""An organisation's page of value (/vaerdi/organisation/<slug>/): its
figures against the sector, worked out by hand, its CSV equal to its table,
its PDF, and nothing from an unpublished example.

On the `sector` fixture, Org Et has A and C, Org To has B (and the draft D):
    unge-i-fritidsjob  Org Et 4, 10 (avg 7, median 7, sum 14); Org To 2
                       sector median of 2, 4, 10 = 4
    plaene-til-eng     Org Et 100, 300 (avg 200); Org To 200: a tie
                       sector median of 100, 200, 300 = 200
    tilfredshed        Org Et 60; Org To 80; sector median 70
    driftsudgifter     Org Et 3000; Org To 1000; sector median 2000
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext

from almenhub.examples.factories import example_create
from almenhub.indicators.comparison import organisation_examples
from almenhub.indicators.models import Indicator
from almenhub.indicators.selectors import ValueFilters
from almenhub.organisations.models import Department, Organisation, OrganisationKind
from almenhub.taxonomy.models import Theme

from .conftest import UNGE
from .test_dashboard import csv_rows, page, table_rows

pytestmark = pytest.mark.django_db


def standings(soup: BeautifulSoup) -> dict[str, list[str]]:
    table = soup.select_one("#afsnit-sektor").find_parent("section").find("table")
    return {row[0]: row[1:] for row in table_rows(table)[1:]}


@pytest.mark.parametrize("single_read_limit", [2_000, 0])
def test_organisation_against_the_sector(
    client, sector, orgs, monkeypatch, settings, single_read_limit
):
    """Also with every median read by offset (as for an organisation of
    more than 2,000 values): the same figures, and its own values are not
    read one by one."""
    settings.VALUE_FIGURES_CACHE_SECONDS = 0  # computed here, not kept
    monkeypatch.setattr(
        "almenhub.indicators.selectors.MEDIAN_SINGLE_READ_LIMIT", single_read_limit
    )
    one, _ = orgs
    assert one.slug == "org-et"
    with CaptureQueriesContext(connection) as queries:
        soup = page(client, "/vaerdi/organisation/org-et/")
    if not single_read_limit:
        # No read of the organisation's values in value order but by offset.
        ordered = [
            q["sql"]
            for q in queries
            if '"indicators_indicatorvalue"."value" AS "value"' in q["sql"]
            and "ORDER BY" in q["sql"]
            and "OFFSET" not in q["sql"]
        ]
        assert not ordered, ordered
    rows = standings(soup)
    # Enhed, values, examples, sum, median, average, sector median,
    # organisations, rank, better than
    assert rows["Unge i fritidsjob i driften"] == [
        "antal unge", "2", "2", "14", "7", "7", "4", "2", "1 af 2", "100 %"
    ]  # fmt: skip
    assert rows["Græsplæne omlagt til vild eng"][4:] == [
        "200", "200", "200", "2", "1 af 2", "0 %"
    ]  # fmt: skip
    # A percentage has no sum.
    assert rows["Beboere, der er tilfredse med udearealerne"][3:] == [
        "–", "60", "60", "70", "2", "2 af 2", "0 %"
    ]  # fmt: skip
    assert rows["Sparede driftsudgifter"][6:] == ["2.000", "2", "1 af 2", "100 %"]
    examples = [a.get_text() for a in soup.select(".organisation-examples a")]
    assert sorted(examples) == ["A", "C"]


def test_unpublished_example_never_shows(client, sector, orgs):
    soup = page(client, "/vaerdi/organisation/org-to/")
    text = soup.find("main").get_text(" ")
    assert [a.get_text() for a in soup.select(".organisation-examples a")] == ["B"]
    # D's 5000 m² and 50 unge are not Org To's figures.
    rows = standings(soup)
    assert rows["Unge i fritidsjob i driften"][1:5] == ["1", "1", "2", "2"]
    assert "5.000" not in text


@pytest.fixture
def five(example_index):
    """Five organisations with one figure each for unge-i-fritidsjob:
    10, 20, 20, 40, 50."""
    made = {}
    for name, amount in [("O1", 10), ("O2", 20), ("O3", 20), ("O4", 40), ("O5", 50)]:
        org = Organisation.objects.create(name=name, kind=OrganisationKind.HOUSING)
        example_create(
            example_index,
            title=f"Eksempel {name}",
            organisation=org,
            values=[(UNGE, amount, 2024)],
        )
        made[name] = org
    return made


@pytest.mark.parametrize(
    ("name", "rank", "better", "higher_is_better"),
    [
        ("O5", "1 af 5", "100 %", True),
        ("O4", "2 af 5", "75 %", True),
        ("O3", "3 af 5", "25 %", True),  # tied with O2: both beat only O1
        ("O2", "3 af 5", "25 %", True),
        ("O1", "5 af 5", "0 %", True),
        ("O1", "1 af 5", "100 %", False),
        ("O3", "2 af 5", "50 %", False),  # beats O4 and O5
    ],
)
def test_rank_and_percentile_against_a_hand_made_set(
    client, five, name, rank, better, higher_is_better
):
    Indicator.objects.filter(slug=UNGE).update(higher_is_better=higher_is_better)
    soup = page(client, f"/vaerdi/organisation/{five[name].slug}/")
    row = standings(soup)["Unge i fritidsjob i driften"]
    # sector median of 10, 20, 20, 40, 50 is 20; five organisations report
    assert row[6:] == ["20", "5", rank, better]


def test_filters_narrow_both_the_organisation_and_the_sector(client, sector):
    soup = page(client, "/vaerdi/organisation/org-et/?aar=2024")
    rows = standings(soup)
    # 2024: Org Et eng 300, unge 10; Org To unge 2, tilfreds 80, kr 1000
    assert set(rows) == {"Unge i fritidsjob i driften", "Græsplæne omlagt til vild eng"}
    # No other organisation has eng in 2024: first of one, better than none.
    assert rows["Græsplæne omlagt til vild eng"][4:] == [
        "300", "300", "300", "1", "1 af 1", "–"
    ]  # fmt: skip
    assert rows["Unge i fritidsjob i driften"][6:] == ["6", "2", "1 af 2", "100 %"]
    examples = soup.select(".organisation-examples a")
    assert sorted(a.get_text() for a in examples) == ["A", "C"]


def test_bad_filter_and_unknown_organisation(client, sector):
    soup = page(client, "/vaerdi/organisation/org-et/?aar=1700", status=400)
    assert "År: der er ingen værdier for det valgte år." in soup.get_text()
    response = client.get("/vaerdi/organisation/org-et/vaerdi.csv?tema=findes-ikke")
    assert response.status_code == 400
    assert "Tema: det valgte tema findes ikke." in response.content.decode()
    assert client.get("/vaerdi/organisation/findes-ikke/").status_code == 404


def test_csv_equals_the_table(client, sector):
    soup = page(client, "/vaerdi/organisation/org-et/?bundlinje=social")
    table = soup.select_one("#afsnit-sektor").find_parent("section").find("table")
    shown = table_rows(table)
    rows = csv_rows(client, "/vaerdi/organisation/org-et/vaerdi.csv?bundlinje=social")
    assert rows == shown
    assert len(rows) == 3  # header, unge, tilfredshed


def test_pdf_is_typeset(client, sector):
    response = client.get("/vaerdi/organisation/org-et/vaerdi.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert b"org-et.pdf" in response["Content-Disposition"].encode()


def test_per_department_and_per_home_by_hand(client, example_index):
    """Org with two departments of 100 and 300 homes, and one of unknown size:
    unge 10 + 30 in the known ones, 5 in the unknown one.
    Per department: 45 / 3 = 15. Per home: 40 / 400 = 0,1."""
    org = Organisation.objects.create(name="Bolig Tre", kind=OrganisationKind.HOUSING)
    small = Department.objects.create(organisation=org, name="Lille", homes=100)
    large = Department.objects.create(organisation=org, name="Stor", homes=300)
    unknown = Department.objects.create(organisation=org, name="Ukendt")
    for title, department, amount in [
        ("E1", small, 10),
        ("E2", large, 30),
        ("E3", unknown, 5),
    ]:
        example_create(
            example_index,
            title=title,
            organisation=org,
            department=department,
            values=[(UNGE, amount, 2024)],
        )
    # An example with no department adds nothing to these figures.
    example_create(
        example_index, title="E4", organisation=org, values=[(UNGE, 1000, 2024)]
    )
    soup = page(client, f"/vaerdi/organisation/{org.slug}/")
    table = soup.select_one("#afsnit-bolig").find_parent("section").find("table")
    rows = table_rows(table)
    assert rows[1] == [
        "Unge i fritidsjob i driften", "antal unge", "15", "3", "0,1", "400", "3", "2"
    ]  # fmt: skip


def test_values_follow_their_example_to_another_organisation(client, sector, orgs):
    one, two = orgs
    c = sector["C"]
    c.organisation = two
    c.save()
    soup = page(client, "/vaerdi/organisation/org-to/")
    assert "C" in [a.get_text() for a in soup.select(".organisation-examples a")]
    assert standings(soup)["Unge i fritidsjob i driften"][1] == "2"


def test_organisation_is_linked_from_the_dashboard(client, sector, orgs):
    one, _ = orgs
    soup = page(client, f"/vaerdi/?organisation={one.pk}")
    link = soup.find("a", string="Se Org Et mod sektoren")
    assert link["href"] == "/vaerdi/organisation/org-et/"


def test_organisation_is_linked_from_its_example(client, sector):
    soup = page(client, sector["A"].url)
    link = soup.find("a", string="Se Org Et mod sektoren")
    assert link["href"] == "/vaerdi/organisation/org-et/"


def test_dashboard_lists_organisations_with_published_examples(
    client, sector, example_index
):
    hidden = Organisation.objects.create(name="Kun Kladde", kind="housing")
    example_create(
        example_index,
        title="Kladde",
        organisation=hidden,
        values=[(UNGE, 1, 2024)],
        live=False,
    )
    soup = page(client)
    links = {a.get_text(): a["href"] for a in soup.select(".organisation-links a")}
    assert links == {
        "Org Et": "/vaerdi/organisation/org-et/",
        "Org To": "/vaerdi/organisation/org-to/",
    }
    # Nor does the filter offer an organisation whose examples are all drafts.
    assert "Kun Kladde" not in soup.select_one("select#id_organisation").get_text()


def test_a_large_organisation_lists_its_newest_examples_only(
    client, sector, monkeypatch
):
    monkeypatch.setattr("almenhub.indicators.comparison.EXAMPLES_LISTED", 1)
    soup = page(client, "/vaerdi/organisation/org-et/")
    assert len(soup.select(".organisation-examples li")) == 1
    assert "De 1 nyeste af 2 eksempler." in soup.get_text()


PER_PAGE_COUNT = (
    'SELECT "indicators_indicatorvalue"."page_id" AS "page_id", COUNT(*) AS "n" '
)


def test_only_the_listed_examples_values_are_counted(client, sector, monkeypatch):
    """The page counts the values of the examples it lists, not of every
    example of the organisation (over a thousand for a large one)."""
    monkeypatch.setattr("almenhub.indicators.comparison.EXAMPLES_LISTED", 1)
    with CaptureQueriesContext(connection) as queries:
        soup = page(client, "/vaerdi/organisation/org-et/")
    # Org Et has A (4 counted values, a target left out) and C (2), the newer.
    newest = sector["C"]
    items = soup.select(".organisation-examples li")
    assert [li.a.get_text() for li in items] == ["C"]
    assert "2 værdier" in items[0].get_text()
    assert "De 1 nyeste af 2 eksempler." in soup.get_text()
    per_page = [q["sql"] for q in queries if q["sql"].startswith(PER_PAGE_COUNT)]
    assert per_page
    assert all(f'"page_id" IN ({newest.pk})' in sql for sql in per_page), per_page


@pytest.mark.parametrize(
    ("query", "listed"),
    [
        # Org Et: A (nature; eng 100 and 300, unge 4, tilfreds 60, a target
        # left out) and C (snow clearing; unge 10 in 2024, kr 3000 in 2023).
        ("", {"A": "4 værdier", "C": "2 værdier"}),
        ("?tema=natur-og-biodiversitet", {"A": "4 værdier"}),
        ("?opgave=snerydning", {"C": "2 værdier"}),
        ("?aar=2024", {"A": "1 værdi", "C": "1 værdi"}),
        ("?aar=2023&tema=natur-og-biodiversitet", {"A": "3 værdier"}),
        ("?aar=2023&opgave=snerydning&bundlinje=economic", {"C": "1 værdi"}),
    ],
)
def test_the_listed_examples_follow_the_filters(
    client, sector, settings, query, listed
):
    """The examples are found from the organisation's pages (theme and task
    asked of the page), not by counting over all its values."""
    settings.VALUE_FIGURES_CACHE_SECONDS = 0
    with CaptureQueriesContext(connection) as queries:
        soup = page(client, f"/vaerdi/organisation/org-et/{query}")
    items = soup.select(".organisation-examples li")
    shown = {li.a.get_text(): li.select_one(".meta").get_text() for li in items}
    assert set(shown) == set(listed)
    for title, count in listed.items():
        assert shown[title].endswith(f" · {count}"), (title, shown[title])
    if not query:
        # Nothing counts the distinct examples over the organisation's values.
        assert not [
            q["sql"]
            for q in queries
            if 'COUNT(DISTINCT "indicators_indicatorvalue"."page_id")' in q["sql"]
        ]


@pytest.mark.parametrize("year", [None, 2024])
def test_per_home_and_averages_from_the_summed_rows_equal_the_values(
    example_index, sector, orgs, monkeypatch, settings, year
):
    """The figures per department and home, and each organisation's average,
    from the pre-summed rows (exact thousandths) equal those summed from the
    values (SQLite's floats, quantised): value for value, digit for digit."""
    from almenhub.indicators import comparison
    from almenhub.indicators.selectors import ValueFilters

    settings.VALUE_FIGURES_CACHE_SECONDS = 0  # computed here, not kept
    one, _ = orgs
    west = Department.objects.create(organisation=one, name="Vest", homes=120)
    example_create(
        example_index,
        title="F",
        organisation=one,
        department=west,
        values=[(UNGE, "2.125", 2024), (UNGE, "0.5", 2023)],
    )
    filters = ValueFilters(year=year)

    def figures():
        return (
            comparison._normalised_figures(filters, organisation_id=None),
            comparison._normalised_figures(filters, organisation_id=one.pk),
            comparison._organisation_averages(filters),
        )

    summed = figures()
    monkeypatch.setattr(comparison, "summed_sums", lambda *a, **k: None)
    from_values = figures()
    assert summed == from_values
    assert [str(f.per_home) for f in summed[1]] == [
        str(f.per_home) for f in from_values[1]
    ]
    # By hand: Vest's 120 homes, Org Et's unge 2.125 (+ 0.5 in all years).
    unge = Indicator.objects.get(slug=UNGE).pk
    expected = Decimal("2.625") if year is None else Decimal("2.125")
    assert [f.per_home for f in summed[1] if f.indicator.pk == unge] == [expected / 120]


def test_an_organisations_newest_examples_and_their_count_in_one_read(
    sector, orgs, settings
):
    settings.VALUE_FIGURES_CACHE_SECONDS = 0
    one, _ = orgs
    nature = Theme.objects.get(name="Natur og biodiversitet")
    with CaptureQueriesContext(connection) as queries:
        listed, total = organisation_examples(one.pk, ValueFilters())
    # Org Et's live examples with counted values: A and C.
    assert sorted(page.title for page, _ in listed) == ["A", "C"]
    assert {page.title: n for page, n in listed} == {"A": 4, "C": 2}
    assert total == 2
    pages = [q["sql"] for q in queries if '"examples_examplepage"' in q["sql"]]
    # The newest ids with the count of all, then those pages: no count apart.
    assert len(pages) == 2, pages
    assert "OVER ()" in pages[0]
    assert not any('COUNT(*) AS "__count"' in q["sql"] for q in queries)

    listed, total = organisation_examples(one.pk, ValueFilters(), limit=1)
    assert len(listed) == 1 and total == 2
    listed, total = organisation_examples(one.pk, ValueFilters(theme_id=nature.pk))
    assert [page.title for page, _ in listed] == ["A"] and total == 1
    listed, total = organisation_examples(one.pk, ValueFilters(year=2030))
    assert (listed, total) == ([], 0)
