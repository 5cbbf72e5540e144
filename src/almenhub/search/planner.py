"""Expand a parsed query into index terms, the same way for both engines.

Each query word becomes a group of alternatives that may satisfy it: its own
stem when the index knows it; otherwise index terms one edit away (a typo, for
words of five letters or more); and, for a compound written together, its
parts ("groenneomraader" → "groen" + "omraad"). A word that matches nothing
at all is dropped and reported rather than emptying the result.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from almenhub.search.analysis import (
    MIN_COMPOUND_PART,
    MIN_FUZZY_LENGTH,
    ParsedQuery,
    edits1,
    stem,
    stem_once,
)
from almenhub.search.models import SearchTerm

STOPWORDS = {
    "og", "i", "jeg", "det", "at", "en", "den", "til", "er", "som", "paa", "de",
    "med", "han", "af", "for", "ikke", "der", "var", "mig", "sig", "men", "et",
    "har", "om", "vi", "min", "havde", "ham", "hun", "nu", "over", "da", "fra",
    "du", "ud", "sin", "dem", "os", "op", "man", "hans", "hvor", "eller", "hvad",
    "skal", "selv", "her", "alle", "vil", "blev", "kunne", "ind", "naar", "vaere",
    "dog", "noget", "ville", "jo", "deres", "efter", "ned", "skulle", "denne",
    "end", "dette", "mit", "ogsaa", "under", "have", "dig", "anden", "hende",
    "mine", "alt", "meget", "sit", "sine", "vor", "mod", "disse", "hvis", "din",
    "nogle", "hos", "blive", "mange", "ad", "bliver", "hendes", "vaeret", "thi",
    "jer", "saadan", "and", "or", "not",
}  # fmt: skip

MAX_FUZZY_CANDIDATES = 4


@dataclass(frozen=True)
class Alternative:
    stems: tuple[str, ...]
    weight: float = 1.0


@dataclass
class TermGroup:
    word: str
    alternatives: list[Alternative] = field(default_factory=list)


@dataclass
class QueryPlan:
    groups: list[TermGroup] = field(default_factory=list)
    phrases: list[list[str]] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not self.groups and not self.phrases

    @property
    def stems(self) -> set[str]:
        found = {s for g in self.groups for a in g.alternatives for s in a.stems}
        return found | {s for phrase in self.phrases for s in phrase}


def known_terms(terms: Iterable[str]) -> dict[str, int]:
    terms = [t for t in set(terms) if t]
    found: dict[str, int] = {}
    for start in range(0, len(terms), 900):
        chunk = terms[start : start + 900]
        found.update(
            SearchTerm.objects.filter(term__in=chunk).values_list("term", "doc_count")
        )
    return found


def compound_splits(word: str) -> list[tuple[str, str]]:
    """Stems of every two-part split of a word, both parts long enough."""
    splits = []
    for i in range(MIN_COMPOUND_PART, len(word) - MIN_COMPOUND_PART + 1):
        left, right = stem(word[:i]), stem(word[i:])
        if left and right:
            splits.append((left, right))
    return splits


def plan_query(parsed: ParsedQuery) -> QueryPlan:
    # A word whose stem is a stop word ("hansen" → "hans") is left out too:
    # PostgreSQL's `danish` configuration drops such stems from documents.
    words = [
        w
        for w in parsed.terms
        if w not in STOPWORDS
        and stem_once(w) not in STOPWORDS
        and stem(w) not in STOPWORDS
    ] or parsed.terms
    stems = {w: stem(w) for w in words}
    known = known_terms(stems.values())
    plan = QueryPlan(
        phrases=[[stem(w) for w in phrase if stem(w)] for phrase in parsed.phrases]
    )
    for word in words:
        term = stems[word]
        group = TermGroup(word=word)
        if term in known:
            group.alternatives.append(Alternative((term,), 1.0))
        elif len(word) >= MIN_FUZZY_LENGTH and term:
            candidates = known_terms(edits1(term))
            best = sorted(candidates.items(), key=lambda kv: (-kv[1], kv[0]))
            for candidate, _ in best[:MAX_FUZZY_CANDIDATES]:
                group.alternatives.append(Alternative((candidate,), 0.7))
            splits = compound_splits(word)
            counts = known_terms(s for pair in splits for s in pair)
            viable = [p for p in splits if p[0] in counts and p[1] in counts]
            if viable:
                best_split = max(viable, key=lambda p: min(counts[p[0]], counts[p[1]]))
                group.alternatives.append(Alternative(best_split, 0.9))
        if group.alternatives:
            plan.groups.append(group)
        else:
            plan.dropped.append(word)
    return plan
