"""Small text helpers shared by the domain apps."""

from __future__ import annotations

from django.utils.text import slugify

_DANISH = str.maketrans(
    {"æ": "ae", "ø": "oe", "å": "aa", "Æ": "Ae", "Ø": "Oe", "Å": "Aa"}
)


def danish_slugify(text: str, max_length: int = 80) -> str:
    """A URL slug that keeps Danish letters readable: "Værdi" → "vaerdi"."""
    slug = slugify(text.translate(_DANISH))[:max_length].strip("-")
    return slug or "side"
