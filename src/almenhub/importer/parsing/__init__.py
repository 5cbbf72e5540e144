"""Turn one page of the old site, as plain text or HTML, into a ProjectRecord.

Both formats are first reduced to the same stream of tokens (a line of text,
a paragraph, a heading, a list item, a quote mark …) and one assembler reads
that stream into a record. The text format has to guess some structure (a
sub-heading is a short line glued to the paragraph below it); HTML states it
(`<h3>`), so the HTML walker emits explicit tokens and the assembler trusts
them. That shared assembler is why equivalent pages give equal records.

Everything here is free of database access: the known themes and publication
series come in as a `Vocabulary`, so parsing can be tested and benchmarked on
its own.
"""

from __future__ import annotations

from almenhub.projects.records import ProjectRecord

from .assembler import assemble
from .decoding import SUPPORTED_SUFFIXES, decode_named, decode_page
from .html import parse_html
from .tokens import ParseError, tokenise_text
from .vocabulary import Vocabulary

__all__ = [
    "SUPPORTED_SUFFIXES",
    "ParseError",
    "Vocabulary",
    "decode_page",
    "parse_bytes",
    "parse_html",
    "parse_text",
]


def parse_text(text: str, *, vocabulary: Vocabulary) -> ProjectRecord:
    """A page of the old site scraped to plain text → its record."""
    tokens = tokenise_text(text.removeprefix("\ufeff"))
    if not tokens:
        raise ParseError("Filen er tom.", 1)
    return assemble(tokens, vocabulary=vocabulary)


def parse_bytes(data: bytes, *, name: str, vocabulary: Vocabulary) -> ProjectRecord:
    """A file's bytes → its record, choosing the format from the file name."""
    text, html = decode_named(data, name=name)
    if html:
        return parse_html(text, vocabulary=vocabulary)
    return parse_text(text, vocabulary=vocabulary)
