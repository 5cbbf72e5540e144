"""The relevance test set: Danish queries and the pages that must come first,
over the demo content plus pages added for it, on every available engine."""

from __future__ import annotations

import pytest

from almenhub.core.demo import demo_load
from almenhub.search.selectors import search
from almenhub.search.services import search_rebuild
from almenhub.search.tests.conftest import EXTRA_PAGES, add_page

pytestmark = pytest.mark.django_db

# query → titles of which one must be the first hit
RELEVANCE = [
    ("biodiversitet græsslåning", {"Vild eng i stedet for græsslåning"}),
    (
        "biodiversiteten",
        {"Biodiversitet trin for trin", "Vild eng i stedet for græsslåning"},
    ),
    ("boligorganisationernes økonomi", {"Boligorganisationens økonomistyring"}),
    ("unge i fritidsjob", {"Unge i fritidsjob i driften"}),
    ("vaerdi gentagelser", {"Gentagelsens værdi"}),
    ("grønne områder klimatilpasning", {"Klimatilpasning af grønne områder"}),
    ("grønneområder plejeplan", {"Grønneområder i byen"}),
    ("grønt område i byen", {"Grønneområder i byen"}),
    ("robotplaeneklippere", {"Robotplæneklippere i afdelingerne"}),
    ("lektiecafe", {"Lektiecafé i beboerhuset"}),
    ("tryghedsvandringr", {"Tryghedsvandringer med beboerne"}),
    ("affaldssorterng", {"Affaldssortering i tæt bebyggelse"}),
    ('"nye veje"', {"Nye veje til beboerdemokratiet"}),
    ("Kierkegaard", {"Vild eng i stedet for græsslåning"}),
    ("solstrand boligforening", {"Vild eng i stedet for græsslåning"}),
    ("trappevask", {"Trappevask med grønne midler"}),
    ("snerydning elektrisk", {"Elektrisk snerydning"}),
    ("energidata", {"Fra energidata til adfærd"}),
    ("klimaaftryk nybyggeri", {"Nybyggeri med lavt klimaaftryk"}),
    (
        "digitale vedligeholdelsesplaner",
        {
            "Digitale drifts- og vedligeholdelsesplaner",
            "Skabelon til digital drifts- og vedligeholdelsesplan",
        },
    ),
    ("tilgaengelige boliger", {"Tilgængelige boliger til en aldrende beboergruppe"}),
    ("fælles indkøb", {"Fælles indkøb af driftsmateriel"}),
    ("generationer fællesskab", {"Fællesskab på tværs af generationer"}),
    ("trappevasken", {"Trappevask med grønne midler"}),
]


def test_relevance_set(engine_name, programme):
    demo_load()
    for i, spec in enumerate(EXTRA_PAGES):
        add_page(programme, spec, f"extra-{i}")
    search_rebuild(engine_name=engine_name)

    reciprocal_ranks = []
    failures = []
    for query, expected in RELEVANCE:
        titles = [hit.document.title for hit in search(query, per_page=10).hits]
        rank = next((n for n, t in enumerate(titles, 1) if t in expected), None)
        reciprocal_ranks.append(1 / rank if rank else 0.0)
        if rank != 1:
            failures.append(f"{query!r}: {titles[:3]}")
    mrr = sum(reciprocal_ranks) / len(reciprocal_ranks)
    summary = f"{engine_name}: mean reciprocal rank {mrr:.3f}, {len(RELEVANCE)} queries"
    print("\n" + summary)  # noqa: T201
    assert not failures, "\n".join(failures)
    assert len(RELEVANCE) >= 20
