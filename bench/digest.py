"""Digest job at scale: 10,000 followers, 5,000 pages published this week.

Builds a throw-away SQLite hub whose 5,000 new pages exist as what the
digest reads (live pages and their search documents, indexed by the
embedded engine), gives 10,000 followers (members and confirmed addresses)
one to three follows each of themes, organisations, programmes, the news and
saved searches with and without words, and times one weekly digest run
(mails go to Django's in-memory outbox). Run from the repository root:

    .venv/bin/python bench/digest.py [--followers N] [--pages N]

The last line printed is one JSON object with the figures.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import random
import resource
import sys
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _setup import django_setup  # noqa: E402


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--followers", type=int, default=10_000)
    parser.add_argument("--pages", type=int, default=5_000)
    parser.add_argument("--seed", type=int, default=17)
    return parser.parse_args()


ARGS = arguments()
django_setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.contenttypes.models import ContentType  # noqa: E402
from django.core import mail  # noqa: E402
from django.utils import timezone  # noqa: E402
from wagtail.models import Page  # noqa: E402

from almenhub.examples.models import ExamplePage  # noqa: E402
from almenhub.examples.services import example_index_get_or_create  # noqa: E402
from almenhub.follows.digest import digest_run  # noqa: E402
from almenhub.follows.models import Follow, FollowKind  # noqa: E402
from almenhub.organisations.models import Organisation, OrganisationKind  # noqa: E402
from almenhub.search.models import SearchDocument  # noqa: E402
from almenhub.search.services import engine_reindex_from_table  # noqa: E402
from almenhub.taxonomy.models import Theme  # noqa: E402

WORDS = (
    "græs eng regnvand affald snerydning legeplads rengøring beplantning "
    "biodiversitet energi varme solceller vaskeri beboere frivillige "
    "fællesskab skybrud træer blomster insekter kompost genbrug belysning"
).split()
BATCH = 2000


def say(line: str) -> None:
    print(line, file=sys.stderr, flush=True)  # noqa: T201


def pages_create(rng: random.Random, n: int, orgs: list[str], themes: list[str]):
    index = example_index_get_or_create()
    content_type = ContentType.objects.get_for_model(ExamplePage)
    now = timezone.now()
    programmes = [str(p) for p in range(900_000, 900_010)]
    depth = index.depth + 1
    for start in range(0, n, BATCH):
        pages = []
        for i in range(start, min(start + BATCH, n)):
            slug = f"nyt-{i + 1}"
            stamp = now - datetime.timedelta(minutes=rng.randint(1, 6 * 24 * 60))
            pages.append(
                Page(
                    title=f"Nyt eksempel {i + 1}",
                    draft_title=f"Nyt eksempel {i + 1}",
                    slug=slug,
                    content_type=content_type,
                    live=True,
                    url_path=f"{index.url_path}{slug}/",
                    path=ExamplePage._get_path(index.path, depth, i + 1),
                    depth=depth,
                    numchild=0,
                    locale_id=index.locale_id,
                    translation_key=uuid.uuid4(),
                    first_published_at=stamp,
                    last_published_at=stamp,
                )
            )
        Page.objects.bulk_create(pages)
        documents = []
        for page in pages:
            words = " ".join(rng.sample(WORDS, 3))
            documents.append(
                SearchDocument(
                    key=f"example:{page.pk}",
                    kind="example",
                    object_id=page.pk,
                    url=page.url_path.replace(index.url_path, "/eksempler/", 1),
                    title=f"{page.title}: {words}",
                    title_folded=f"{page.title}: {words}".lower(),
                    teaser=f"Om {words} i driften.",
                    body=f"Vi arbejdede med {words}.",
                    themes=rng.sample(themes, 2),
                    status="ongoing",
                    year=2026,
                    owner=rng.choice(orgs),
                    programme=rng.choice(programmes),
                    published_at=page.first_published_at,
                )
            )
        SearchDocument.objects.bulk_create(documents)
    Page.objects.filter(pk=index.pk).update(numchild=n)
    return programmes


def follows_create(
    rng: random.Random,
    n: int,
    orgs: list[str],
    themes: list[str],
    programmes: list[str],
) -> int:
    user_model = get_user_model()
    members = n * 7 // 10
    users = user_model.objects.bulk_create(
        [
            user_model(username=f"medlem{i}", email=f"medlem{i}@bench.dk")
            for i in range(members)
        ]
    )
    recipients = [("user", u) for u in users] + [
        ("email", f"adresse{i}@bench.dk") for i in range(n - members)
    ]
    confirmed = timezone.now() - datetime.timedelta(days=30)
    checked = timezone.now() - datetime.timedelta(days=7, hours=2)
    follows = []
    for kind_of, who in recipients:
        chosen: set[tuple[str, str]] = set()
        for _ in range(rng.choice((1, 2, 2, 3))):
            roll = rng.random()
            if roll < 0.35:
                chosen.add((FollowKind.THEME, rng.choice(themes)))
            elif roll < 0.5:
                chosen.add((FollowKind.ORGANISATION, rng.choice(orgs)))
            elif roll < 0.6:
                chosen.add((FollowKind.PROGRAMME, rng.choice(programmes)))
            elif roll < 0.7:
                chosen.add((FollowKind.NEWS, ""))
            elif roll < 0.85:
                chosen.add((FollowKind.SEARCH, f"q={rng.choice(WORDS)}"))
            else:
                chosen.add(
                    (FollowKind.SEARCH, f"tema={rng.choice(themes)}&type=eksempel")
                )
        for kind, target in chosen:
            follows.append(
                Follow(
                    user=who if kind_of == "user" else None,
                    email="" if kind_of == "user" else who,
                    kind=kind,
                    target=target,
                    label=f"{kind}: {target}"[:300],
                    frequency="weekly",
                    confirmed_at=confirmed,
                    checked_until=checked,
                )
            )
    Follow.objects.bulk_create(follows, batch_size=BATCH)
    return len(follows)


def main() -> None:
    rng = random.Random(ARGS.seed)
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    mail.outbox = []
    orgs = [
        str(o.pk)
        for o in Organisation.objects.bulk_create(
            [
                Organisation(name=f"Bench Bolig {i}", kind=OrganisationKind.HOUSING)
                for i in range(40)
            ]
        )
    ]
    themes = list(Theme.objects.children().values_list("slug", flat=True))
    say(f"building {ARGS.pages} pages …")
    programmes = pages_create(rng, ARGS.pages, orgs, themes)
    say("indexing …")
    engine_reindex_from_table()
    say(f"building follows for {ARGS.followers} followers …")
    n_follows = follows_create(rng, ARGS.followers, orgs, themes, programmes)
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    say("running the weekly digest …")
    started, cpu_started = time.perf_counter(), time.process_time()
    report = digest_run(frequency="weekly")
    seconds = time.perf_counter() - started
    cpu_seconds = time.process_time() - cpu_started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    second = digest_run(frequency="weekly")
    result = {
        "benchmark": "digest",
        "followers": ARGS.followers,
        "follows": n_follows,
        "pages_changed": report.pages_changed,
        "recipients": report.recipients,
        "mails_sent": report.mails_sent,
        "searches_run": report.searches_run,
        "seconds": round(seconds, 2),
        # The machine is shared: CPU seconds say what the job itself costs.
        "cpu_seconds": round(cpu_seconds, 2),
        "load_average": round(os.getloadavg()[0], 1),
        "peak_rss_mb": round(peak, 1),
        "rss_before_run_mb": round(rss_before, 1),
        "second_run_mails": second.mails_sent,
        "target_seconds": 60,
        "target_rss_mb": 500,
        "ok": seconds <= 60 and peak <= 500 and second.mails_sent == 0,
    }
    print(json.dumps(result))  # noqa: T201


if __name__ == "__main__":
    main()
