"""Compile a publication of 60 examples and time it.

Builds a throw-away SQLite hub, creates 60 live examples with building
blocks, indicator values and contacts, puts them in a publication draft and
runs the same compile an editor starts from the admin: read the content,
typeset it with Typst (tagged PDF/UA-1), store the PDF and publish the
publication page. Run from the repository root:

    .venv/bin/python bench/compile_publication.py [--examples N]

Target: at most 5 seconds for about 80 pages. The last line printed is one
JSON object: {"examples": ..., "pages": ..., "seconds": ...}.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK_DIR = Path(tempfile.mkdtemp(prefix="almenhub-bench-"))

sys.path.insert(0, str(ROOT / "src"))
os.environ["DJANGO_SETTINGS_MODULE"] = "almenhub.settings.dev"
os.environ["DATABASE_URL"] = f"sqlite:///{WORK_DIR / 'bench.sqlite3'}"
os.environ["ALMENHUB_DATA_DIR"] = str(WORK_DIR / "data")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import transaction  # noqa: E402
from django.urls import reverse  # noqa: E402

from almenhub.examples.factories import example_index, example_make  # noqa: E402
from almenhub.publishing.compiler import publication_pdf  # noqa: E402
from almenhub.publishing.content import publication_content  # noqa: E402
from almenhub.publishing.models import (  # noqa: E402
    DraftExample,
    DraftFact,
    DraftQuote,
    PublicationDraft,
)
from almenhub.publishing.services import publication_compile  # noqa: E402

TARGET_SECONDS = 5.0


def say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def build(count: int) -> PublicationDraft:
    index = example_index()
    with transaction.atomic():
        examples = [
            example_make(n=n, index=index, extra_paragraphs=6)
            for n in range(1, count + 1)
        ]
        draft = PublicationDraft.objects.create(
            title="Værdiskabende drift – 60 eksempler",
            subtitle="Benchmark af publikationsbyggeren",
            intro="Denne publikation er lavet af benchmarken.\n\nAndet afsnit.",
            year=2025,
            document_date=datetime.date(2025, 6, 2),
            prepared_by="almenhub",
        )
        DraftExample.objects.bulk_create(
            DraftExample(draft=draft, example=example, sort_order=i)
            for i, example in enumerate(examples)
        )
        for i, example in enumerate(examples[::6]):
            DraftQuote.objects.create(
                draft=draft,
                example=example,
                text="Det har gjort en forskel for både beboere og medarbejdere.",
                author="Driftschef",
                sort_order=i,
            )
        for i, example in enumerate(examples[3::10]):
            DraftFact.objects.create(
                draft=draft,
                example=example,
                heading="Vidste du ...",
                text="At en eng med 40 arter kræver færre maskintimer end en plæne.",
                sort_order=i,
            )
    return draft


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=60)
    args = parser.parse_args()

    say(f"Database og data: {WORK_DIR}")
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    say(f"Migreret på {time.perf_counter() - started:.1f} s")

    started = time.perf_counter()
    draft = build(args.examples)
    say(f"{args.examples} eksempler oprettet på {time.perf_counter() - started:.1f} s")

    # A running server has its URL configuration loaded already; load it here
    # too, so that the figure is the compile's and not Django's start-up.
    reverse("wagtail_serve", args=[""])
    started = time.perf_counter()
    result = publication_compile(draft=draft)
    seconds = time.perf_counter() - started
    draft.refresh_from_db()

    # The typesetting on its own, and a second run to show the bytes repeat.
    content = publication_content(draft=draft)
    typeset_started = time.perf_counter()
    pdf = publication_pdf(content=content)
    typeset = time.perf_counter() - typeset_started
    with draft.document.file.open("rb") as stored:
        identical = stored.read() == pdf

    say(f"Kompileret: {result.pages} sider, {result.examples} eksempler")
    say(f"Hele kompileringen (indhold, Typst, PDF, publikationsside): {seconds:.2f} s")
    say(f"Heraf kun Typst: {typeset:.2f} s")
    say(f"PDF: {len(pdf) / 1024:.0f} KB, samme bytes ved genkompilering: {identical}")
    verdict = "nået" if seconds <= TARGET_SECONDS else "IKKE nået"
    say(f"Mål: højst {TARGET_SECONDS:.0f} s – {verdict}")
    say(f"PDF'en ligger i {draft.document.file.path}")
    say(
        json.dumps(
            {
                "examples": result.examples,
                "pages": result.pages,
                "seconds": round(seconds, 3),
            }
        )
    )


if __name__ == "__main__":
    main()
