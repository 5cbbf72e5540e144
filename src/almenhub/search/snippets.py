"""Snippets that show why a hit matched: the best window of its text with
the matching words marked. Engine-independent, and escaped."""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache
from html import escape
from itertools import compress, count

from django.utils.safestring import SafeString, mark_safe

from almenhub.search.analysis import fold, stem

_TOKEN = re.compile(r"\w+|\W+")
WINDOW = 28  # words
BEFORE = 4  # words shown before the first match of the window


@lru_cache(maxsize=50_000)
def _index_term(word: str) -> str:
    """A word as the index holds it. Pages repeat their words, so this is
    cached: it is most of the cost of the snippets on a page of hits."""
    return stem(fold(word))


def highlight(text: str, stems: set[str], *, max_words: int = WINDOW) -> SafeString:
    """The window of `max_words` words that holds the most matches (from a
    few words before one of them), the matches marked, the rest escaped.

    This runs twice for every hit shown and was a third of a search's time,
    so no Python code runs per word: the text is split into alternating
    word and non-word tokens by the regex engine, the words are looked up
    with map() over the cached `_index_term`, and the window is escaped in
    slices between the marks."""
    if not text:
        return mark_safe("")
    tokens = _TOKEN.findall(text)
    # The tokens alternate: the words are every other one from the first
    # or the second.
    offset = 0 if tokens[0][0].isalnum() or tokens[0][0] == "_" else 1
    words = tokens[offset::2]
    if not words:
        return mark_safe(escape(text))
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
    out = ["… "] if first_word > 0 else []
    position = 2 * first_word + offset  # token numbers
    for number in hit_words:
        if first_word <= number < end_word:
            token = 2 * number + offset
            out.append(escape("".join(tokens[position:token])))
            out.append(f"<mark>{escape(tokens[token])}</mark>")
            position = token + 1
    out.append(escape("".join(tokens[position : 2 * (end_word - 1) + offset + 1])))
    if end_word < len(words):
        out.append(" …")
    return mark_safe("".join(out))  # noqa: S308  (every piece is escaped above)
