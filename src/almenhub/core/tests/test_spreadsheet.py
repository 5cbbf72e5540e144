"""The exports' one CSV dialect, read back with Python's csv module."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

from almenhub.core.spreadsheet import BOM, csv_cell, csv_text


def test_a_file_reads_back_as_danish_excel_writes_it():
    text = csv_text(
        ["Navn", "Værdi", "Tekst"],
        [
            ["Æbleø", Decimal("12.50"), 'Med "citat"; og semikolon'],
            ["Åen", 3, "To\nlinjer"],
        ],
    )
    assert text.startswith(BOM)
    assert text.encode("utf-8").startswith(b"\xef\xbb\xbf")
    body = text.removeprefix(BOM)
    assert csv.Sniffer().sniff(body.splitlines()[0]).delimiter == ";"
    assert "\r\n" in body
    rows = list(csv.reader(io.StringIO(body), delimiter=";"))
    assert rows == [
        ["Navn", "Værdi", "Tekst"],
        ["Æbleø", "12,5", 'Med "citat"; og semikolon'],
        ["Åen", "3", "To\nlinjer"],
    ]


def test_cells():
    assert csv_cell(None) == ""
    assert csv_cell(0.25) == "0,25"
    assert csv_cell(Decimal("1200")) == "1200"
    assert csv_cell(["Natur", "Affald"]) == "Natur; Affald"
    # Text that a spreadsheet would run is neutralised; numbers are not.
    assert csv_cell('=HYPERLINK("x")') == '\'=HYPERLINK("x")'
    assert csv_cell("@SUM(A1)") == "'@SUM(A1)"
    assert csv_cell("-3,5") == "-3,5"
    assert csv_cell("-1.234,5") == "-1.234,5"
    assert csv_cell("-x") == "'-x"
