"""A file's bytes → its text, refusing what is not a UTF-8 text page."""

from __future__ import annotations

from pathlib import PurePath

from .tokens import ParseError

TEXT_SUFFIXES = frozenset({".txt"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES


def decode_page(data: bytes) -> str:
    """The page's text; refuses empty, binary and non-UTF-8 files with a
    message an editor can act on."""
    if not data.strip():
        raise ParseError("Filen er tom.", 1)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ParseError("Filen er gemt som UTF-16. Gem den som UTF-8 og prøv igen.")
    control = data.find(b"\x00")
    if control >= 0 or _looks_binary(data[:4096]):
        raise ParseError(
            "Filen er binær (fx et billede, en PDF eller et Word-dokument), "
            "ikke en tekst- eller HTML-fil."
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        hint = ""
        try:
            data.decode("cp1252")
            hint = " Den er formentlig gemt som latin-1/Windows-1252."
        except UnicodeDecodeError:
            pass
        raise ParseError(
            f"Filen er ikke gyldig UTF-8 (byte {error.start + 1}).{hint} "
            "Gem den som UTF-8 og prøv igen.",
            line,
        ) from None
    if not text.strip():
        raise ParseError("Filen er tom.", 1)
    return text


_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13))


def _looks_binary(sample: bytes) -> bool:
    if not sample:
        return False
    stripped = sample.translate(None, _CONTROL_BYTES)
    return len(sample) - len(stripped) > max(2, len(sample) // 100)


def is_html(name: str, text: str) -> bool:
    suffix = PurePath(name).suffix.lower()
    if suffix in HTML_SUFFIXES:
        return True
    head = text.lstrip()[:100].lower()
    return head.startswith(("<!doctype html", "<html"))


def decode_named(data: bytes, *, name: str) -> tuple[str, bool]:
    """A file's text and whether it is HTML, refusing a file type the
    importer does not read."""
    suffix = PurePath(name).suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise ParseError(
            f"Filtypen “{suffix or 'uden endelse'}” understøttes ikke: "
            "brug .txt, .html eller .htm."
        )
    text = decode_page(data)
    return text, is_html(name, text)
