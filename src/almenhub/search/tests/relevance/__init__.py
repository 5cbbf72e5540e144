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
    rows = json.loads((HERE / "documents.json").read_text())
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
            belongs_to=row.get("belongs_to", ""),
            published_at=datetime.fromisoformat(row["published_at"]),
        )
        for n, row in enumerate(rows, 1)
    ]


def load_corpus(engine_name: str) -> None:
    search_documents_replace(corpus())
    engine_reindex_from_table(engine_name)


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
