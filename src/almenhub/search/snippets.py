"""Snippets that show why a hit matched: the best window of its text with
the matching words marked. Engine-independent, and escaped."""

from __future__ import annotations

import re
from functools import lru_cache
from html import escape

from django.utils.safestring import SafeString, mark_safe

from almenhub.search.analysis import fold, stem

_TOKEN = re.compile(r"\w+|\W+")
WINDOW = 28  # words


@lru_cache(maxsize=50_000)
def _index_term(word: str) -> str:
    """A word as the index holds it. Pages repeat their words, so this is
    cached: it is most of the cost of the snippets on a page of hits."""
    return stem(fold(word))


def highlight(text: str, stems: set[str], *, max_words: int = WINDOW) -> SafeString:
    if not text:
        return mark_safe("")
    tokens = _TOKEN.findall(text)
    word_positions = [i for i, t in enumerate(tokens) if t[0].isalnum() or t[0] == "_"]
    hits = [i for i in word_positions if stems and _index_term(tokens[i]) in stems]
    if hits and len(word_positions) > max_words:
        # The window (in words) that holds the most hits.
        best_start, best_count = 0, -1
        index_of = {pos: n for n, pos in enumerate(word_positions)}
        hit_words = [index_of[h] for h in hits]
        for first in hit_words:
            start = max(0, first - 4)
            count = sum(1 for h in hit_words if start <= h < start + max_words)
            if count > best_count:
                best_start, best_count = start, count
    else:
        best_start = 0
    start_token = word_positions[best_start] if word_positions else 0
    end_word = min(len(word_positions), best_start + max_words)
    end_token = word_positions[end_word - 1] + 1 if word_positions else len(tokens)
    hit_set = set(hits)
    out = []
    if best_start > 0:
        out.append("… ")
    for i in range(start_token, end_token):
        piece = escape(tokens[i])
        out.append(f"<mark>{piece}</mark>" if i in hit_set else piece)
    if end_word < len(word_positions):
        out.append(" …")
    return mark_safe("".join(out))  # noqa: S308  (every piece is escaped above)
