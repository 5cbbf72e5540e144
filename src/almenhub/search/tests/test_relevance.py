"""The relevance set: Danish queries with graded judgements over the set's own
documents (tests/relevance), on every available engine. Each query's answer
must come first, and the set as a whole must rank well (nDCG@10), and no
worse than its recorded baseline (relevance/baseline.toml); printed per
engine with the mean reciprocal rank (and by bench/relevance.py)."""

from __future__ import annotations

import pytest

from almenhub.search.tests.relevance import (
    baseline,
    measure,
    ndcg_at,
    reciprocal_rank,
)

pytestmark = pytest.mark.django_db

MIN_NDCG = 0.90
# How far below its baseline an engine's nDCG@10 may fall: rounding only.
TOLERANCE = 0.002


def test_relevance_set(engine_name):
    measured = measure(engine_name)
    print(f"\n{measured.line()}")  # noqa: T201
    assert measured.queries >= 60
    assert not measured.failures, "\n".join(measured.failures)
    assert measured.ndcg >= MIN_NDCG
    assert measured.ndcg >= baseline()[engine_name] - TOLERANCE, (
        f"nDCG@10 fell below the baseline: {measured.ndcg:.3f}"
    )


def test_the_measures_tell_a_good_ranking_from_a_bad_one():
    grades = {"a": 2, "b": 1}
    assert ndcg_at(["a", "b", "x"], grades) == pytest.approx(1.0)
    assert ndcg_at(["x", "b", "a"], grades) < 0.7
    assert ndcg_at(["a", "a", "b"], grades) < 1.0  # a title counts once
    assert reciprocal_rank(["x", "a"], {"a"}) == 0.5
    assert reciprocal_rank(["x"], {"a"}) == 0.0
