"""The one CSV dialect of every export: the one Danish Excel opens by a
double click, with its columns and the letters æ, ø, å intact.

- `;` between fields (Danish Excel's list separator, since `,` is its
  decimal sign), fields quoted only when they must be, CRLF line ends;
- numbers with a decimal comma (12,5); a number written as the pages show
  it, with thousands points (1.234,5), keeps them: Danish Excel reads both
  as numbers;
- UTF-8 with a byte-order mark first, without which Excel guesses the
  file's encoding from the machine's settings.

Any cell text that a spreadsheet would run as a formula (=, +, -, @, tab,
CR first) gets an apostrophe in front: exported text comes from members.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import Any

BOM = "\ufeff"
CONTENT_TYPE = "text/csv; charset=utf-8"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# A number already written the Danish way (by `danish_number`): "-1.234,5".
_DANISH_NUMBER = re.compile(r"-?\d{1,3}(\.\d{3})*(,\d+)?|-?\d+(,\d+)?")


class DanishExcel(csv.Dialect):
    delimiter = ";"
    quotechar = '"'
    doublequote = True
    skipinitialspace = False
    lineterminator = "\r\n"
    quoting = csv.QUOTE_MINIMAL


def csv_cell(value: Any) -> str:
    """One value as its cell's text."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nej"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float | Decimal):
        text = f"{Decimal(str(value)).normalize():f}"
        return text.replace(".", ",")
    if isinstance(value, list | tuple):
        value = "; ".join(str(v) for v in value)
    text = str(value)
    if text.startswith(FORMULA_STARTS) and not _DANISH_NUMBER.fullmatch(text):
        return "'" + text
    return text


class _Echo:
    """A file-like object whose write returns the line, for csv.writer."""

    def write(self, value: str) -> str:
        return value


def csv_lines(header: Iterable[str], rows: Iterable[Iterable[Any]]) -> Iterator[str]:
    """The file line by line, for a streamed response."""
    writer = csv.writer(_Echo(), dialect=DanishExcel)
    yield BOM + writer.writerow([csv_cell(h) for h in header])
    for row in rows:
        yield writer.writerow([csv_cell(v) for v in row])


def csv_text(header: Iterable[str], rows: Iterable[Iterable[Any]]) -> str:
    out = io.StringIO()
    out.writelines(csv_lines(header, rows))
    return out.getvalue()
