"""Search benchmark: indexing rate and query latency per engine.

    .venv/bin/python bench/search.py [--n 100000] [--rounds 3]
        [--corpus DIR] [--baseline COMMIT] [--skip-postgres] [--skip-baseline]

Builds a corpus of N generated Danish pages (theme labels, programme and job
titles searched as context; the glossary the migrations seed applies to the
queries; hits grouped as the search page groups them) and measures, for the
embedded (Tantivy) engine, the PostgreSQL engine (on a throw-away server that this
script starts through scripts/with-postgres.sh) and, as the baseline,
Wagtail's database search backend on the same corpus: documents indexed per
second, and p50/p95 latency of a fixed mix of queries with facets. The last
line printed is one JSON object with the figures.

`--corpus DIR` keeps the generated corpus (the SQLite database and the
embedded index) in DIR and reuses it on the next run with the same --n (the
embedded index rate is then not measured). `--baseline COMMIT` also times
COMMIT's code on the same corpus, each engine's runs alternating between the
two versions (`--alternations` times), and prints both medians and the ratio
current/baseline, so that a change is measured under the same load.

Each engine's timed pass repeats the warm-up's queries, so its plans, counts
and promotions come from what the process keeps (a reload, another page or
order of a query). A second pass times the same mix as first-time queries
(`first_*` figures): before each search the process forgets every query it
has answered (search.memo's memos_clear: plans, counts, promotions), as for a
query or filter combination not seen before under the index's version.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _setup import commit_src, django_setup, percentile, run_on_postgres  # noqa: E402

SUBJECTS = (
    "græsslåning grønne områder biodiversitet vild eng blomstereng trappevask "
    "renholdelse snerydning affaldssortering genbrug legepladser beskæring "
    "vinduespudsning graffitifjernelse beboerdemokrati afdelingsmøde tryghed "
    "fritidsjob unge praktikpladser lektiecafé energirenovering solceller "
    "varmepumper klimatilpasning regnvand skybrud tilgængelighed nybyggeri "
    "renovering driftsplan vedligeholdelsesplan økonomistyring digitalisering "
    "boligorganisation ejendomsfunktionær driftschef beboerrådgiver kommune"
).split()
FILLER = (
    "afdelingen har arbejdet med en ny model for driften sammen med beboerne og "
    "kommunen erfaringerne viser at indsatsen skaber værdi på flere bundlinjer "
    "både socialt økonomisk og for klima og miljø projektet blev evalueret efter "
    "et år og resultaterne deles nu med andre boligorganisationer i sektoren"
).split()
OWNERS = [f"Boligselskabet {name}" for name in (
    "Fjordbo", "Engparken", "Lyngbo", "Åbrinken", "Solstrand", "Højgården",
    "Kystbo", "Skovly", "Vestervang", "Nørrebo",
)]  # fmt: skip
QUERIES = [
    "biodiversitet", "græsslåning", "vild eng", "grønne områder", "grønneområder",
    "trappevask", "snerydning", "affald sortering", "legepladser", "beskæring",
    "unge fritidsjob", "lektiecafe", "energirenovering solceller", "skybrud",
    "tilgængelighed", "beboerdemokratiet", "driftsplan", "økonomistyring",
    "digitalisering", "ejendomsfunktionær", "biodiversiteten", "vaerdi",
    "graesslaaning", "snerydnng", "klimatilpasing", '"vild eng"',
    "boligorganisationernes",
    "tryghed beboere", "varmepumper", "genbrug", "regnvand", "renovering",
    "nybyggeri", "praktikpladser", "kommune", "blomstereng", "vinduespudsning",
    "graffitifjernelse", "afdelingsmøde", "beboerrådgiver", "driftschef",
    "vedligeholdelsesplan", "fjordbo", "engparken", "solceller", "", "", "", "", "",
]  # fmt: skip


def generate(n: int) -> None:
    from almenhub.organisations.models import Organisation
    from almenhub.search.registry import DocumentData
    from almenhub.search.services import search_documents_replace
    from almenhub.taxonomy.models import Theme

    rng = random.Random(42)
    owners = [Organisation.objects.create(name=name, kind="housing") for name in OWNERS]
    themes = list(Theme.objects.children().select_related("parent"))
    start = datetime(2015, 1, 1, tzinfo=UTC)
    rows = []
    for i in range(n):
        subjects = rng.sample(SUBJECTS, 3)
        theme = rng.choice(themes)
        owner = rng.choice(owners)
        title = f"{subjects[0].capitalize()} og {subjects[1]} i afdeling {i % 997}"
        teaser = f"Erfaringer med {subjects[1]} og {subjects[2]} fra {owner.name}."
        body = " ".join(rng.choices(FILLER, k=60) + subjects * 2)
        rows.append(
            DocumentData(
                kind="project",
                object_id=i + 1,
                url=f"/udviklingsprojekter/projekt-{i + 1}/",
                title=title,
                teaser=teaser,
                body=body,
                names=f"{owner.name}\nDriftschef",
                # Theme labels and programme, as the builder files a page.
                context=f"{theme.name}\n{theme.parent.name}\nUdviklingsprojekter",
                themes=[theme.slug, theme.parent.slug],
                status=rng.choice(["planned", "ongoing", "finished"]),
                year=rng.randint(2015, 2026),
                owner=str(owner.pk),
                owner_name=owner.name,
                programme="1",
                published_at=start + timedelta(hours=i),
            )
        )
    # Analysed as every write is: the vocabulary and compound parts.
    search_documents_replace(rows)


def query_mix(rng: random.Random) -> list[tuple[str, dict]]:
    from almenhub.organisations.models import Organisation
    from almenhub.taxonomy.models import Theme

    slugs = list(Theme.objects.values_list("slug", flat=True))
    owners = [str(pk) for pk in Organisation.objects.values_list("pk", flat=True)]
    mix = []
    for n, query in enumerate(QUERIES):
        filters: dict = {}
        if n % 3 == 0:
            filters["theme"] = rng.choice(slugs)
        if n % 4 == 1:
            filters["status"] = rng.choice(["planned", "ongoing", "finished"])
        if n % 5 == 2:
            filters["year"] = rng.randint(2015, 2026)
        if n % 7 == 3:
            filters["owner"] = rng.choice(owners)
        mix.append((query, filters))
    return mix


def time_engine(engine_name: str, mix: list[tuple[str, dict]], rounds: int) -> dict:
    """p50/p95 of whole searches as the page runs them, and the share of each
    search's time spent outside the engine's own `run` (planning, loading the
    rows, highlighting, facet labels, grouping, "Mente du …?")."""
    from almenhub.search.engines import get_engine
    from almenhub.search.engines.base import SearchFilters
    from almenhub.search.selectors import search

    engine = get_engine(engine_name)
    inner = engine.run
    in_engine: list[float] = []

    def timed_run(query):  # the engine's part of one search, summed
        started = time.perf_counter()
        try:
            return inner(query)
        finally:
            in_engine.append((time.perf_counter() - started) * 1000)

    engine.run = timed_run  # type: ignore[method-assign]
    try:
        for query, filters in mix:  # warm-up
            search(query, SearchFilters(**filters), engine_name=engine_name, group=True)
        timings = []
        cpu = []  # this process's CPU time: less disturbed by a loaded machine
        outside = []
        for _ in range(rounds):
            for query, filters in mix:
                in_engine.clear()
                started, cpu_started = time.perf_counter(), time.process_time()
                search(
                    query, SearchFilters(**filters), engine_name=engine_name, group=True
                )
                total = (time.perf_counter() - started) * 1000
                cpu.append((time.process_time() - cpu_started) * 1000)
                timings.append(total)
                outside.append(max(0.0, total - sum(in_engine)) / total)
        first, first_cpu = first_time(engine_name, mix, rounds)
    finally:
        del engine.run
    return {
        "p50_ms": round(percentile(timings, 0.5), 2),
        "p95_ms": round(percentile(timings, 0.95), 2),
        "outside_engine_share_p50": round(percentile(outside, 0.5), 3),
        "outside_engine_share_mean": round(sum(outside) / len(outside), 3),
        "cpu_p50_ms": round(percentile(cpu, 0.5), 2),
        "cpu_p95_ms": round(percentile(cpu, 0.95), 2),
        **first_time_figures(first, first_cpu),
        "timings_ms": [round(t, 3) for t in timings],
        "cpu_ms": [round(t, 3) for t in cpu],
        "first_timings_ms": [round(t, 3) for t in first],
        "first_cpu_ms": [round(t, 3) for t in first_cpu],
    }


def first_time(
    engine_name: str, mix: list[tuple[str, dict]], rounds: int
) -> tuple[list[float], list[float]]:
    """Wall and CPU ms of each search of the mix as a first-time query:
    the process's kept answers (plans, counts, promotions) are forgotten
    before each one, outside the timing."""
    from almenhub.search.engines.base import SearchFilters
    from almenhub.search.memo import memos_clear
    from almenhub.search.selectors import search

    timings, cpu = [], []
    for _ in range(rounds):
        for query, filters in mix:
            memos_clear()
            started, cpu_started = time.perf_counter(), time.process_time()
            search(query, SearchFilters(**filters), engine_name=engine_name, group=True)
            timings.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - cpu_started) * 1000)
    return timings, cpu


def first_time_figures(timings: list[float], cpu: list[float]) -> dict:
    return {
        f"first_{measure}{stat}_ms": round(percentile(values, fraction), 2)
        for measure, values in (("", timings), ("cpu_", cpu))
        for stat, fraction in (("p50", 0.5), ("p95", 0.95))
    }


def build_index(engine_name: str, n: int) -> dict:
    from almenhub.search.documents import indexed_documents_from_table
    from almenhub.search.engines import get_engine

    started = time.perf_counter()
    documents = list(indexed_documents_from_table())
    engine = get_engine(engine_name)
    engine.replace_all(documents)
    engine.maintain()  # as rebuild_search_index does after a rebuild
    return {"index_docs_per_s": round(n / (time.perf_counter() - started))}


def bench_engine(
    engine_name: str,
    n: int,
    rounds: int,
    *,
    reuse_index: bool = False,
    compare: dict | None = None,
) -> dict:
    """Index (unless the corpus's index is reused) and time one engine; with
    `compare` ({"src": baseline's src folder, "data_dir", "alternations"}),
    time the current code and the baseline's in alternating processes."""
    result = {"index_docs_per_s": None} if reuse_index else build_index(engine_name, n)
    if compare is None:
        result.update(time_engine(engine_name, query_mix(random.Random(7)), rounds))
        for samples in ("timings_ms", "cpu_ms", "first_timings_ms", "first_cpu_ms"):
            result.pop(samples)
    else:
        result.update(compare_versions(engine_name, n, rounds, **compare))
    print(f"{engine_name}: {result}", file=sys.stderr)  # noqa: T201
    return result


def time_in_process(
    engine_name: str, n: int, rounds: int, *, src: Path, data_dir: Path
) -> dict:
    """One timing run of the code in `src` on the corpus in `data_dir` (and
    on DATABASE_URL's server, for PostgreSQL), in a fresh process."""
    env = {**os.environ, "ALMENHUB_BENCH_SRC": str(src)}
    args = ["--time-only", engine_name, "--data-dir", str(data_dir)]
    completed = subprocess.run(
        [sys.executable, __file__, *args, "--n", str(n), "--rounds", str(rounds)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    lines = [line for line in completed.stdout.splitlines() if line.startswith("{")]
    if not lines:
        raise SystemExit(f"timing run failed ({src}):\n{completed.stderr[-3000:]}")
    return json.loads(lines[-1])


# The figures compared between versions, and the samples each is made of:
# repeated searches (wall, CPU) and first-time ones (see first_time).
SAMPLES = {
    "": "timings_ms",
    "cpu_": "cpu_ms",
    "first_": "first_timings_ms",
    "first_cpu_": "first_cpu_ms",
}
MEASURES = tuple(SAMPLES)


def compare_versions(
    engine_name: str,
    n: int,
    rounds: int,
    *,
    src: Path,
    data_dir: Path,
    alternations: int,
) -> dict:
    """The current code against the baseline's, runs alternating so that both
    see the same load: medians, p95s and current/baseline ratios."""
    current_src = Path(__file__).resolve().parent.parent / "src"
    timings: dict[tuple[str, str], list[float]] = {}
    outside: list[float] = []
    for _ in range(alternations):
        for label, code in (("baseline_commit_", src), ("", current_src)):
            run = time_in_process(engine_name, n, rounds, src=code, data_dir=data_dir)
            for measure in MEASURES:
                timings.setdefault((label, measure), [])
                timings[(label, measure)] += run[SAMPLES[measure]]
            if not label:
                outside.append(run["outside_engine_share_p50"])
    figures: dict = {}
    for (label, measure), values in timings.items():
        for stat, fraction in (("p50", 0.5), ("p95", 0.95)):
            figures[f"{label}{measure}{stat}_ms"] = round(
                percentile(values, fraction), 2
            )
    figures["outside_engine_share_p50"] = round(percentile(outside, 0.5), 3)
    for measure in MEASURES:
        for stat in ("p50", "p95"):
            figures[f"vs_baseline_commit_{measure}{stat}"] = round(
                figures[f"{measure}{stat}_ms"]
                / figures[f"baseline_commit_{measure}{stat}_ms"],
                3,
            )
    return figures


def bench_wagtail_db(n: int, rounds: int) -> dict:
    """Wagtail's database backend over the same rows, through an unmanaged
    model on the search table (so nothing in the hub itself changes)."""
    from django.db import models
    from wagtail.search import index
    from wagtail.search.backends import get_search_backend

    class BenchDocument(index.Indexed, models.Model):
        title = models.CharField(max_length=500)
        teaser = models.TextField()
        body = models.TextField()
        status = models.CharField(max_length=20)
        year = models.PositiveSmallIntegerField(null=True)
        search_fields = [
            index.SearchField("title", boost=4),
            index.SearchField("teaser", boost=2),
            index.SearchField("body"),
            index.FilterField("status"),
            index.FilterField("year"),
        ]

        class Meta:
            app_label = "sitesearch"
            db_table = "search_searchdocument"
            managed = False

        def __str__(self) -> str:
            return self.title

    backend = get_search_backend("default")
    backend.reset_indexes()
    started = time.perf_counter()
    queryset = BenchDocument.objects.order_by("pk")
    for start in range(0, n, 2000):
        backend.add_bulk(BenchDocument, list(queryset[start : start + 2000]))
    elapsed = time.perf_counter() - started
    # The baseline is slow at this size: one timed pass over the first 20
    # queries of the same mix, after one warm-up query.
    mix = query_mix(random.Random(7))[:20]
    timings = []
    backend.search("afdeling", BenchDocument.objects.all()).count()
    for round_no in range(1, 2):
        for query, filters in mix:
            qs = BenchDocument.objects.all()
            if "status" in filters:
                qs = qs.filter(status=filters["status"])
            if "year" in filters:
                qs = qs.filter(year=filters["year"])
            started_q = time.perf_counter()
            results = backend.search(query.strip('"') or "afdeling", qs)
            list(results[:20])
            results.count()
            if round_no:
                timings.append((time.perf_counter() - started_q) * 1000)
    result = {
        "index_docs_per_s": round(n / elapsed),
        "p50_ms": round(percentile(timings, 0.5), 2),
        "p95_ms": round(percentile(timings, 0.95), 2),
        "note": "20 queries, no facets, no typo or compound handling",
    }
    print(f"wagtail_db: {result}", file=sys.stderr)  # noqa: T201
    return result


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--corpus", type=Path, help="keep and reuse the corpus here")
    parser.add_argument("--baseline", metavar="COMMIT", help="time COMMIT's code too")
    parser.add_argument("--alternations", type=int, default=3)
    parser.add_argument("--postgres-only", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--baseline-src", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--time-only", help=argparse.SUPPRESS)
    parser.add_argument("--data-dir", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--skip-postgres", action="store_true")
    parser.add_argument("--skip-baseline", action="store_true")
    args = parser.parse_args()

    if args.time_only:  # one timing run, by compare_versions
        django_setup(
            database_url=os.environ.get("BENCH_DATABASE_URL"), data_dir=args.data_dir
        )
        mix = query_mix(random.Random(7))
        print(json.dumps(time_engine(args.time_only, mix, args.rounds)))  # noqa: T201
        return

    if args.postgres_only:
        data_dir = django_setup(database_url=os.environ["DATABASE_URL"])
        # The timing runs of both versions read the same server.
        os.environ["BENCH_DATABASE_URL"] = os.environ["DATABASE_URL"]
        generate(args.n)
        compare = None
        if args.baseline_src:
            compare = {
                "src": args.baseline_src,
                "data_dir": data_dir,
                "alternations": args.alternations,
            }
        figures = bench_engine("postgres", args.n, args.rounds, compare=compare)
        print(json.dumps(figures))  # noqa: T201
        return

    base_src = commit_src(args.baseline) if args.baseline else None
    data_dir = django_setup(data_dir=args.corpus)
    marker = data_dir / f"corpus-{args.n}.done"
    reuse = args.corpus is not None and marker.exists()
    if reuse:
        print(f"corpus of {args.n} pages reused from {data_dir}", file=sys.stderr)  # noqa: T201
    else:
        started = time.perf_counter()
        generate(args.n)
        built = (
            f"corpus of {args.n} pages built in {time.perf_counter() - started:.1f}s"
        )
        print(built, file=sys.stderr)  # noqa: T201
    compare = None
    if base_src is not None:
        compare = {
            "src": base_src,
            "data_dir": data_dir,
            "alternations": args.alternations,
        }
    engines: dict[str, dict] = {
        "embedded": bench_engine(
            "embedded", args.n, args.rounds, reuse_index=reuse, compare=compare
        )
    }
    if args.corpus is not None:
        marker.touch()  # the database and the embedded index are complete
    if not args.skip_postgres:
        pg_args = ["--postgres-only", "--n", str(args.n), "--rounds", str(args.rounds)]
        if base_src is not None:
            pg_args += ["--baseline-src", str(base_src)]
            pg_args += ["--alternations", str(args.alternations)]
        engines["postgres"] = run_on_postgres(__file__, pg_args)
    if not args.skip_baseline:
        engines["wagtail_db"] = bench_wagtail_db(args.n, args.rounds)
    baseline = engines.get("wagtail_db", {})
    for name, figures in engines.items():
        if name != "wagtail_db" and "p50_ms" in baseline and "p50_ms" in figures:
            # How many times faster than Wagtail's database backend.
            figures["baseline_ratio_p50"] = round(
                baseline["p50_ms"] / figures["p50_ms"], 1
            )
            figures["baseline_ratio_p95"] = round(
                baseline["p95_ms"] / figures["p95_ms"], 1
            )
        print(f"{name:>10}: {figures}")  # noqa: T201
    print(json.dumps({"n": args.n, "engines": engines}))  # noqa: T201


if __name__ == "__main__":
    main()
