"""Danish text analysis: folding and compound splits, against the plain
implementations they replaced for speed."""

from __future__ import annotations

import random
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from almenhub.search import analysis
from almenhub.search.analysis import MIN_COMPOUND_PART, fold, stem
from almenhub.search.planner import MAX_SPLIT_WORDS, compound_splits

_DANISH = str.maketrans(
    {"æ": "ae", "ø": "oe", "å": "aa", "ä": "ae", "ö": "oe", "ü": "ue"}
)


def fold_by_decomposing(text: str) -> str:
    """`fold` as it was: the text lower-cased, spelt out, decomposed whole
    and rebuilt without its combining marks."""
    text = text.lower().translate(_DANISH)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


# Characters where folding a character at a time could go wrong: Danish
# letters and their capitals, letters whose decomposition holds one
# ("ǽ" → "æ"), combining marks in and out of canonical order, a final sigma,
# a dotted capital I, ligatures, full-width and other compatibility forms.
_TRICKY = (
    "æøåÆØÅäöüÄÖÜǽǼǿǾǻǺéÉèñÑçßẞİıΣσςΑΩ"
    "\u0301\u0308\u0327\u0323\u030a\u0345\u05b0\u093c"
    "ﬁﬀ½²ⅣＡｂ㎏ᾳǅǈ–—“”‘’«»…\u00a0\u2009\u200b"
    "가힣ㄱ"
)


@settings(max_examples=3000, deadline=None)
@given(st.text(max_size=60))
def test_fold_equals_decomposing_any_text_whole(text):
    assert fold(text) == fold_by_decomposing(text)


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet=st.sampled_from(_TRICKY + "abc ABC"), max_size=40))
def test_fold_equals_decomposing_text_of_tricky_characters(text):
    assert fold(text) == fold_by_decomposing(text)


def test_fold_equals_decomposing_long_random_texts():
    """Long texts, with many distinct accented characters (one pass over the
    text) and with few (a pass per character)."""
    rng = random.Random(15)
    latin = [chr(c) for c in range(0x20, 0x250)]
    for size, alphabet in [(2000, latin), (2000, list(_TRICKY) + [" ", "a"] * 20)]:
        for _ in range(50):
            text = "".join(rng.choices(alphabet, k=rng.randint(0, size)))
            assert fold(text) == fold_by_decomposing(text)
    anywhere = [chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000]
    for _ in range(200):
        text = "".join(rng.choices(anywhere, k=rng.randint(0, 300)))
        assert fold(text) == fold_by_decomposing(text)


def test_fold_by_examples():
    assert (
        fold("Grønne TAGE på Østerbo – “café”") == "groenne tage paa oesterbo – “cafe”"
    )
    assert fold("ǼBLE") == "æble"  # decomposes to "æ", which stays
    assert fold("ΟΔΟΣ") == "οδος"  # the final sigma, as Python lower-cases it


def splits_computed(word: str) -> list[tuple[str, str]]:
    """`compound_splits` as it was, worked out on every call."""
    splits = []
    for i in range(MIN_COMPOUND_PART, len(word) - MIN_COMPOUND_PART + 1):
        left, right = stem(word[:i]), stem(word[i:])
        if left and right:
            splits.append((left, right))
    return splits


def test_folding_remembers_a_bounded_number_of_characters(monkeypatch):
    """Queries are folded too: a visitor sending every code point must not
    grow the process's table of characters without end; beyond the bound a
    character is worked out anew, and folds alike."""
    kept = len(analysis._DECOMPOSED)
    monkeypatch.setattr(analysis, "MAX_DECOMPOSED", kept + 3)
    unseen = [
        chr(c) for c in range(0x1E00, 0x1F00) if ord(chr(c)) not in analysis._DECOMPOSED
    ][:40]
    assert len(unseen) == 40
    for text in ["".join(unseen), " ".join(unseen[:10])]:  # one pass; a pass each
        assert fold(text) == fold_by_decomposing(text)
        assert fold(text) == fold_by_decomposing(text)  # again, past the bound
    assert len(analysis._DECOMPOSED) == kept + 3


def test_compound_splits_are_kept_and_cannot_be_changed_by_a_caller():
    rng = random.Random(2)
    letters = "abcdefghijklmnopqrstuvwxyzæøå"
    words = ["boligafdeling", "klimatilpasning", "grønne", "ab", ""]
    words += ["".join(rng.choices(letters, k=rng.randint(0, 20))) for _ in range(500)]
    for word in words + words:  # the second time from the cache
        assert list(compound_splits(word)) == splits_computed(word)
    first = compound_splits("beboerdemokrati")
    assert compound_splits("beboerdemokrati") is first  # kept, not worked out again
    assert isinstance(first, tuple) and all(isinstance(p, tuple) for p in first)
    info = compound_splits.cache_info()
    assert info.maxsize == MAX_SPLIT_WORDS and info.hits >= len(words)
