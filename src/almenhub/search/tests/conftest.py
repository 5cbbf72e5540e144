from __future__ import annotations

import pytest

from almenhub.projects.records import BodyPart, ContactRecord, ProjectRecord
from almenhub.projects.services import project_upsert
from almenhub.search.engines import available_engine_names
from almenhub.search.planner import glossary_changed
from almenhub.search.services import search_rebuild

EXTRA_PAGES = [
    {
        "title": "Vild eng i stedet for græsslåning",
        "teaser": "En afdeling lod plænen gro til eng og fik mere biodiversitet.",
        "body": "Biodiversiteten steg, da driften holdt op med græsslåning hver uge.",
        "themes": [("Energi, klima og miljø", "Natur og biodiversitet")],
        "owner": "Solstrand Boligforening",
        "contact": "Søren Kierkegaard Hansen",
        "year": 2024,
        "status": "finished",
    },
    {
        "title": "Boligorganisationens økonomistyring",
        "teaser": "Budgetter og regnskab i boligorganisationer.",
        "body": "Boligorganisationernes økonomi kræver styring og gennemsigtighed.",
        "themes": [("Drift og administration", "Økonomi og styring")],
        "year": 2022,
        "status": "ongoing",
    },
    {
        "title": "Trappevask med grønne midler",
        "teaser": "Miljøvenlig rengøring af opgange.",
        "body": "Trappevasken bruger nu svanemærkede midler og mindre vand.",
        "themes": [("Drift og administration", "Drift og vedligehold")],
        "year": 2025,
        "status": "planned",
    },
    {
        "title": "Elektrisk snerydning",
        "teaser": "Batteridrevne maskiner til vintertjenesten.",
        "body": "Snerydning med elektriske maskiner sparer diesel og larm.",
        "themes": [("Energi, klima og miljø", "Energi og ressourcer")],
        "year": 2023,
        "status": "finished",
    },
    {
        "title": "Grønneområder i byen",
        "teaser": "Plejeplaner for de store friarealer.",
        "body": "Afdelingens grønneområder plejes efter en fælles plan.",
        "themes": [("Energi, klima og miljø", "Klimatilpasning")],
        "year": 2021,
        "status": "finished",
    },
]


def add_page(programme, spec: dict, key: str):
    record = ProjectRecord(
        title=spec["title"],
        teaser=spec.get("teaser", ""),
        themes=spec.get("themes", []),
        status=spec.get("status", "ongoing"),
        publication_year=spec.get("year"),
        owner=spec.get("owner", ""),
        contacts=[ContactRecord(name=spec["contact"])] if spec.get("contact") else [],
        body=[BodyPart("paragraph", spec.get("body", ""))],
    )
    return project_upsert(programme=programme, record=record, source_key=key).page


def project(programme, key: str, **fields):
    record = ProjectRecord(
        title=fields.pop("title"),
        teaser=fields.pop("teaser", ""),
        body=[BodyPart("paragraph", fields.pop("body", "Et forsøg i driften."))],
        **fields,
    )
    return project_upsert(programme=programme, record=record, source_key=key).page


@pytest.fixture
def extra_pages(programme):
    return [
        add_page(programme, spec, f"extra-{i}") for i, spec in enumerate(EXTRA_PAGES)
    ]


@pytest.fixture(autouse=True)
def fresh_glossary():
    """Each test compiles the glossary its database holds: a test's rows go
    with its rolled-back transaction, which sends no signal."""
    glossary_changed()
    yield
    glossary_changed()


@pytest.fixture(params=available_engine_names())
def engine_name(request, settings):
    settings.ALMENHUB_SEARCH_ENGINE = request.param
    return request.param


@pytest.fixture
def indexed(engine_name, extra_pages):
    search_rebuild(engine_name=engine_name)
    return extra_pages
