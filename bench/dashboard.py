"""Sector dashboard response time at scale.

Builds a throw-away SQLite hub with 50,000 live and draft examples carrying
250,000 indicator values, then times through the Django test client: GET
/vaerdi/ unfiltered before any indicator has a value in kroner, unfiltered
with the value bank's proxies (the kroner section), filtered, and an
organisation's page of value unfiltered and filtered. Each is timed twice:
as a visitor after the first (`<name>_p95_ms`: the figures kept under the
content version, indicators.caching) and right after an edit
(`<name>_cold_p95_ms`: before each request one counted value of the
organisation is saved with a new amount, as an editor's change does, so no
figure is kept from before; the save's own time is `edit_p50_ms`). Run from
the repository root:

    .venv/bin/python bench/dashboard.py [--examples N] [--values-per-example K]
        [--rounds R]

With --rounds R every page is timed R times over (all pages, then all
again), and each figure is the median of the rounds' (a noisy machine's
single run varies more than most changes do).

Then it does the same on a throw-away PostgreSQL server of its own (through
scripts/with-postgres.sh, as bench/search.py does) unless --skip-postgres.
The last line printed is one JSON object with the figures, PostgreSQL's
under "postgres".
"""

from __future__ import annotations

import argparse
import atexit
import datetime
import json
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
import uuid
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=50_000)
    parser.add_argument("--values-per-example", type=int, default=5)
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument(
        "--rounds",
        type=int,
        default=1,
        help="time every page this many times over, one round of all pages "
        "after the other; the figures are the rounds' medians",
    )
    parser.add_argument("--skip-postgres", action="store_true")
    # Set when this script runs itself again on PostgreSQL.
    parser.add_argument("--on-postgres", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument(
        "--explain",
        action="store_true",
        help="after the timings, print each page's slowest statement after an "
        "edit with its plan (PostgreSQL: EXPLAIN (ANALYZE, BUFFERS))",
    )
    parser.add_argument(
        "--keep",
        metavar="FILE",
        help="keep the generated database in FILE; reuse it if FILE exists",
    )
    return parser.parse_args()


ARGS = arguments()
WORK_DIR = Path(tempfile.mkdtemp(prefix="almenhub-bench-dashboard-"))
atexit.register(shutil.rmtree, WORK_DIR, ignore_errors=True)
DATABASE = Path(ARGS.keep).resolve() if ARGS.keep else WORK_DIR / "bench.sqlite3"
REUSE = DATABASE.exists() and not ARGS.on_postgres

sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))
os.environ["DJANGO_SETTINGS_MODULE"] = "almenhub.settings.dev"
if not ARGS.on_postgres:  # else scripts/with-postgres.sh has set DATABASE_URL
    os.environ["DATABASE_URL"] = f"sqlite:///{DATABASE}"
os.environ["ALMENHUB_DATA_DIR"] = str(WORK_DIR / "data")
# Measure the dashboard's own work: the site's anonymous page cache would
# answer every request after the first without running the view.
os.environ["PAGE_CACHE_SECONDS"] = "0"

import django  # noqa: E402

django.setup()

from django.contrib.contenttypes.models import ContentType  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import override_settings  # noqa: E402
from wagtail.models import Page  # noqa: E402

from almenhub.demo.value_bank import demo_value_bank_load  # noqa: E402
from almenhub.examples.models import (  # noqa: E402
    ExampleIndexPage,
    ExamplePage,
    ExampleStatus,
    OperationsTask,
)
from almenhub.examples.services import example_index_get_or_create  # noqa: E402
from almenhub.indicators.models import (  # noqa: E402
    Indicator,
    IndicatorValue,
    UnitKind,
    ValueMethod,
    ValueProxy,
)
from almenhub.organisations.models import (  # noqa: E402
    Department,
    Organisation,
    OrganisationKind,
)
from almenhub.taxonomy.models import Theme  # noqa: E402

try:
    from almenhub.indicators.rollup import rollup_rebuild  # noqa: E402
except ImportError:  # a baseline from before the pre-summed rows
    rollup_rebuild = None

RUNS = 30
WARM_UP = 3
BATCH = 5000
YEARS = range(2018, 2027)
METHODS = [ValueMethod.MEASURED] * 6 + [ValueMethod.ESTIMATED] * 3
METHODS += [ValueMethod.TARGET]


def say(line: str) -> None:
    print(line, file=sys.stderr, flush=True)  # noqa: T201


def organisations_create(rng: random.Random, count: int = 40) -> list[Organisation]:
    orgs = Organisation.objects.bulk_create(
        [
            Organisation(
                name=f"Bench Boligselskab {i:02d}",
                slug=f"bench-boligselskab-{i:02d}",
                kind=OrganisationKind.HOUSING,
            )
            for i in range(count)
        ]
    )
    # Most departments state their number of homes, as real ones mostly do.
    Department.objects.bulk_create(
        [
            Department(
                organisation=org,
                name=f"Afdeling {j}",
                number=str(j),
                homes=rng.choice([None, *range(40, 800, 20)]),
            )
            for org in orgs
            for j in range(1, 4)
        ]
    )
    return orgs


def random_value(rng: random.Random, indicator: Indicator) -> Decimal:
    if indicator.unit_kind == UnitKind.PERCENT:
        return Decimal(rng.randint(0, 1000)) / 10
    if indicator.unit_kind == UnitKind.COUNT:
        return Decimal(rng.randint(0, 400))
    return Decimal(rng.randint(0, 5_000_000)) / 100


def examples_create(
    rng: random.Random,
    index: ExampleIndexPage,
    n_examples: int,
    values_per_example: int,
) -> tuple[int, int]:
    """Insert pages, examples, themes and values in bulk.

    Treebeard's add_child takes a lock and rewrites the parent per child;
    here the materialised paths are computed directly instead, which is what
    add_child would have produced for children appended in order.
    """
    content_type = ContentType.objects.get_for_model(ExamplePage)
    orgs = list(Organisation.objects.filter(kind=OrganisationKind.HOUSING))
    departments: dict[int, list[int]] = {}
    for dept_id, org_id in Department.objects.values_list("pk", "organisation_id"):
        departments.setdefault(org_id, []).append(dept_id)
    task_ids = list(OperationsTask.objects.values_list("pk", flat=True))
    theme_ids = list(Theme.objects.children().values_list("pk", flat=True))
    indicators = list(Indicator.objects.all())
    now = datetime.datetime.now(tz=datetime.UTC)
    depth = index.depth + 1
    through = ExamplePage._meta.get_field("themes").remote_field.through
    local_fields = ExamplePage._meta.local_concrete_fields
    n_values = 0

    for start in range(0, n_examples, BATCH):
        stop = min(start + BATCH, n_examples)
        pages = []
        for i in range(start, stop):
            live = rng.random() < 0.95
            slug = f"eksempel-{i + 1}"
            pages.append(
                Page(
                    title=f"Eksempel {i + 1}",
                    draft_title=f"Eksempel {i + 1}",
                    slug=slug,
                    content_type=content_type,
                    live=live,
                    has_unpublished_changes=not live,
                    url_path=f"{index.url_path}{slug}/",
                    path=ExamplePage._get_path(index.path, depth, i + 1),
                    depth=depth,
                    numchild=0,
                    locale_id=index.locale_id,
                    translation_key=uuid.uuid4(),
                    first_published_at=now if live else None,
                    last_published_at=now if live else None,
                )
            )
        Page.objects.bulk_create(pages)
        examples = []
        for page in pages:
            org = rng.choice(orgs)
            lat = Decimal(rng.randint(5500000, 5740000)) / 100000
            lon = Decimal(rng.randint(850000, 1250000)) / 100000
            example = ExamplePage(
                page_ptr_id=page.pk,
                teaser="Et genereret eksempel til måling af dashboardet.",
                organisation_id=org.pk,
                department_id=rng.choice(departments[org.pk]),
                municipality="Benchkommune",
                latitude=lat,
                longitude=lon,
                task_id=rng.choice(task_ids),
                status=rng.choice(ExampleStatus.values),
            )
            examples.append(example)
        # Multi-table inheritance rules out bulk_create; insert the child
        # table's rows alone, the parent rows exist already.
        ExamplePage._base_manager._insert(
            examples, fields=local_fields, using=connection.alias
        )
        through.objects.bulk_create(
            [
                through(examplepage_id=page.pk, theme_id=theme_id)
                for page in pages
                for theme_id in rng.sample(theme_ids, rng.choice((1, 1, 2)))
            ]
        )
        values = []
        for page, example in zip(pages, examples, strict=True):
            for k in range(values_per_example):
                indicator = rng.choice(indicators)
                year = rng.choice(YEARS)
                values.append(
                    IndicatorValue(
                        page_id=page.pk,
                        indicator=indicator,
                        value=random_value(rng, indicator),
                        period_start=datetime.date(year, 1, 1),
                        period_end=datetime.date(year, 12, 31),
                        year=year,
                        page_live=page.live,
                        organisation_id=example.organisation_id,
                        department_id=example.department_id,
                        method=rng.choice(METHODS),
                        sort_order=k,
                    )
                )
        IndicatorValue.objects.bulk_create(values)
        n_values += len(values)
        say(f"  {stop:>6} eksempler, {n_values:>7} værdier")

    Page.objects.filter(pk=index.pk).update(numchild=n_examples)
    return n_examples, n_values


EDIT_TIMES: list[float] = []


def edit(value: IndicatorValue) -> None:
    """An editor's change of one counted value: saved with a new amount
    (alternately one more and one less), through the model's save and its
    signals, as the admin saves it."""
    value.value += 1 if len(EDIT_TIMES) % 2 == 0 else -1
    t0 = time.perf_counter()
    value.save()
    EDIT_TIMES.append((time.perf_counter() - t0) * 1000)


def timed_gets(
    client: Client, url: str, *, cold: IndicatorValue | None = None
) -> tuple[list[float], list[float]]:
    """Times of GET `url`. Cold: each right after an edit of the value
    `cold`, so none of the figures kept under the content version
    (indicators.caching) is there; else as a visitor after the first, from
    those figures.

    Also this process's CPU time per request: on a shared machine whose
    load is several times its cores, the wall time mostly measures the
    queue for a core. On SQLite the CPU time holds the queries too (the
    database runs in this process); on PostgreSQL only Django's part."""
    for _ in range(WARM_UP):
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
    times, cpu = [], []
    for _ in range(RUNS):
        if cold is not None:
            edit(cold)
        t0, c0 = time.perf_counter(), time.process_time()
        response = client.get(url)
        times.append((time.perf_counter() - t0) * 1000)
        cpu.append((time.process_time() - c0) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return times, cpu


def slowest_explained(client: Client, url: str, edited: IndicatorValue) -> None:
    """One request right after an edit, its statements timed (connection's
    queries log), and the slowest one's plan printed to stderr."""
    from django.test.utils import CaptureQueriesContext

    edited.value += 1  # not through edit(): its times are the edit's figures
    edited.save()
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    ranked = sorted(queries.captured_queries, key=lambda q: -float(q["time"]))
    total = sum(float(q["time"]) for q in ranked) * 1000
    say(f"  {len(ranked)} statements, {total:.1f} ms in the database; slowest:")
    for query in ranked[:3]:
        say(f"  {float(query['time']) * 1000:.1f} ms: {query['sql'][:300]}")
    sql = ranked[0]["sql"]
    explain = (
        "EXPLAIN (ANALYZE, BUFFERS) "
        if connection.vendor == "postgresql"
        else "EXPLAIN QUERY PLAN "
    )
    with connection.cursor() as cursor:
        # The statement as it was sent, parameters inlined by the log.
        cursor.execute(explain + sql)
        for row in cursor.fetchall():
            say("    " + " ".join(str(part) for part in row))


def p95(times: list[float]) -> float:
    return statistics.quantiles(times, n=20, method="inclusive")[18]


def main() -> None:
    args = ARGS
    rng = random.Random(args.seed)
    say(f"Database: {DATABASE}")
    call_command("migrate", verbosity=0, interactive=False)
    if REUSE:
        n_examples = ExamplePage.objects.count()
        n_values = IndicatorValue.objects.count()
        say(f"Genbruger {n_examples} eksempler og {n_values} værdier")
    else:
        t0 = time.perf_counter()
        with transaction.atomic():
            organisations_create(rng)
            index = example_index_get_or_create()
            n_examples, n_values = examples_create(
                rng, index, args.examples, args.values_per_example
            )
        if rollup_rebuild is not None:
            # The bulk inserts bypassed the values' saves that keep them.
            say(f"{rollup_rebuild()} forudregnede rækker")
        with connection.cursor() as cursor:
            # On PostgreSQL VACUUM too: index-only scans need the visibility
            # map, which autovacuum would otherwise build during the first
            # timings (the first cold series read 5-7x slower than the next).
            cursor.execute(
                "VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE"
            )
        say(f"Genereret på {time.perf_counter() - t0:.1f} s")

    theme = Theme.objects.get(slug="natur-og-biodiversitet")
    org = Organisation.objects.filter(kind=OrganisationKind.HOUSING).first()
    # A kept database from before organisations had slugs gets them here.
    for number, o in enumerate(Organisation.objects.filter(slug__isnull=True)):
        Organisation.objects.filter(pk=o.pk).update(slug=f"bench-org-{number}")
    org.refresh_from_db()
    # The value an editor changes before each cold request: the
    # organisation's, counted, in the filtered pages' year.
    edited = (
        IndicatorValue.objects.filter(
            organisation=org, page_live=True, year=2024, method=ValueMethod.MEASURED
        )
        .select_related("page")
        .first()
    )
    filters = f"tema={theme.slug}&bundlinje=climate_environment&aar=2024"
    runs = [
        # (name, URL, with the value bank's proxies)
        ("unfiltered", "/vaerdi/", False),
        ("with_kroner", "/vaerdi/", True),
        ("filtered", f"/vaerdi/?{filters}&organisation={org.pk}", True),
        ("organisation", f"/vaerdi/organisation/{org.slug}/", True),
        ("organisation_filtered", f"/vaerdi/organisation/{org.slug}/?{filters}", True),
    ]
    client = Client()
    # Per series name, one list of times per round.
    rounds: dict[str, list[list[float]]] = {}
    with override_settings(DEBUG=False, ALLOWED_HOSTS=["testserver"]):
        for number in range(1, args.rounds + 1):
            ValueProxy.objects.all().delete()
            for name, url, kroner in runs:
                if kroner and not ValueProxy.objects.exists():
                    say(f"Værdi i kroner for {demo_value_bank_load()} indikatorer")
                say(f"{name:>22}: {url} (runde {number} af {args.rounds})")
                for label, key, cold in (
                    ("", name, None),
                    ("cold ", f"{name}_cold", edited),
                ):
                    times, cpu = timed_gets(client, url, cold=cold)
                    rounds.setdefault(key, []).append(times)
                    rounds.setdefault(f"{key}_cpu", []).append(cpu)
                    say(
                        f"{label:>24}p50 {statistics.median(times):.1f} ms, "
                        f"p95 {p95(times):.1f} ms, max {max(times):.1f} ms "
                        f"({RUNS} kald); CPU p50 {statistics.median(cpu):.1f}, "
                        f"p95 {p95(cpu):.1f} ms"
                    )
        if args.explain:
            for name, url, _ in runs:
                say(f"Slowest statement after an edit, {name}: {url}")
                slowest_explained(client, url, edited)
    figures: dict[str, float | int] = {"examples": n_examples, "values": n_values}
    for name, series in rounds.items():
        figures[f"{name}_p50_ms"] = round(
            statistics.median(statistics.median(times) for times in series), 1
        )
        figures[f"{name}_p95_ms"] = round(
            statistics.median(p95(times) for times in series), 1
        )
        if args.rounds > 1:
            figures[f"{name}_p95_rounds_ms"] = [round(p95(t), 1) for t in series]
    figures["edit_p50_ms"] = round(statistics.median(EDIT_TIMES), 1)
    figures["edit_p95_ms"] = round(p95(EDIT_TIMES), 1)
    figures["database"] = connection.vendor
    figures["load_average"] = round(os.getloadavg()[0], 1)
    if not args.on_postgres and not args.skip_postgres:
        from _setup import run_on_postgres

        figures["postgres"] = run_on_postgres(
            __file__,
            [
                "--on-postgres",
                "--examples",
                str(args.examples),
                "--values-per-example",
                str(args.values_per_example),
                "--seed",
                str(args.seed),
                "--rounds",
                str(args.rounds),
                *(["--explain"] if args.explain else []),
            ],
        )
    print(json.dumps(figures))  # noqa: T201


if __name__ == "__main__":
    main()
