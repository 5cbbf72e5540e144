"""The key two spellings of one organisation's name share."""

from __future__ import annotations

import re
import unicodedata

from almenhub.core.text import normalise_name

_SPACE = re.compile(r"\s+")
# Danish company forms, as words after punctuation became spaces ("A/S" is
# "a s"): "Engparken A/S" and "Engparken" are one organisation.
_LEGAL_SUFFIX = re.compile(
    r"(?: (?:a s|aps|i s|k s|p s|ivs|a m b a|amba|f m b a|fmba|s m b a|smba))+$"
)


def organisation_key(name: str) -> str:
    """Key for matching organisations: normalise_name, and punctuation and a
    trailing company form ("A/S", "ApS", "a.m.b.a.") do not count either."""
    text = "".join(
        " " if unicodedata.category(ch)[0] in "PS" else ch
        for ch in normalise_name(name)
    )
    text = _SPACE.sub(" ", text).strip()
    return _LEGAL_SUFFIX.sub("", text).strip() or text
