from __future__ import annotations

import pytest

from almenhub.examples.factories import example_create
from almenhub.examples.services import example_index_get_or_create
from almenhub.organisations.models import Organisation, OrganisationKind


@pytest.fixture
def example_index(home_page):
    return example_index_get_or_create()


@pytest.fixture
def orgs(db) -> tuple[Organisation, Organisation]:
    return (
        Organisation.objects.create(name="Org Et", kind=OrganisationKind.HOUSING),
        Organisation.objects.create(name="Org To", kind=OrganisationKind.HOUSING),
    )


ENG = "plaene-til-eng"  # m², climate & environment › biodiversity
UNGE = "unge-i-fritidsjob"  # count, social
TILFREDS = "tilfredshed-udearealer"  # percent, social
KR = "driftsudgifter-sparet"  # kr./år, economic


@pytest.fixture
def sector(example_index, orgs):
    """Four examples whose figures are worked out by hand in the tests.

    A (org 1, grass cutting, nature):  eng 100 (2023), eng 300 (2024),
        unge 4 (2023), tilfreds 60 (2023), eng 999 target (2025)
    B (org 2, grass cutting, operations): eng 200 (2023), unge 2 (2024),
        tilfreds 80 (2024), kr 1000 (2024)
    C (org 1, snow clearing, jobs): unge 10 (2024), kr 3000 (2023)
    D (org 2, draft): eng 5000 (2023), unge 50 (2023) – never counted
    """
    one, two = orgs
    a = example_create(
        example_index,
        title="A",
        organisation=one,
        task_slug="graesslaaning",
        themes=["Natur og biodiversitet"],
        values=[
            (ENG, 100, 2023),
            (ENG, 300, 2024),
            (UNGE, 4, 2023),
            (TILFREDS, 60, 2023),
            (ENG, 999, 2025, "target"),
        ],
    )
    b = example_create(
        example_index,
        title="B",
        organisation=two,
        task_slug="graesslaaning",
        themes=["Drift og vedligehold"],
        values=[
            (ENG, 200, 2023),
            (UNGE, 2, 2024),
            (TILFREDS, 80, 2024),
            (KR, 1000, 2024),
        ],
    )
    c = example_create(
        example_index,
        title="C",
        organisation=one,
        task_slug="snerydning",
        themes=["Beskæftigelse og uddannelse"],
        values=[(UNGE, 10, 2024), (KR, 3000, 2023)],
    )
    d = example_create(
        example_index,
        title="D",
        organisation=two,
        values=[(ENG, 5000, 2023), (UNGE, 50, 2023)],
        live=False,
    )
    return {"A": a, "B": b, "C": c, "D": d}
