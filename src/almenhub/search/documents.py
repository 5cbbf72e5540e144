"""One analysis step for every way into the index.

An editor's change, an import's batch, a rebuild and an engine rebuilding
itself from the document table all analyse a document here, the same way:
its words folded and stemmed once (its terms), the two-part splits of its
long words (its compound candidates), and the splits the vocabulary knows
(its compound parts, which let "grønne områder" find "grønneområder").
"""

from __future__ import annotations

from collections.abc import Container, Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property

from almenhub.search.analysis import stem, words
from almenhub.search.engines.base import IndexedDocument
from almenhub.search.models import SearchDocument
from almenhub.search.planner import compound_splits
from almenhub.search.registry import DocumentData

COMPOUND_MIN_LENGTH = 9


@dataclass
class Analysed:
    """One document's words, folded and split once.

    Folding is the costly step of analysis, and a document's words are needed
    three times on the way in (its terms, its compound candidates and its
    compound parts) and again for the engine; this keeps it to once.
    """

    text_words: set[str]  # title, teaser and body: compounds are split here
    name_words: set[str]  # names, owner and context: not split

    @classmethod
    def of(cls, doc: DocumentData | SearchDocument) -> Analysed:
        return cls(
            text_words=set(words(" ".join([doc.title, doc.teaser, doc.body]))),
            name_words=set(words(f"{doc.names}\n{doc.owner_name}\n{doc.context}")),
        )

    @cached_property
    def splits(self) -> dict[str, tuple[tuple[str, str], ...]]:
        """Each long word's two-part splits (stemmed), the candidates for parts."""
        return {
            word: compound_splits(word)
            for word in self.text_words
            if len(word) >= COMPOUND_MIN_LENGTH
        }

    def terms(self) -> set[str]:
        return {t for t in (stem(w) for w in self.text_words | self.name_words) if t}

    def candidates(self) -> set[str]:
        return {part for pairs in self.splits.values() for p in pairs for part in p}

    def parts(self, vocabulary: Container[str]) -> list[str]:
        """The index terms of the parts of long compounds. A split counts when
        both parts are known words, or one is and the other is a word-sized
        remainder; of a word's splits, the best counts."""
        parts: list[str] = []
        for word_splits in self.splits.values():
            best: tuple[int, int, tuple[str, str]] | None = None
            for left, right in word_splits:
                known_left, known_right = left in vocabulary, right in vocabulary
                if known_left and known_right:
                    score = 2
                elif (known_left and len(right) >= 4) or (
                    known_right and len(left) >= 4
                ):
                    score = 1
                else:
                    continue
                rank = (score, min(len(left), len(right)), (left, right))
                if best is None or rank > best:
                    best = rank
            if best is not None:
                parts.extend(best[2])
        return parts

    def vocabulary(self, vocabulary: Container[str]) -> set[str]:
        """What the document adds to the vocabulary: its terms and its parts
        (so that a word found only inside compounds is still a known word)."""
        return self.terms() | set(self.parts(vocabulary))


def indexed(doc: SearchDocument, parts: Iterable[str]) -> IndexedDocument:
    """What an engine indexes for a document row and its compound parts."""
    return IndexedDocument(
        key=doc.key,
        kind=doc.kind,
        title=doc.title,
        teaser=doc.teaser,
        body=doc.body,
        names=doc.names,
        owner_name=doc.owner_name,
        context=doc.context,
        parts=" ".join(parts),
        themes=list(doc.themes),
        status=doc.status,
        year=doc.year,
        owner=doc.owner,
        programme=doc.programme,
        published=int(doc.published_at.timestamp() * 1000) if doc.published_at else 0,
    )


def indexed_documents_from_table() -> Iterator[IndexedDocument]:
    """Every document as the engines index it, from the document table and
    the vocabulary (an engine's rebuild, a restored backup)."""
    for row in SearchDocument.objects.order_by("pk").iterator(chunk_size=2000):
        yield indexed(row, row.parts.split())
