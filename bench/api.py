"""API benchmark: requests per second and p95 latency of the project list
(cached) and the search endpoint, with 10,000 published projects.

    .venv/bin/python bench/api.py [--projects 10000] [--requests 500]

Runs in process on one thread through Django's test client, so the figures
are Django's and the API's own cost (middleware, URL routing, rate limit,
response cache, serialisation, search), without a web server or network.
The projects are written in bulk: page rows with their tree paths, the
project rows beside them, their themes, then the search index is rebuilt.
The rate limit stays on (set very high) so that its cost is measured too.
The last line printed is one JSON object with the figures.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _setup import django_setup, percentile  # noqa: E402

SUBJECTS = (
    "græsslåning grønne områder biodiversitet vild eng blomstereng trappevask "
    "renholdelse snerydning affaldssortering genbrug legepladser beskæring "
    "beboerdemokrati tryghed fritidsjob unge lektiecafé energirenovering "
    "solceller varmepumper klimatilpasning regnvand skybrud renovering"
).split()
OWNERS = [f"Boligselskabet {name}" for name in (
    "Fjordbo", "Engparken", "Lyngbo", "Åbrinken", "Solstrand", "Højgården",
    "Kystbo", "Skovly", "Vestervang", "Nørrebo",
)]  # fmt: skip
THEMES = [
    ("Drift og administration", "Drift og vedligehold"),
    ("Drift og administration", "Økonomi og styring"),
    ("Energi, klima og miljø", "Natur og biodiversitet"),
    ("Energi, klima og miljø", "Energi og ressourcer"),
    ("Energi, klima og miljø", "Affald og genbrug"),
    ("Beboere og fællesskab", "Tryghed og trivsel"),
]
SEARCHES = [
    {"q": "biodiversitet"},
    {"q": "græsslåning", "status": "finished"},
    {"q": "vild eng"},
    {"q": "affaldssortering genbrug"},
    {"q": "energirenovering", "aar": "2021"},
    {"q": "unge fritidsjob", "type": "projekt"},
    {"tema": "natur-og-biodiversitet"},
    {"q": "snerydning", "sort": "nyeste"},
    {"q": "klimatilpasning skybrud", "side": "2"},
    {},
]


def log(message: str) -> None:
    print(message, flush=True)  # noqa: T201 - a benchmark reports on stdout


def create_projects(n: int) -> None:
    """n published projects under one programme, written in bulk."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection, transaction
    from wagtail.models import Locale, Page

    from almenhub.home.models import HomePage
    from almenhub.organisations.models import Organisation
    from almenhub.projects.models import ProgrammePage, ProjectPage
    from almenhub.taxonomy.services import theme_get_or_create_child

    rng = random.Random(7)
    home = HomePage.objects.get()
    programme = ProgrammePage(title="Udviklingsprojekter", slug="udviklingsprojekter")
    home.add_child(instance=programme)
    programme.save_revision().publish()
    owners = Organisation.objects.bulk_create(
        [Organisation(name=name, kind="housing") for name in OWNERS]
    )
    themes = [
        theme_get_or_create_child(parent_name=p, child_name=c)[0] for p, c in THEMES
    ]
    content_type = ContentType.objects.get_for_model(ProjectPage)
    locale = Locale.get_default()
    start = datetime(2016, 1, 1, tzinfo=UTC)
    programme = Page.objects.get(pk=programme.pk)
    pages = []
    for i in range(n):
        a, b, c = rng.sample(SUBJECTS, 3)
        title = f"{a.capitalize()} og {b} i afdeling {i}"
        slug = f"projekt-{i}"
        published = start + timedelta(hours=7 * i)
        pages.append(
            Page(
                title=title,
                draft_title=title,
                slug=slug,
                content_type=content_type,
                locale=locale,
                path=Page._get_path(programme.path, programme.depth + 1, i + 1),
                depth=programme.depth + 1,
                numchild=0,
                url_path=f"{programme.url_path}{slug}/",
                live=True,
                has_unpublished_changes=False,
                first_published_at=published,
                last_published_at=published,
            )
        )
    with transaction.atomic():
        created = Page.objects.bulk_create(pages, batch_size=500)
        fields = [
            f
            for f in ProjectPage._meta.local_concrete_fields
            if f.column != "page_ptr_id"
        ]
        columns = ["page_ptr_id", *(f.column for f in fields)]
        rows = []
        for i, page in enumerate(created):
            a, b, c = rng.sample(SUBJECTS, 3)
            project = ProjectPage(
                page_ptr_id=page.pk,
                teaser=f"Erfaringer med {b} og {c} fra afdeling {i}.",
                status=("planned", "ongoing", "finished")[i % 3],
                publication_year=2016 + i % 10,
                owner_organisation_id=owners[i % len(owners)].pk,
                body=[("paragraph", f"<p>Om {a}, {b} og {c} i driften.</p>")],
            )
            rows.append(
                [page.pk]
                + [
                    f.get_db_prep_save(f.pre_save(project, True), connection)
                    for f in fields
                ]
            )
        table = connection.ops.quote_name(ProjectPage._meta.db_table)
        names = ", ".join(connection.ops.quote_name(c) for c in columns)
        marks = ", ".join(["%s"] * len(columns))
        with connection.cursor() as cursor:
            cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", rows)
        through = ProjectPage.themes.through
        through.objects.bulk_create(
            [
                through(projectpage_id=page.pk, theme_id=themes[i % len(themes)].pk)
                for i, page in enumerate(created)
            ],
            batch_size=1000,
        )
        Page.objects.filter(pk=programme.pk).update(numchild=n)


def measure(client, urls: list[str]) -> tuple[float, float]:
    """Requests per second and p95 latency (ms) over the URLs, in order."""
    timings = []
    started = time.perf_counter()
    for url in urls:
        t0 = time.perf_counter()
        response = client.get(url)
        timings.append(time.perf_counter() - t0)
        if response.status_code != 200:
            raise SystemExit(f"{url}: {response.status_code} {response.content[:300]}")
    elapsed = time.perf_counter() - started
    return len(urls) / elapsed, percentile(timings, 0.95) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--projects", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=500)
    args = parser.parse_args()

    django_setup()
    from django.conf import settings
    from django.test import Client

    from almenhub.opendata.freshness import content_changed
    from almenhub.projects.models import ProjectPage
    from almenhub.search.services import search_rebuild

    settings.DEBUG = False  # no query log: measure what production runs
    settings.OPENDATA_RATE_LIMIT = 10**9

    t0 = time.perf_counter()
    create_projects(args.projects)
    log(f"created {args.projects} projects in {time.perf_counter() - t0:.1f} s")
    t0 = time.perf_counter()
    indexed = search_rebuild()
    log(f"indexed {indexed} documents in {time.perf_counter() - t0:.1f} s")
    content_changed()  # bulk writes send no signals
    projects = ProjectPage.objects.live().count()

    client = Client(HTTP_HOST="localhost")
    list_url = "/api/v1/projects/?page=3&page_size=20"
    t0 = time.perf_counter()
    first = client.get(list_url)
    cold_ms = (time.perf_counter() - t0) * 1000
    assert first.json()["count"] == projects, first.content[:200]
    log(f"list, first (uncached) request: {cold_ms:.1f} ms")
    list_rps, list_p95 = measure(client, [list_url] * args.requests)
    log(f"list (cached): {list_rps:.0f} requests/s, p95 {list_p95:.2f} ms")
    pages = [f"/api/v1/projects/?page={n}&page_size=20" for n in range(4, 104)]
    cold_rps, cold_p95 = measure(client, pages)
    log(f"list (uncached pages): {cold_rps:.0f} requests/s, p95 {cold_p95:.2f} ms")

    search_urls = []
    for n in range(max(50, args.requests // 2)):
        params = SEARCHES[n % len(SEARCHES)]
        query = "&".join(f"{k}={v}" for k, v in params.items())
        search_urls.append(f"/api/v1/search/?{query}")
    measure(client, search_urls[: len(SEARCHES)])  # open the index, warm caches
    search_rps, search_p95 = measure(client, search_urls)
    log(f"search: {search_rps:.0f} requests/s, p95 {search_p95:.2f} ms")
    log(
        json.dumps(
            {
                "projects": projects,
                "list_rps": round(list_rps, 1),
                "list_p95_ms": round(list_p95, 2),
                "search_rps": round(search_rps, 1),
                "search_p95_ms": round(search_p95, 2),
            }
        )
    )


if __name__ == "__main__":
    main()
