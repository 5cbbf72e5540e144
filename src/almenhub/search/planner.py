"""Expand a parsed query into index terms, the same way for both engines.

Each query word becomes a group of alternatives that may satisfy it: its own
stem when the index knows it; otherwise index terms one edit away (a typo, for
words of five letters or more); and, for a compound written together, its
parts ("groenneomraader" → "groen" + "omraad"). A word that matches nothing
at all is dropped and reported rather than emptying the result.
"""

from __future__ import annotations

import copy
import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TypeVar

from almenhub.core.stamps import Stamp
from almenhub.search.analysis import (
    MIN_COMPOUND_PART,
    MIN_FUZZY_LENGTH,
    ParsedQuery,
    edits1,
    stem,
    stem_once,
    words,
)
from almenhub.search.memo import MISSING, Memo
from almenhub.search.models import SearchTerm, SynonymGroup

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
# How much a page that uses a synonym counts against one using the word typed.
SYNONYM_WEIGHT = 0.8
NEUTER_WEIGHT = 0.8


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

    def copy(self) -> QueryPlan:
        """A plan the caller may change without changing this one (its
        alternatives are frozen, so they are shared): what copy.deepcopy
        makes, at a fifth of its cost."""
        return QueryPlan(
            groups=[TermGroup(g.word, list(g.alternatives)) for g in self.groups],
            phrases=[list(phrase) for phrase in self.phrases],
            dropped=list(self.dropped),
        )

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


# Words whose splits are kept, per process: a word of n letters has n - 5
# splits, stemmed twice each, and an index rebuild or an import meets the
# same words on page after page. Bounded to a few tens of MB: public queries
# bring words of their own.
MAX_SPLIT_WORDS = 10_000


@functools.lru_cache(maxsize=MAX_SPLIT_WORDS)
def compound_splits(word: str) -> tuple[tuple[str, str], ...]:
    """Stems of every two-part split of a word, both parts long enough
    (a tuple: one cached value serves every caller, who cannot change it)."""
    splits = []
    for i in range(MIN_COMPOUND_PART, len(word) - MIN_COMPOUND_PART + 1):
        left, right = stem(word[:i]), stem(word[i:])
        if left and right:
            splits.append((left, right))
    return tuple(splits)


def content_words(terms: list[str]) -> list[str]:
    """The words a query searches for: not stop words, nor words whose stem
    is one ("hansen" → "hans"), which PostgreSQL's `danish` configuration
    drops from documents."""
    return [
        w
        for w in terms
        if w not in STOPWORDS
        and stem_once(w) not in STOPWORDS
        and stem(w) not in STOPWORDS
    ]


def word_group(word: str, term: str, known: dict[str, int]) -> TermGroup:
    """The alternatives that may satisfy one query word: its stem, terms one
    edit away, or its compound parts."""
    group = TermGroup(word=word)
    if term in known:
        group.alternatives.append(Alternative((term,), 1.0))
        # An adjective's neuter form ("grønt", "stort"), which the Snowball
        # stemmer keeps apart from "grøn", "grønne": the base form too.
        if len(word) >= 5 and word.endswith("t"):
            base = stem(word[:-1])
            if base and base != term and known_terms([base]):
                group.alternatives.append(Alternative((base,), NEUTER_WEIGHT))
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
    return group


# What a plan is made of besides the query: the vocabulary (SearchTerm, which
# every indexing write changes) and the editors' glossary. A change to either
# renews this stamp, in every process; each process keeps the plans and the
# compiled glossary it made under the stamp's value. Planning read the
# vocabulary with one to four queries per search (15 % of a search's time at
# 100,000 pages) and the glossary with another (~8 ms on a loaded machine).
PLANNER_VERSION = Stamp("search:planner-version")
MAX_PLANS = 5_000  # answers kept per process, for the most recent queries
_plans = Memo(MAX_PLANS)
T = TypeVar("T")


def vocabulary_changed() -> None:
    """The vocabulary's rows were written: plans made before are retired
    (at the commit of a transaction, or at once where this process has read
    the plans since; see core.stamps)."""
    PLANNER_VERSION.renew_after_change()


def planner_memo_clear() -> None:
    """Forget this process's plans and compiled glossary (a test's rows go
    with its rolled-back transaction, which renews no stamp)."""
    _plans.clear()
    _compiled.clear()


def planned(kind: str, key: tuple, make: Callable[[str], T]) -> T:
    """`make(version)` for a query, kept until the vocabulary or the glossary
    changes (PLANNER_VERSION): the plan, and "Mente du …?" (spelling)."""
    version = PLANNER_VERSION.read()
    known = _plans.get(version, (kind, key))
    if known is MISSING:
        known = make(version)
        _plans.put(version, (kind, key), known)
    # A caller may change what it gets; the kept one stays as it was made.
    if isinstance(known, QueryPlan):
        return known.copy()  # type: ignore[return-value]
    return copy.deepcopy(known)  # type: ignore[return-value]


def plan_query(parsed: ParsedQuery) -> QueryPlan:
    """The plan of a query: the same for every search of it until the
    vocabulary or the glossary changes (see PLANNER_VERSION)."""
    key = (tuple(parsed.terms), tuple(map(tuple, parsed.phrases)))
    return planned("plan", key, lambda version: _plan(parsed, version))


def _plan(parsed: ParsedQuery, version: str) -> QueryPlan:
    words = content_words(parsed.terms) or parsed.terms
    stems = {w: stem(w) for w in words}
    known = known_terms(stems.values())
    plan = QueryPlan(
        phrases=[[stem(w) for w in phrase if stem(w)] for phrase in parsed.phrases]
    )
    groups = [word_group(word, stems[word], known) for word in words]
    groups = with_synonyms(groups, [stems[w] for w in words], version=version)
    for group in groups:
        if group.alternatives:
            plan.groups.append(group)
        else:
            plan.dropped.append(group.word)
    return plan


Glossary = dict[tuple[str, ...], list[tuple[str, ...]]]
_compiled: dict[str, Glossary] = {}


def glossary_changed() -> None:
    """Mark the glossary as changed (its rows were written)."""
    PLANNER_VERSION.renew()
    planner_memo_clear()


def synonym_groups(version: str | None = None) -> Glossary:
    """The editors' glossary as index terms: each expression's stems (its
    content words, as a query's) → the stems of its synonyms; compiled once
    per version (see PLANNER_VERSION)."""
    version = version or PLANNER_VERSION.read()
    if version not in _compiled:
        _compiled.clear()
        _compiled[version] = _compile_glossary()
    return _compiled[version]


def _compile_glossary() -> Glossary:
    glossary: Glossary = {}
    for group in SynonymGroup.objects.only("expressions"):
        expressions = []
        for expression in group.expression_list():
            terms = words(expression)
            stems = tuple(s for s in map(stem, content_words(terms) or terms) if s)
            if stems and stems not in expressions:
                expressions.append(stems)
        for expression in expressions:
            known = glossary.setdefault(expression, [])
            known.extend(e for e in expressions if e != expression and e not in known)
    return glossary


def with_synonyms(
    groups: list[TermGroup], stems: list[str], *, version: str | None = None
) -> list[TermGroup]:
    """The query's groups with the glossary applied (search.synonyms): the
    words of an expression it lists, one group that the expression or any
    of its synonyms satisfies."""
    glossary = synonym_groups(version)
    if not glossary:
        return groups
    found: list[TermGroup] = []
    position = 0
    while position < len(groups):
        match = _longest_expression(glossary, stems, position)
        if match is None:
            found.append(groups[position])
            position += 1
            continue
        expression, synonyms = match
        span = groups[position : position + len(expression)]
        if len(span) == 1:
            group = span[0]
        else:
            group = TermGroup(word=" ".join(g.word for g in span))
            group.alternatives.append(Alternative(expression, 1.0))
        usable = known_terms(s for synonym in synonyms for s in synonym)
        for synonym in synonyms:
            if all(s in usable for s in synonym):
                group.alternatives.append(Alternative(synonym, SYNONYM_WEIGHT))
        found.append(group)
        position += len(expression)
    return found


def _longest_expression(
    glossary: Glossary,
    stems: list[str],
    position: int,
) -> tuple[tuple[str, ...], list[tuple[str, ...]]] | None:
    """The longest glossary expression that the query's stems spell from
    this position, with its synonyms."""
    for length in range(len(stems) - position, 0, -1):
        expression = tuple(stems[position : position + length])
        if expression in glossary:
            return expression, glossary[expression]
    return None
