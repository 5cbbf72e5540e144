"""Benchmark the old-site importer: parsing alone, and the whole import.

    .venv/bin/python bench/import_pages.py [--n 5000] [--seed 1] [--runs 3]
        [--baseline GIT-REF] [--profile FILE]

Generates N realistic pages of the old site: project pages of both
generations (the seed page's layout, with varied themes, owners, contacts,
bodies, deliverables, quotes and fact boxes; older pages; pool pages) and
one news article in ten, each with an old address, then times parsing them
and importing them into a fresh temporary SQLite database, once per run,
each run in a process of its own. The import timed is the whole of
`import_paths` as `manage.py import_pages` runs it: finding the files and
their addresses, ordering them, parsing, writing pages, revisions and
redirects, and bringing the hub's search, Wagtail's search and its
reference index up to date (the last drain included). The last line
printed is one JSON object with the medians: wall clock and CPU time, pages
and redirects written per second. Compare the CPU-time rates: on a machine
shared with others the wall clock mostly measures their load.

`--baseline REF` times the code of a git commit too (its `src/`, with this
file's pages), alternating runs, and adds the ratios current/baseline.
`--profile FILE` writes a cProfile of one import (pstats format).
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _setup import commit_src  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent

THEMES = {
    "Drift og administration": [
        "Drift og vedligehold",
        "Økonomi og styring",
        "Digitalisering",
    ],
    "Energi, klima og miljø": [
        "Natur og biodiversitet",
        "Energi og ressourcer",
        "Klimatilpasning",
    ],
    "Beboere og fællesskab": [
        "Beboerdemokrati",
        "Tryghed og trivsel",
        "Beskæftigelse og uddannelse",
    ],
    "Byggeri og renovering": ["Renovering", "Nybyggeri", "Tilgængelighed"],
}
NEW_CHILDREN = ["Grønne tage", "Affaldssortering", "Ungeindsatser", "Vaskerier"]
ORGANISATIONS = [
    "AlmenNet",
    "BL – Danmarks Almene Boliger",
    "KAB",
    "Lejerbo",
    "AAB",
    "Boligkontoret Danmark",
    "FSB",
    "Østerbo",
    "Boligselskabet Sjælland",
    "Fyns Almennyttige Boligselskab",
    "Himmerland Boligforening",
    "Vestbo",
    "Domea.dk",
    "3B",
    "Aarhus Kommune",
    "Københavns Kommune",
    "Landsbyggefonden",
    "Munkebo Boligselskab",
]
FIRST = ["Anna", "Bo", "Camilla", "Dorthe", "Erik", "Frederik", "Gitte", "Hans"]
FIRST += ["Ida", "Jens", "Karen", "Lars", "Mette", "Niklas", "Ole", "Pia", "Rasmus"]
LAST = ["Jensen", "Nielsen", "Hansen", "Pedersen", "Andersen", "Christensen"]
LAST += ["Larsen", "Sørensen", "Rasmussen", "Jørgensen", "Holm", "Jarnit", "Østergaard"]
TITLES = ["Sekretariatsleder", "Projektleder", "Driftschef", "Konsulent"]
TITLES += ["Boligsocial medarbejder", "Ejendomsfunktionær", "Chefkonsulent"]
WORDS = (
    "driften beboerne afdelingen biodiversitet fællesskab erfaringer samarbejde "
    "græsslåning snerydning affald legepladser vedligehold økonomi kvalitet "
    "ejendomsfunktionærerne boligorganisationen kommunen naturen klimaet unge "
    "trivsel tryghed værdi indsats resultater metoder værktøjer beboerdemokrati "
    "renovering energi ressourcer vand regn træer blomster insekter kompost"
).split()
VERBS = "skaber styrker udvikler prøver måler deler forbedrer sikrer".split()
STATUSES = ["Afsluttet", "Igangværende", "Planlagt"]
ASCII = str.maketrans(
    {"æ": "ae", "ø": "oe", "å": "aa", "Æ": "Ae", "Ø": "Oe", "Å": "Aa"}
)


def sentence(rng: random.Random, n: int | None = None) -> str:
    words = [rng.choice(WORDS) for _ in range(n or rng.randint(8, 22))]
    words.insert(1, rng.choice(VERBS))
    return " ".join(words).capitalize() + "."


def paragraph(rng: random.Random) -> str:
    return " ".join(sentence(rng) for _ in range(rng.randint(2, 5)))


def person(rng: random.Random, people: list[tuple[str, str, str, str]]):
    return rng.choice(people)


def make_people(rng: random.Random, count: int) -> list[tuple[str, str, str, str]]:
    people = []
    for i in range(count):
        first, last = rng.choice(FIRST), rng.choice(LAST)
        initials = (first[:2] + last[:2]).translate(ASCII).lower()
        email = f"{initials}{i}@{rng.choice(['kab', 'lejerbo', 'aab'])}.dk"
        phone = f"{rng.randint(20, 99)}{rng.randint(0, 999999):06d}"
        people.append((f"{first} {last}", rng.choice(TITLES), email, phone))
    return people


def make_page(rng: random.Random, index: int, people) -> str:
    lines: list[str] = []
    parents = rng.sample(list(THEMES), rng.randint(1, 2))
    for parent in parents:
        children = THEMES[parent] + ([rng.choice(NEW_CHILDREN)] if index % 50 else [])
        lines.append(f"  • {parent} {rng.choice(children)}")
    title = f"{sentence(rng, rng.randint(2, 5))[:-1]} {index}"
    lines += ["", title, "", sentence(rng), ""]
    meta = ["Status", "", rng.choice(STATUSES), ""]
    if rng.random() < 0.9:
        meta += ["Udgivelsesår", "", str(rng.randint(2010, 2025)), ""]
    meta += ["Projektejer", "", rng.choice(ORGANISATIONS), ""]
    if rng.random() < 0.5:
        partners = rng.sample(ORGANISATIONS, rng.randint(1, 3))
        meta += ["Projektdeltagere", "", ", ".join(partners), ""]
    else:
        meta += ["Projektdeltagere", "", "Deltagerne på AlmenNets ERFA-møder", ""]
    meta += ["Kontaktperson", ""]
    for name, job, email, phone in rng.sample(people, rng.randint(1, 2)):
        if rng.random() < 0.3:
            email = email.upper()
        if rng.random() < 0.3:
            phone = f"+45 {phone[:2]} {phone[2:4]} {phone[4:6]} {phone[6:]}"
        meta += [name, "", job, "", email, "", phone, ""]
    lines += meta
    if rng.random() < 0.3:
        lines += meta  # the scraper's repeated block
    lines += ["Om projektet", "", paragraph(rng), ""]
    for _ in range(rng.randint(1, 3)):
        heading = sentence(rng, rng.randint(2, 4))[:-1]
        lines += [heading, paragraph(rng), "", paragraph(rng), ""]
    if rng.random() < 0.5:
        lines += [sentence(rng)[:-1] + ":", ""]
        lines += [f"  • {rng.choice(WORDS).capitalize()}" for _ in range(3)] + [""]
    lines += ["Projektet indeholder", ""]
    for _ in range(rng.randint(1, 2)):
        deliverable = sentence(rng, rng.randint(2, 4))[:-1]
        if rng.random() < 0.6:
            deliverable = f"AlmenRapport: {deliverable} {index}"
        lines += [deliverable, "", sentence(rng), ""]
    if rng.random() < 0.7:
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        lines += ["\u00a0", "", '"', "", sentence(rng), ""]
        lines += [f"{name}, {rng.choice(TITLES).lower()}", ""]
    if rng.random() < 0.7:
        lines += ["Fakta", "Fakta", "", "Vidste du...", "", paragraph(rng)]
    newline = "\r\n" if index % 7 == 0 else "\n"
    return newline.join(line + (" " if index % 5 == 0 else "") for line in lines)


def make_older_page(rng: random.Random, index: int, people, pool: bool) -> str:
    """The older generation: no theme bullets and no metadata; a credit, a
    bare owner name, a tab line, inline quotes, extra sections; a pool page
    ends with its project leader and a theme line."""
    title = f"{sentence(rng, rng.randint(2, 5))[:-1]} {index}"
    lines = [title, ""]
    if rng.random() < 0.5:
        lines += [f"Foto: {rng.choice(FIRST)} {rng.choice(LAST)}", ""]
    if rng.random() < 0.5:
        lines += [rng.choice(ORGANISATIONS), ""]
    lines += [sentence(rng), "", "Om projektet Fakta Værktøjer", ""]
    for heading in rng.sample(["Tanken bag projektet", "Formål og fremgangsmåde"], 1):
        lines += [heading, "", paragraph(rng), ""]
    lines += ["Projektet indeholder:", ""]
    lines += [f"• {sentence(rng, 3)[:-1]}" for _ in range(2)] + ["", paragraph(rng), ""]
    if rng.random() < 0.7:
        lines += [
            f"“{sentence(rng)}”",
            "",
            f"{rng.choice(FIRST)} {rng.choice(LAST)}",
            "",
        ]
    lines += ["Resultater", "", paragraph(rng), ""]
    if rng.random() < 0.5:
        lines += [
            "Øvrige samarbejdspartnere:",
            "",
            ", ".join(rng.sample(ORGANISATIONS, 2)),
            "",
        ]
    if pool:
        name, _, _, phone = rng.choice(people)
        lines += [
            "Projektleder",
            "",
            f"{rng.choice(ORGANISATIONS)} v/ {name}",
            "",
            f"Tlf: {phone}",
            "",
            "Læs mere om temaet Klimatilpasning",
        ]
    return "\n".join(lines)


def make_news(rng: random.Random, index: int) -> str:
    """A news article: title, credit, lead, byline, body with a sub-heading
    and a quote."""
    lines = [f"{sentence(rng, rng.randint(3, 6))[:-1]} {index}", ""]
    if rng.random() < 0.6:
        lines += [f"Foto: {rng.choice(FIRST)} {rng.choice(LAST)}", ""]
    lines += [sentence(rng), ""]
    who = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    if rng.random() < 0.5:
        who += f" for {rng.choice(ORGANISATIONS)}"
    lines += [f"Af {who}", "", paragraph(rng), ""]
    lines += [sentence(rng, 3)[:-1], paragraph(rng), ""]
    if rng.random() < 0.6:
        lines += [f"“{sentence(rng)}”", "", f"{rng.choice(FIRST)} {rng.choice(LAST)}"]
    return "\n".join(lines)


def write_pages(rng: random.Random, n: int, pages: Path) -> None:
    """A mix: a tenth news, the rest half newer pages, a quarter older, a
    quarter pool pages, each with its old address in addresses.csv (so each
    gets a redirect)."""
    people = make_people(rng, max(50, n // 10))
    rows = ["file,url"]
    for i in range(n):
        kind = "news" if i % 10 == 9 else ("new", "new", "old", "pool")[i % 4]
        if kind == "news":
            text = make_news(rng, i)
            year, month = 2010 + i % 15, 1 + i % 12
            url = f"https://www.almennet.example/nyheder/{year}/{month:02d}/nyhed-{i}/"
        elif kind == "new":
            text = make_page(rng, i, people)
            url = f"https://www.almennet.example/udviklingsprojekter/a-e/side-{i}/"
        elif kind == "old":
            text = make_older_page(rng, i, people, pool=False)
            url = f"https://www.almennet.example/projekter/forsoegspuljen/side-{i}/"
        else:
            text = make_older_page(rng, i, people, pool=True)
            url = f"https://pulje{i % 3}.almennet.example/projektbibliotek/side-{i}/"
        name = f"{i:05d}_bench.txt"
        (pages / name).write_bytes(text.encode())
        rows.append(f"{name},{url}")
    (pages / "addresses.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")


RATES = (
    "parse_pages_per_s",
    "import_pages_per_s",
    "import_cpu_pages_per_s",
    "redirects_per_s",
    "redirects_cpu_per_s",
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=5000, help="pages (default 5000)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--runs", type=int, default=3, help="imports into fresh databases (median)"
    )
    parser.add_argument(
        "--baseline", metavar="GIT-REF", help="also time this commit's code"
    )
    parser.add_argument("--profile", metavar="FILE", type=Path)
    parser.add_argument("--one", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument(
        "--src", type=Path, default=ROOT / "src", help=argparse.SUPPRESS
    )
    args = parser.parse_args()
    if args.one:
        one(args)
        return

    baseline = commit_src(args.baseline) if args.baseline else None
    runs, old_runs = [], []
    for _ in range(max(args.runs, 1)):
        # Alternating, so that a change in the machine's load hits both alike.
        runs.append(run_once(args, src=ROOT / "src"))
        if baseline is not None:
            old_runs.append(run_once(args, src=baseline))
    for figures in runs:
        print(json.dumps(figures))  # noqa: T201
    result: dict = {"n": args.n, "runs": len(runs), **_medians(runs)}
    if baseline is not None:
        old = _medians(old_runs)
        result["baseline"] = {"ref": args.baseline, **old}
        result["ratio"] = {
            key: round(result[key] / old[key], 2) for key in RATES if old[key]
        }
    print(json.dumps(result))  # noqa: T201


def _medians(runs: list[dict]) -> dict:
    return {key: statistics.median(r.get(key, 0) for r in runs) for key in RATES}


def run_once(args: argparse.Namespace, *, src: Path) -> dict:
    """One import into a fresh SQLite database, in a process of its own (so
    that each run starts from the same state)."""
    command = [sys.executable, __file__, "--one", "--n", str(args.n)]
    command += ["--seed", str(args.seed), "--src", str(src)]
    if args.profile:
        command += ["--profile", str(args.profile)]
    output = subprocess.run(command, check=True, capture_output=True, text=True)
    sys.stderr.write(output.stdout)
    return json.loads(output.stdout.strip().splitlines()[-1])


def one(args: argparse.Namespace) -> None:
    workdir = Path(tempfile.mkdtemp(prefix="almenhub-bench-"))
    os.environ["ALMENHUB_DATA_DIR"] = str(workdir)
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'bench.sqlite3'}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "almenhub.settings.dev"
    sys.path.insert(0, str(args.src))

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    # Time the import as it runs in production: DEBUG off, so that Django
    # does not keep a log of every query (the dev settings turn it on).
    settings.DEBUG = False

    from almenhub.importer.parsing import parse_bytes
    from almenhub.importer.services import import_paths, vocabulary_load

    call_command("migrate", verbosity=0)
    # `manage.py import_pages` runs Django's system checks before it starts,
    # which loads the URLconf (every app's views); the import then only
    # reverses page URLs. Done here too, so that the timed part is what the
    # command's import does, not a one-off load counted against 500 pages.
    call_command("check", verbosity=0)

    rng = random.Random(args.seed)
    pages = workdir / "pages"
    pages.mkdir()
    write_pages(rng, args.n, pages)
    print(f"{args.n} sider genereret i {pages}")  # noqa: T201

    files = sorted(f for f in pages.iterdir() if f.suffix == ".txt")
    blobs = [(f.name, f.read_bytes()) for f in files]
    vocabulary = vocabulary_load()
    # Wall-clock rates are the result; CPU-time rates are printed beside them
    # because a shared machine's load slows the one and not the other.
    started, cpu = time.perf_counter(), time.process_time()
    for name, data in blobs:
        parse_bytes(data, name=name, vocabulary=vocabulary)
    parse_seconds = time.perf_counter() - started
    parse_cpu = time.process_time() - cpu
    parse_rate = args.n / parse_seconds
    print(  # noqa: T201
        f"Parsing: {parse_seconds:.2f} s, {parse_rate:.0f} sider/s "
        f"(CPU-tid {parse_cpu:.2f} s, {args.n / parse_cpu:.0f} sider/s)"
    )

    # CPU time: on a shared machine the wall clock mostly measures the others.
    profile = cProfile.Profile(time.process_time) if args.profile else None
    started, cpu = time.perf_counter(), time.process_time()
    if profile is not None:
        profile.enable()
    summary = import_paths(paths=[pages], exclusive=True)
    if profile is not None:
        profile.disable()
        profile.dump_stats(args.profile)
    import_seconds = time.perf_counter() - started
    import_cpu = time.process_time() - cpu
    import_rate = args.n / import_seconds
    print(  # noqa: T201
        f"Import: {import_seconds:.2f} s, {import_rate:.1f} sider/s "
        f"(CPU-tid {import_cpu:.2f} s, {args.n / import_cpu:.1f} sider/s)"
    )
    print(summary.as_text())  # noqa: T201
    for message in summary.error_messages[:10]:
        print(f"FEJL {message}")  # noqa: T201
    # Not timed: fast is no use if the pages are not proper pages.
    from wagtail.models import Page

    from almenhub.search.models import SearchDocument

    problems = Page.find_problems()
    documents = SearchDocument.objects.filter(kind__in=["project", "news"]).count()
    print(  # noqa: T201
        f"Sidetræ: {'i orden' if not any(problems) else problems}; "
        f"søgedokumenter for {documents} projekter og nyheder"
    )
    if any(problems) or documents < summary.created:
        raise SystemExit(
            "Importen efterlod et ugyldigt sidetræ eller manglende søgning."
        )

    started = time.perf_counter()
    again = import_paths(paths=[pages], exclusive=True)
    again_seconds = time.perf_counter() - started
    print(  # noqa: T201
        f"Genimport: {again_seconds:.2f} s, {args.n / again_seconds:.0f} sider/s "
        f"({again.as_text()})"
    )
    print(  # noqa: T201
        json.dumps(
            {
                "n": args.n,
                "parse_pages_per_s": round(parse_rate, 1),
                "import_pages_per_s": round(import_rate, 1),
                "import_cpu_pages_per_s": round(args.n / import_cpu, 1),
                "redirects": summary.redirects,
                "redirects_per_s": round(summary.redirects / import_seconds, 1),
                "redirects_cpu_per_s": round(summary.redirects / import_cpu, 1),
            }
        )
    )


if __name__ == "__main__":
    main()
