"""Danish text analysis shared by both search engines.

Both engines see the same folded text (æ→ae, ø→oe, å→aa, accents removed), so
that a query typed on a foreign keyboard ("vaerdi") matches "værdi". Stemming
uses the Danish Snowball stemmer twice: one pass is not idempotent in Danish
("biodiversiteten" → "biodiversitet" → "biodiversit"), and a second pass makes
inflected forms and their base meet.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, field

import tantivy

MAX_QUERY_LENGTH = 200
MAX_TERMS = 12
MIN_FUZZY_LENGTH = 5
MIN_COMPOUND_PART = 3

_FOLD = str.maketrans(
    {"æ": "ae", "ø": "oe", "å": "aa", "ä": "ae", "ö": "oe", "ü": "ue"}
)
_WORD = re.compile(r"[0-9a-z]+")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_PHRASE = re.compile(r'"([^"]*)"')
ALPHABET = "abcdefghijklmnopqrstuvwxyz"


MAX_DECOMPOSED = 10_000


class _Decomposed(dict[int, str]):
    """What a character comes to without its accents (its compatibility
    decomposition less the combining marks), by code point, worked out the
    first time the character is seen."""

    def __missing__(self, code: int) -> str:
        decomposed = unicodedata.normalize("NFKD", chr(code))
        folded = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
        # Bounded: queries are folded too, and could bring every code point.
        if len(self) < MAX_DECOMPOSED:
            self[code] = folded
        return folded


_DECOMPOSED = _Decomposed()
_SPELT = [(chr(code), spelt) for code, spelt in _FOLD.items()]
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
# Distinct accented characters above which one pass over the text beats a
# pass per character.
_FEW_ACCENTED = 16


def fold(text: str) -> str:
    """Lower-case, Danish letters spelt out, other accents removed.

    The same as decomposing the text whole (NFKD) and dropping its combining
    marks, character by character: each character decomposes on its own, and
    the reordering NFKD adds moves only combining marks, which go. So the
    few characters that change are replaced, each in one pass over the text
    in C, rather than the text decomposed and rebuilt a character at a time
    in Python (an import folds every page's text, a dash or quotation mark
    in it being enough to leave ASCII). Danish letters first: "ǽ" decomposes
    to "æ", which stays.
    """
    text = text.lower()
    if text.isascii():
        return text
    for letter, spelt in _SPELT:
        text = text.replace(letter, spelt)
    if text.isascii():
        return text
    changed = [c for c in set(_NON_ASCII.findall(text)) if _DECOMPOSED[ord(c)] != c]
    if len(changed) > _FEW_ACCENTED:
        return text.translate(_DECOMPOSED)
    for char in changed:
        text = text.replace(char, _DECOMPOSED[ord(char)])
    return text


def words(text: str) -> list[str]:
    return _WORD.findall(fold(text))


@functools.cache
def analyzer() -> tantivy.TextAnalyzer:
    stemmer = tantivy.Filter.stemmer("danish")
    return (
        tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
        .filter(tantivy.Filter.lowercase())
        .filter(tantivy.Filter.remove_long(40))
        .filter(stemmer)
        .filter(tantivy.Filter.stemmer("danish"))
        .build()
    )


@functools.lru_cache(maxsize=50_000)
def stem(word: str) -> str:
    """The index term for one folded word ("" for a word that has none)."""
    tokens = analyzer().analyze(word)
    return tokens[0] if tokens else ""


@functools.lru_cache(maxsize=50_000)
def stem_once(word: str) -> str:
    """One Snowball pass: PostgreSQL's `danish` configuration adds the second."""
    tokens = _single_stemmer().analyze(word)
    return tokens[0] if tokens else ""


@functools.cache
def _single_stemmer() -> tantivy.TextAnalyzer:
    return (
        tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
        .filter(tantivy.Filter.lowercase())
        .filter(tantivy.Filter.stemmer("danish"))
        .build()
    )


def edits1(word: str) -> set[str]:
    """Every string one edit (delete, swap, replace, insert) away from `word`."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = {a + b[1:] for a, b in splits if b}
    swaps = {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    replaces = {a + c + b[1:] for a, b in splits if b for c in ALPHABET}
    inserts = {a + c + b for a, b in splits for c in ALPHABET}
    return (deletes | swaps | replaces | inserts) - {word}


@dataclass
class ParsedQuery:
    """A user's query, cleaned: free words and quoted phrases, folded."""

    raw: str
    terms: list[str] = field(default_factory=list)
    phrases: list[list[str]] = field(default_factory=list)
    truncated: bool = False

    @property
    def is_empty(self) -> bool:
        return not self.terms and not self.phrases

    @property
    def all_words(self) -> list[str]:
        return self.terms + [w for phrase in self.phrases for w in phrase]


def parse_query(raw: str | None) -> ParsedQuery:
    """Turn anything a user can type into words and phrases, never an error.

    Query syntax (AND, OR, NOT, -, *, :, parentheses) is treated as text: the
    hub offers facets instead of a query language, and stray syntax characters
    must not turn a search into an error page.
    """
    raw = raw or ""
    truncated = len(raw) > MAX_QUERY_LENGTH
    text = _CONTROL.sub(" ", raw[:MAX_QUERY_LENGTH])
    phrases: list[list[str]] = []
    for match in _PHRASE.finditer(text):
        phrase_words = words(match.group(1))
        if len(phrase_words) > 1:
            phrases.append(phrase_words)
        elif phrase_words:
            text += " " + phrase_words[0]
    text = _PHRASE.sub(" ", text)
    terms: list[str] = []
    for word in words(text):
        if word not in terms and len(terms) < MAX_TERMS:
            terms.append(word)
    return ParsedQuery(raw=raw, terms=terms, phrases=phrases[:3], truncated=truncated)
