"""News articles of the old site, imported as NewsPage: every field on the
rendered article, the date from the old address, and its 301."""

from __future__ import annotations

import datetime
import io
import json
import shutil
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Revision

from almenhub.core.pages.deferred import DeferredInserts
from almenhub.core.pages.imported import DeferredRevisions, Outcome, PageBatch
from almenhub.core.pages.indexing import wagtail_search_paused
from almenhub.core.pages.tree import ChildPositions
from almenhub.importer.services import import_paths
from almenhub.news.models import NewsIndexPage, NewsPage
from almenhub.news.services import news_article_import

from .conftest import FIXTURES

pytestmark = pytest.mark.django_db


@pytest.fixture
def news_folder(tmp_path):
    folder = tmp_path / "nyheder"
    shutil.copytree(FIXTURES / "nyheder", folder)
    out = io.StringIO()
    call_command("import_pages", str(folder), stdout=out, stderr=io.StringIO())
    return folder, out.getvalue()


def _article(client, title: str) -> dict:
    page = NewsPage.objects.get(title=title)
    response = client.get(page.url)
    assert response.status_code == 200
    article = BeautifulSoup(response.content, "html.parser").select_one("article.news")
    prose = article.select_one(".prose")
    return {
        "url": urlsplit(page.url).path,
        "date": article.time["datetime"],
        "title": article.h1.get_text(strip=True),
        "lead": article.select_one(".lead").get_text(strip=True),
        "byline": article.select_one(".byline").get_text(strip=True),
        "credit": (
            c.get_text(strip=True) if (c := article.select_one(".credit")) else ""
        ),
        "body": [
            (el.name, el.get_text(" ", strip=True))
            for el in prose.find_all(["h2", "h3", "p", "figcaption"])
            if not el.find_parent("blockquote")
        ],
        "quotes": [
            (q.blockquote.get_text(" ", strip=True), q.figcaption.get_text(strip=True))
            for q in prose.select("figure.quote")
        ],
    }


def test_article_with_credit_byline_for_an_organisation_heading_and_quote(
    news_folder, client
):
    _, out = news_folder
    assert "Nyheder: Fundet: 2 · Oprettet: 2" in out
    article = _article(client, "Vilde gårde vinder pris")
    assert article["url"].startswith("/nyheder/2023/05/")
    assert article["date"] == "2023-05-01"
    assert article["lead"] == (
        "Afdelingen i Strandparken har fået årets pris for grønne udearealer."
    )
    assert article["byline"] == "Af Mette Lind for Boligselskabet Kildebo"
    assert article["credit"] == "Foto: Karl Vester"
    assert article["body"] == [
        ("p", "Juryen lagde vægt på, at beboerne selv har passet bedene i tre år."),
        ("h2", "Beboerne står for plejen"),
        ("p", "Hver lørdag mødes en gruppe beboere og luger, vander og sår."),
        ("figcaption", "Lone Bak, formand for afdelingsbestyrelsen"),
    ]
    assert article["quotes"] == [
        (
            "Vi er stolte af, at vores gård nu er fuld af liv.",
            "Lone Bak, formand for afdelingsbestyrelsen",
        )
    ]
    page = NewsPage.objects.get(title="Vilde gårde vinder pris")
    assert Revision.page_revisions.filter(object_id=str(page.pk)).count() == 1


def test_article_with_af_colon_byline_and_a_heading_of_its_own(news_folder, client):
    article = _article(client, "Nyt hæfte om vaskerier")
    assert article["url"].startswith("/nyheder/2024/11/")
    assert article["date"] == "2024-11-01"
    assert article["lead"] == "Et nyt hæfte samler erfaringer med digitale vaskerier."
    assert article["byline"] == "Af Jonas Krog"
    assert article["credit"] == ""
    assert article["body"] == [
        ("p", "Hæftet bygger på interviews med fem driftschefer."),
        ("h2", "Hvad virker"),
        ("p", "Booking på telefonen sparer tid for både beboere og personale."),
    ]
    assert article["quotes"] == []


def test_old_news_addresses_answer_301_and_a_reimport_changes_nothing(
    news_folder, client
):
    folder, _ = news_folder
    for old, title in [
        ("/nyheder/2023/05/pris-til-vilde-gaarde/", "Vilde gårde vinder pris"),
        ("/nyheder/2024/11/haefte-vaskerier/", "Nyt hæfte om vaskerier"),
    ]:
        response = client.get(old)
        assert response.status_code == 301
        assert response["Location"].endswith(NewsPage.objects.get(title=title).url)
    out = io.StringIO()
    call_command("import_pages", str(folder), stdout=out, stderr=io.StringIO())
    assert (
        "Nyheder: Fundet: 2 · Oprettet: 0 · Opdateret: 0 · Uændret: 2" in out.getvalue()
    )


def test_a_batch_of_articles_reads_the_news_index_and_their_keys_once(
    news_folder, tmp_path, client
):
    # The index exists (the fixture's import made it); four new articles in
    # one batch: one read of the index and one of the articles' source keys,
    # not one of each per article.
    folder = tmp_path / "flere"
    folder.mkdir()
    rows = ["file,url"]
    for i in range(4):
        (folder / f"n{i}.txt").write_text(
            f"Nyhed nummer {i}\n\nEn kort indledning {i}.\n\nAf Bo Berg\n\n"
            f"Selve nyheden {i} står her.\n",
            encoding="utf-8",
        )
        rows.append(
            f"n{i}.txt,https://www.almennet.example/nyheder/2022/0{i + 1}/n-{i}/"
        )
    (folder / "addresses.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")

    with CaptureQueriesContext(connection) as queries:
        summary = import_paths(paths=[folder], exclusive=True)

    assert (summary.created, summary.errors) == (4, 0)
    sql = [q["sql"] for q in queries.captured_queries if q["sql"].startswith("SELECT")]
    assert len([s for s in sql if 'FROM "news_newsindexpage"' in s]) == 1
    keys_read = [s for s in sql if '"news_newspage"."source_key" =' in s]
    # The batch's one read of every key (WHERE NOT (source_key = '')).
    assert len(keys_read) == 1 and "NOT (" in keys_read[0]
    # Filed under the one index, dated from their addresses, each answering.
    index = NewsIndexPage.objects.get()
    for i in range(4):
        page = NewsPage.objects.get(title=f"Nyhed nummer {i}")
        assert page.get_parent().pk == index.pk
        assert page.date.isoformat() == f"2022-0{i + 1}-01"
        assert client.get(page.url).status_code == 200
        assert client.get(f"/nyheder/2022/0{i + 1}/n-{i}/").status_code == 301
    index.refresh_from_db()
    assert index.numchild == 6


def test_a_new_articles_revision_is_its_stored_content_without_reading_relations():
    # A new article has no related projects or themes: its revision holds
    # them as empty without asking the database (core/pages/imported.py,
    # relations_unset), and is the article as stored, as Wagtail serialises it.
    inserts = DeferredInserts()
    batch = PageBatch(
        positions=ChildPositions(deferred=inserts), revisions=DeferredRevisions()
    )
    # As an import writes: Wagtail's search is brought up to date per batch.
    with wagtail_search_paused(), CaptureQueriesContext(connection) as queries:
        page, outcome = news_article_import(
            source_key="nyhed-om-vaskerier",
            checksum="x",
            title="Nyhed om vaskerier",
            date=datetime.date(2024, 5, 1),
            teaser="En kort indledning.",
            body=[("paragraph", "<p>Selve nyheden.</p>")],
            batch=batch,
        )
        batch.revisions.write()
    batch.positions.write_deferred()
    inserts.write()

    assert outcome == Outcome.CREATED
    relations = ("news_newspage_related_projects", "news_newspage_themes")
    read = [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].startswith("SELECT") and any(r in q["sql"] for r in relations)
    ]
    assert read == []
    page = NewsPage.objects.get(pk=page.pk)
    (revision,) = Revision.objects.filter(object_id=str(page.pk))
    # As Revision.content stores it (JSON, Django's encoder).
    stored = json.loads(json.dumps(page.serializable_data(), cls=DjangoJSONEncoder))
    # Set once the revision exists (from it), so not in it.
    after = {"latest_revision", "live_revision", "latest_revision_created_at"}
    assert set(stored) == set(revision.content)

    def comparable(content: dict) -> dict:
        # The body is stream JSON in a string; PostgreSQL's jsonb gives its
        # keys back in an order of its own.
        return {
            k: json.loads(v) if k == "body" else v
            for k, v in content.items()
            if k not in after
        }

    assert comparable(revision.content) == comparable(stored)
    assert revision.content["themes"] == revision.content["related_projects"] == []
    assert page.latest_revision_id == page.live_revision_id == revision.pk
    # Let go after the revision: the page reads its relations as stored.
    assert "themes" not in getattr(page, "_cluster_related_objects", {})
