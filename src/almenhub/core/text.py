"""Small text helpers shared by the domain apps."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from django.utils.text import slugify

_SPACE = re.compile(r"\s+")

_DANISH = str.maketrans(
    {"æ": "ae", "ø": "oe", "å": "aa", "Æ": "Ae", "Ø": "Oe", "Å": "Aa"}
)


def danish_slugify(text: str, max_length: int = 80) -> str:
    """A URL slug that keeps Danish letters readable: "Værdi" → "vaerdi"."""
    slug = slugify(text.translate(_DANISH))[:max_length].strip("-")
    return slug or "side"


# "Skovgaardsgade 3, 8000 Aarhus C": a Danish address ends in a four-digit
# postal code and the post town, after the street (and a comma, mostly).
_DANISH_ADDRESS = re.compile(
    r"^(?P<street>.*?)[,\s]*\b(?:DK-)?(?P<postal_code>\d{4})\s+(?P<town>\D.*)$"
)


@dataclass(frozen=True)
class AddressParts:
    street: str
    postal_code: str = ""
    town: str = ""


def danish_address_parts(address: str) -> AddressParts:
    """An address typed on one line, split into street, postal code and post
    town; one without a postal code is all street."""
    text = " ".join(address.split())
    match = _DANISH_ADDRESS.match(text)
    if match is None:
        return AddressParts(street=text)
    return AddressParts(
        street=match["street"].strip(" ,"),
        postal_code=match["postal_code"],
        town=match["town"].strip(" ,"),
    )


# The format characters (category Cf) below U+0600, read from unicodedata
# once (the soft hyphen, so far): a text with no character beyond them, as
# Danish names are, drops them with one translate instead of asking the
# category of every character (an import matches thousands of names).
_FORMAT_BELOW = {
    code: None for code in range(0x600) if unicodedata.category(chr(code)) == "Cf"
}
_BEYOND_U0600 = re.compile(r"[^\u0000-\u05ff]")


def normalise_name(name: str) -> str:
    """Key for matching names: case, runs of white space, compatibility forms
    (NFKC: a no-break space is a space) and invisible format characters (a
    zero-width space, a soft hyphen) do not count."""
    text = unicodedata.normalize("NFKC", name)
    if _BEYOND_U0600.search(text) is None:
        text = text.translate(_FORMAT_BELOW)
    else:
        text = "".join(ch for ch in text if unicodedata.category(ch) != "Cf")
    return _SPACE.sub(" ", text).strip().casefold()
