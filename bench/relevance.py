"""Relevance benchmark: nDCG@10 and MRR of the relevance set per engine.

    .venv/bin/python bench/relevance.py [--skip-postgres]
        [--boost context=1.5 --boost owner_name=6] [--pg-weights 0.05,0.2,0.4,1.0]

Loads the set's own documents, glossary and graded judgements
(src/almenhub/search/tests/relevance) into a throw-away database, runs every
query on the embedded engine and, on a throw-away PostgreSQL server that
this script starts through scripts/with-postgres.sh, on the PostgreSQL
engine. `--boost` and `--pg-weights` try other field weights without editing
the engines (how the weights were tuned). The last line printed is one JSON
object with the figures; tests/test_relevance.py asserts they do not fall
below relevance/baseline.toml.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _setup import django_setup, run_on_postgres  # noqa: E402


def apply_weights(boosts: list[str], pg_weights: str) -> None:
    from almenhub.search.engines import postgres, tantivy_queries

    for item in boosts:
        name, _, value = item.partition("=")
        if name not in tantivy_queries.TEXT_FIELDS:
            raise SystemExit(f"unknown field {name!r}")
        tantivy_queries.TEXT_FIELDS[name] = float(value)
    if pg_weights:
        postgres.WEIGHTS = f"ARRAY[{pg_weights}]::float4[]"


def measure(engine_name: str) -> dict:
    from almenhub.search.tests.relevance import measure as measure_set

    measured = measure_set(engine_name)
    print(measured.line(), file=sys.stderr)  # noqa: T201
    for failure in measured.failures:
        print(f"  not first: {failure}", file=sys.stderr)  # noqa: T201
    return {
        "ndcg_at_10": round(measured.ndcg, 4),
        "mrr": round(measured.mrr, 4),
        "queries": measured.queries,
        "not_first": len(measured.failures),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--skip-postgres", action="store_true")
    parser.add_argument("--postgres-only", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--boost", action="append", default=[])
    parser.add_argument("--pg-weights", default="")
    args = parser.parse_args()
    os.environ["ALMENHUB_SEARCH_ENGINE"] = "auto"
    if args.postgres_only:
        django_setup(database_url=os.environ["DATABASE_URL"])
        apply_weights(args.boost, args.pg_weights)
        print(json.dumps(measure("postgres")))  # noqa: T201
        return
    django_setup()
    apply_weights(args.boost, args.pg_weights)
    engines = {"embedded": measure("embedded")}
    if not args.skip_postgres:
        extra = [f"--boost={b}" for b in args.boost]
        if args.pg_weights:
            extra.append(f"--pg-weights={args.pg_weights}")
        engines["postgres"] = run_on_postgres(__file__, ["--postgres-only", *extra])
    for name, figures in engines.items():
        print(f"{name:>10}: {figures}")  # noqa: T201
    print(json.dumps({"engines": engines}))  # noqa: T201


if __name__ == "__main__":
    main()
