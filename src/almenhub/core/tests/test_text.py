"""Danish addresses typed on one line, split as schema.org's PostalAddress
wants them."""

from __future__ import annotations

import random
import re
import unicodedata

import pytest

from almenhub.core.text import AddressParts, danish_address_parts, normalise_name


@pytest.mark.parametrize(
    ("typed", "parts"),
    [
        (
            "Skovgaardsgade 3, 8000 Aarhus C",
            AddressParts("Skovgaardsgade 3", "8000", "Aarhus C"),
        ),
        (
            "Rådhuspladsen 1  1550 København V",
            AddressParts("Rådhuspladsen 1", "1550", "København V"),
        ),
        ("Vej 2, DK-5000 Odense C", AddressParts("Vej 2", "5000", "Odense C")),
        (
            "Postboks 1234, 2100 København Ø",
            AddressParts("Postboks 1234", "2100", "København Ø"),
        ),
        ("Godsbanen", AddressParts("Godsbanen")),
        ("Bygning 1000, 3. sal", AddressParts("Bygning 1000, 3. sal")),
        ("", AddressParts("")),
    ],
)
def test_danish_address_parts(typed, parts):
    assert danish_address_parts(typed) == parts


def _normalise_name_by_category(name: str) -> str:
    """normalise_name as it was: every character's category asked."""
    text = "".join(
        ch
        for ch in unicodedata.normalize("NFKC", name)
        if unicodedata.category(ch) != "Cf"
    )
    return re.sub(r"\s+", " ", text).strip().casefold()


def test_normalise_name_drops_format_characters_of_every_script_as_before():
    # The fast path (nothing beyond U+05FF) and the slow one give the keys
    # that asking every character's category gives.
    names = [
        "Lyngbakken Bolig",
        "  Søren  Østergård ",
        "Bo\u00adligselskabet",  # soft hyphen
        "AAB\u200b",  # zero-width space (beyond U+0600: the slow path)
        "Dansk\u00a0Almen\u2009Net",  # no-break and thin spaces
        "ﬁrma Ǆ",  # compatibility forms
        "\u061cمرحبا Ärø",  # Arabic letter mark
        "Bolig\ufeff",  # byte order mark
        "ΣΊΣΥΦΟΣ",
    ]
    rng = random.Random(15)
    alphabet = [chr(c) for c in range(0x20, 0x2100)] + [
        "\u00ad",
        "\u200d",
        "\U0001f3e0",
    ]
    names += ["".join(rng.choices(alphabet, k=12)) for _ in range(2000)]
    for name in names:
        assert normalise_name(name) == _normalise_name_by_category(name), repr(name)
    assert normalise_name("Bo\u00adlig\u200bselskabet  Øst") == "boligselskabet øst"
