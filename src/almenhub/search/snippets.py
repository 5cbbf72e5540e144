"""Snippets that show why a hit matched: the best window of its text with
the matching words marked. Engine-independent, and escaped."""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache
from html import escape
from itertools import compress, count

from django.utils.safestring import SafeString

from almenhub.search.analysis import fold, stem
from almenhub.search.memo import cleared_with_memos

_TOKEN = re.compile(r"\w+|\W+")
# What html.escape changes (quote=True); no word token holds one.
_TO_ESCAPE = re.compile("[&<>\"']")
WINDOW = 28  # words
BEFORE = 4  # words shown before the first match of the window
# Snippets kept per process, by their text, words and width: a page of hits
# is asked for again (a reload, another visitor, the API after the page), and
# a document that two queries of the same stems find shows the same snippet.
# The text is in the key, so a changed page never gets an old snippet.
MAX_SNIPPETS = 4_096
# Only texts up to this many characters are kept, so the memo holds at most
# MAX_SNIPPETS × MAX_KEPT_TEXT characters (~32 MB) whatever the pages hold
# (a document's extracted text can run to megabytes); a longer one is
# highlighted anew each time.
MAX_KEPT_TEXT = 8_192


@lru_cache(maxsize=50_000)
def _index_term(word: str) -> str:
    """A word as the index holds it. Pages repeat their words, so this is
    cached: it is most of the cost of the snippets on a page of hits."""
    return stem(fold(word))


def highlight(text: str, stems: set[str], *, max_words: int = WINDOW) -> SafeString:
    """The window of `max_words` words that holds the most matches (from a
    few words before one of them), the matches marked, the rest escaped."""
    if len(text) > MAX_KEPT_TEXT:
        return _highlighted.__wrapped__(text, frozenset(stems), max_words)
    return _highlighted(text, frozenset(stems), max_words)


@lru_cache(maxsize=MAX_SNIPPETS)
def _highlighted(text: str, stems: frozenset[str], max_words: int) -> SafeString:
    """`highlight`'s snippet, made. This runs twice for every hit shown and
    was a third of a search's time, so no Python code runs per word: the
    text is split into alternating word and non-word tokens by the regex
    engine, the words are looked up with map() over the cached
    `_index_term`, and only the text between the marks is escaped, and only
    when the text holds a character to escape (a word, \\w+, never does)."""
    if not text:
        return SafeString("")
    tokens = _TOKEN.findall(text)
    # The tokens alternate: the words are every other one from the first
    # or the second.
    offset = 0 if tokens[0][0].isalnum() or tokens[0][0] == "_" else 1
    words = tokens[offset::2]
    if not words:
        return SafeString(escape(text))
    hit_words: list[int] = []
    if stems:
        matched = map(stems.__contains__, map(_index_term, words))
        hit_words = list(compress(count(), matched))
    first_word = 0
    if hit_words and len(words) > max_words:
        best_count = -1
        for number in hit_words:
            start = max(0, number - BEFORE)
            found = bisect_left(hit_words, start + max_words) - bisect_left(
                hit_words, start
            )
            if found > best_count:
                first_word, best_count = start, found
    end_word = min(len(words), first_word + max_words)
    gaps: list[str] = []  # the text before, between and after the marks
    marked: list[str] = []
    position = 2 * first_word + offset  # token numbers
    for number in hit_words:
        if first_word <= number < end_word:
            token = 2 * number + offset
            gaps.append("".join(tokens[position:token]))
            marked.append(tokens[token])
            position = token + 1
    gaps.append("".join(tokens[position : 2 * (end_word - 1) + offset + 1]))
    if _TO_ESCAPE.search(text):
        gaps = list(map(escape, gaps))
    out = ["… "] if first_word > 0 else []
    for gap, word in zip(gaps, marked, strict=False):
        out += (gap, "<mark>", word, "</mark>")
    out.append(gaps[-1])
    if end_word < len(words):
        out.append(" …")
    # SafeString rather than mark_safe(): the same string, without the
    # lazy-argument check mark_safe makes on every call.
    return SafeString("".join(out))


cleared_with_memos(_highlighted.cache_clear)
