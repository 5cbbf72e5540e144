"""The relevance set: Danish queries with graded judgements over the set's own
documents (tests/relevance), on every available engine. Each query's answer
must come first, and the set as a whole must rank well (nDCG@10), printed
per engine with the mean reciprocal rank."""

from __future__ import annotations

import pytest

from almenhub.search.selectors import search
from almenhub.search.tests.relevance import (
    judgements,
    load_corpus,
    ndcg_at,
    reciprocal_rank,
)

pytestmark = pytest.mark.django_db

MIN_NDCG = 0.90


def test_relevance_set(engine_name):
    load_corpus(engine_name)
    failures, ndcgs, rrs = [], [], []
    for judged in judgements():
        ranked = [hit.document.title for hit in search(judged.query, per_page=10).hits]
        ndcgs.append(ndcg_at(ranked, judged.grades))
        rrs.append(reciprocal_rank(ranked, judged.first))
        if not ranked or ranked[0] not in judged.first:
            failures.append(f"{judged.query!r}: {ranked[:3]}")
    ndcg, mrr = sum(ndcgs) / len(ndcgs), sum(rrs) / len(rrs)
    print(  # noqa: T201
        f"\n{engine_name}: nDCG@10 {ndcg:.3f}, MRR {mrr:.3f}, {len(ndcgs)} queries"
    )
    assert not failures, "\n".join(failures)
    assert ndcg >= MIN_NDCG


def test_the_measures_tell_a_good_ranking_from_a_bad_one():
    grades = {"a": 2, "b": 1}
    assert ndcg_at(["a", "b", "x"], grades) == pytest.approx(1.0)
    assert ndcg_at(["x", "b", "a"], grades) < 0.7
    assert ndcg_at(["a", "a", "b"], grades) < 1.0  # a title counts once
    assert reciprocal_rank(["x", "a"], {"a"}) == 0.5
    assert reciprocal_rank(["x"], {"a"}) == 0.0
