"""“Mente du …?”: a query's words spelt as the index spells them.

A word the index does not hold is compared with the index's own vocabulary
(its stems, `SearchTerm`), within one edit for a short word and two for a
word of eight letters or more; the closest, and of those the most common,
wins. The suggestion is shown in the words of a page that holds it, never
as a bare stem.
"""

from __future__ import annotations

import re

from django.db.models.functions import Length

from almenhub.search.analysis import ParsedQuery, fold, stem
from almenhub.search.engines import get_engine
from almenhub.search.engines.base import SearchFilters
from almenhub.search.models import SearchDocument, SearchTerm
from almenhub.search.planner import (
    STOPWORDS,
    Alternative,
    QueryPlan,
    TermGroup,
    known_terms,
    planned,
)

WORD = re.compile(r"\w+")

LONG_WORD = 8  # letters from which two edits are allowed
MIN_WORD = 4  # shorter words are left as they are
MAX_CORRECTIONS = 3  # words looked up per query: each is a scan of candidates


def edit_distance(a: str, b: str, *, limit: int) -> int:
    """Levenshtein distance (with swaps of neighbours), or limit + 1 once it
    is sure to exceed the limit."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = ca != cb
            current[j] = min(
                previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost
            )
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


def closest_term(word: str) -> str | None:
    """The vocabulary's term nearest to a word it does not hold."""
    term = stem(word)
    if not term:
        return None
    limit = 2 if len(word) >= LONG_WORD else 1
    candidates = (
        SearchTerm.objects.annotate(length=Length("term"))
        .filter(
            term__startswith=term[0],
            length__gte=len(term) - limit,
            length__lte=len(term) + limit,
        )
        .values_list("term", "doc_count")
    )
    best: tuple[int, int, str] | None = None
    for candidate, count in candidates.iterator(chunk_size=5000):
        distance = edit_distance(term, candidate, limit=limit)
        if distance <= limit:
            rank = (distance, -count, candidate)
            if best is None or rank < best:
                best = rank
    return best[2] if best else None


def surface_word(term: str) -> str | None:
    """A word of the content whose index term this is, as the content spells
    it (lower case): "graesslaan" → "græsslåning". Read from the pages that
    the engine finds for the term."""
    plan = QueryPlan(groups=[TermGroup(term, [Alternative((term,))])])
    found = get_engine().search(plan, SearchFilters(), limit=3, facets=False)
    for row in SearchDocument.objects.filter(key__in=found.keys):
        for word in WORD.findall(f"{row.title} {row.teaser} {row.body}"):
            if stem(fold(word)) == term:
                return word.lower()
    return None


def did_you_mean(parsed: ParsedQuery) -> str:
    """The query with its unknown words spelt as the index knows them, or ""
    when there is nothing to correct; worked out once per query and version
    of the vocabulary (a scan of the candidate terms for an unknown word)."""
    return planned("spelling", tuple(parsed.terms), lambda _: _respelt(parsed))


def _respelt(parsed: ParsedQuery) -> str:
    changed = False
    tries = 0
    corrected: list[str] = []
    known = known_terms(stem(w) for w in parsed.terms)
    for word in parsed.terms:
        if (
            len(word) < MIN_WORD
            or word in STOPWORDS
            or stem(word) in known
            or tries >= MAX_CORRECTIONS
        ):
            corrected.append(word)
            continue
        tries += 1
        term = closest_term(word)
        shown = surface_word(term) if term else None
        if shown:
            corrected.append(shown)
            changed = True
        else:
            corrected.append(word)
    return " ".join(corrected) if changed else ""
