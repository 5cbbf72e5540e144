"""The relevance set's own content: documents (documents.json) and graded
judgements (judgements.toml), independent of the demo, so that editing the
demo's copy cannot move a search test."""

from __future__ import annotations

import json
import math
import tomllib
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from almenhub.search.models import SynonymGroup
from almenhub.search.planner import glossary_changed
from almenhub.search.registry import DocumentData
from almenhub.search.services import (
    engine_reindex_from_table,
    search_documents_replace,
)

HERE = Path(__file__).parent


@dataclass
class Judged:
    query: str
    grades: dict[str, int]  # title → grade (2 answers it, 1 is relevant)
    first: set[str] = field(default_factory=set)  # one of these must come first


def judgements() -> list[Judged]:
    data = tomllib.loads((HERE / "judgements.toml").read_text())
    found = []
    for item in data["query"]:
        grades = dict.fromkeys(item.get("relevant", []), 1)
        grades.update(dict.fromkeys(item["answers"], 2))
        found.append(Judged(item["q"], grades, set(item["answers"])))
    return found


def corpus() -> list[DocumentData]:
    """The set's documents; `belongs_to` names the project a publication
    belongs to by its title (the fixture numbers the documents itself)."""
    rows = json.loads((HERE / "documents.json").read_text())
    projects = {
        row["title"]: f"project:{n}"
        for n, row in enumerate(rows, 1)
        if row["kind"] == "project"
    }
    return [
        DocumentData(
            kind=row["kind"],
            object_id=n,
            url=f"/relevans/{n}/",
            title=row["title"],
            teaser=row["teaser"],
            body=row["body"],
            names=row["names"],
            context=row.get("context", ""),
            themes=row["themes"],
            status=row["status"],
            year=row["year"],
            owner_name=row["owner_name"],
            belongs_to=projects.get(row.get("belongs_to", ""), ""),
            published_at=datetime.fromisoformat(row["published_at"]),
        )
        for n, row in enumerate(rows, 1)
    ]


def glossary() -> list[list[str]]:
    """The set's own glossary (its synonym groups), not the editors'."""
    data = tomllib.loads((HERE / "judgements.toml").read_text())
    return [item["expressions"] for item in data.get("glossary", [])]


def load_corpus(engine_name: str) -> None:
    SynonymGroup.objects.all().delete()
    SynonymGroup.objects.bulk_create(
        SynonymGroup(expressions="\n".join(group)) for group in glossary()
    )
    glossary_changed()  # bulk_create sends no signal
    search_documents_replace(corpus())
    engine_reindex_from_table(engine_name)


@dataclass
class Measured:
    """The set's figures on one engine, and the queries whose answer did
    not come first."""

    engine: str
    ndcg: float
    mrr: float
    queries: int
    failures: list[str]

    def line(self) -> str:
        return (
            f"{self.engine}: nDCG@10 {self.ndcg:.3f}, MRR {self.mrr:.3f}, "
            f"{self.queries} queries"
        )


def measure(engine_name: str) -> Measured:
    """Load the set and run every judged query on the engine."""
    # lazy: the read path pulls in the engines, which the bench configures first.
    from almenhub.search.selectors import search

    load_corpus(engine_name)
    failures, ndcgs, rrs = [], [], []
    for judged in judgements():
        hits = search(judged.query, per_page=10, engine_name=engine_name).hits
        ranked = [hit.document.title for hit in hits]
        ndcgs.append(ndcg_at(ranked, judged.grades))
        rrs.append(reciprocal_rank(ranked, judged.first))
        if not ranked or ranked[0] not in judged.first:
            failures.append(f"{judged.query!r}: {ranked[:3]}")
    return Measured(
        engine_name,
        sum(ndcgs) / len(ndcgs),
        sum(rrs) / len(rrs),
        len(ndcgs),
        failures,
    )


def baseline() -> dict[str, float]:
    """The nDCG@10 each engine reached when the set last grew (baseline.toml):
    the floor a change of ranking must not go below."""
    return tomllib.loads((HERE / "baseline.toml").read_text())["ndcg_at_10"]


def dcg(grades: list[int]) -> float:
    return sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(grades))


def ndcg_at(ranked: list[str], grades: dict[str, int], k: int = 10) -> float:
    """nDCG@k; a judged title counts once (two hits of one title, a project
    and its publication, are not twice the answer)."""
    ideal = dcg(sorted(grades.values(), reverse=True)[:k])
    seen: set[str] = set()
    gains = []
    for title in ranked[:k]:
        gains.append(0 if title in seen else grades.get(title, 0))
        seen.add(title)
    return dcg(gains) / ideal if ideal else 0.0


def reciprocal_rank(ranked: list[str], wanted: set[str]) -> float:
    rank = next((n for n, t in enumerate(ranked, 1) if t in wanted), None)
    return 1 / rank if rank else 0.0
