"""Danish addresses typed on one line, split as schema.org's PostalAddress
wants them."""

from __future__ import annotations

import pytest

from almenhub.core.text import AddressParts, danish_address_parts


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
