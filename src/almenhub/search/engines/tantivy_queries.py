"""The embedded index's schema, and the planner's query plans as Tantivy
queries: the same plan, field by field and with the same weights, as the
PostgreSQL engine's `tsquery`."""

from __future__ import annotations

import tantivy

from almenhub.search.engines.base import SearchFilters
from almenhub.search.facets import FACETS
from almenhub.search.planner import Alternative, QueryPlan

TOKENIZER = "da_folded_stem"
# The weights are tuned on the relevance set (tests/relevance), alongside the
# PostgreSQL engine's weight classes (engines/postgres.py, WEIGHTS).
TEXT_FIELDS = {
    "title": 4.0,
    "owner_name": 6.0,
    "names": 2.5,
    "teaser": 2.0,
    "context": 1.5,
    "body": 1.0,
    "parts": 0.6,
}
PHRASE_FIELDS = ("title", "teaser", "body")


def build_schema() -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    builder.add_text_field("key", stored=True, tokenizer_name="raw", fast=True)
    for name in TEXT_FIELDS:
        builder.add_text_field(
            name, tokenizer_name=TOKENIZER, index_option="position", stored=False
        )
    # Text facets first, then the integer ones: the order the index's
    # schema has always had.
    for facet in FACETS:
        if not facet.integer:
            builder.add_text_field(facet.column, tokenizer_name="raw", fast=True)
    for facet in FACETS:
        if facet.integer:
            builder.add_integer_field(facet.column, indexed=True, fast=True)
    builder.add_integer_field("published", indexed=False, fast=True)
    return builder.build()


class QueryBuilder:
    def __init__(self, schema: tantivy.Schema) -> None:
        self.schema = schema

    def term(self, field: str, value: str | int) -> tantivy.Query:
        return tantivy.Query.term_query(self.schema, field, value)

    def stem_query(self, stem: str) -> tantivy.Query:
        return tantivy.Query.boolean_query(
            [
                (
                    tantivy.Occur.Should,
                    tantivy.Query.boost_query(self.term(field, stem), boost),
                )
                for field, boost in TEXT_FIELDS.items()
            ]
        )

    def alternative_query(self, alternative: Alternative) -> tantivy.Query:
        if len(alternative.stems) == 1:
            query = self.stem_query(alternative.stems[0])
        else:
            query = tantivy.Query.boolean_query(
                [(tantivy.Occur.Must, self.stem_query(s)) for s in alternative.stems]
            )
        return tantivy.Query.boost_query(query, alternative.weight)

    def text_query(self, plan: QueryPlan, match_all: bool) -> tantivy.Query:
        occur = tantivy.Occur.Must if match_all else tantivy.Occur.Should
        clauses = []
        for group in plan.groups:
            clauses.append(
                (
                    occur,
                    tantivy.Query.boolean_query(
                        [
                            (tantivy.Occur.Should, self.alternative_query(alt))
                            for alt in group.alternatives
                        ]
                    ),
                )
            )
        for phrase in plan.phrases:
            if len(phrase) < 2:
                continue
            clauses.append(
                (
                    tantivy.Occur.Must,
                    tantivy.Query.boolean_query(
                        [
                            (
                                tantivy.Occur.Should,
                                tantivy.Query.phrase_query(
                                    self.schema,
                                    field,
                                    list[str | tuple[int, str]](phrase),
                                ),
                            )
                            for field in PHRASE_FIELDS
                        ]
                    ),
                )
            )
        return tantivy.Query.boolean_query(clauses)

    def query(
        self, plan: QueryPlan | None, filters: SearchFilters, match_all: bool
    ) -> tantivy.Query:
        clauses = []
        if plan is not None and not plan.is_empty:
            clauses.append((tantivy.Occur.Must, self.text_query(plan, match_all)))
        else:
            clauses.append((tantivy.Occur.Must, tantivy.Query.all_query()))
        for field, value in filters.as_pairs():
            clauses.append((tantivy.Occur.Must, self.term(field, value)))
        for key in filters.exclude_keys:
            clauses.append((tantivy.Occur.MustNot, self.term("key", key)))
        return tantivy.Query.boolean_query(clauses)
