"""The old site's pages of running text: news articles, theme pages, tool
and about pages. Both formats give the same token stream (the HTML walker
marks what the text format leaves to be guessed), read here into a title and
the parts of a body: sub-headings, paragraphs, lists and quotes.

A theme page is such a page whose known section headings ("Projekter",
"Vejledning", "Viden", "Værktøjer") each list pages by title.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field

from .decoding import decode_named
from .fields import heading_like, split_blocks, title_like
from .html import html_tokens
from .tokens import (
    ATTRIBUTION,
    BULLET,
    HEADING,
    QUOTE,
    QUOTE_STRIP,
    TITLE,
    ParseError,
    Token,
    label_key,
    tokenise_text,
)

_OPENING = '“„"«»'
_CLOSING = '”“"»«'
# A lead longer than this is the body's first paragraph, not a lead.
MAX_TEASER = 400


@dataclass(frozen=True)
class ArticlePart:
    kind: str  # "heading", "paragraph", "list" or "quote"
    text: str = ""
    items: tuple[str, ...] = ()
    attribution: str = ""


def checksum_of(record: object) -> str:
    """A record's fingerprint: an unchanged page is not written again."""
    payload = json.dumps(asdict(record), sort_keys=True, default=str)  # type: ignore[call-overload]
    return hashlib.sha256(payload.encode()).hexdigest()


def page_blocks(data: bytes, *, name: str, what: str) -> tuple[str, list[list[Token]]]:
    """A file's title and its blocks after the title. `what` names the kind
    of page in the message for a page without a title line."""
    text, html = decode_named(data, name=name)
    if html:
        tokens = html_tokens(text)
        # The walker puts a theme list above the title: not this page's text.
        tokens = tokens[next(i for i, t in enumerate(tokens) if t.kind == TITLE) :]
    else:
        tokens = tokenise_text(text.removeprefix("\ufeff"))
    blocks = split_blocks(tokens)
    if not blocks:
        raise ParseError("Filen er tom.", 1)
    first = blocks[0][0]
    if first.kind != TITLE and not (first.kind != BULLET and title_like(first.text)):
        raise ParseError(
            f"{what} har ingen titellinje: den første linje er et afsnit "
            f"({len(first.text)} tegn), ikke en titel.",
            first.line,
        )
    rest = [blocks[0][1:], *blocks[1:]]
    return first.text, [b for b in rest if b]


def block_text(block: list[Token]) -> str:
    return " ".join(t.text for t in block if t.text)


def _is_quote(text: str) -> bool:
    return len(text) > 12 and text[0] in _OPENING and text[-1] in _CLOSING


def article_body(blocks: list[list[Token]]) -> list[ArticlePart]:
    """Blocks → body parts. A short line glued to the paragraph below it, or
    alone above a paragraph, is a sub-heading; a paragraph in “…” is a quote,
    with its sender on the next short line that does not end a sentence."""
    parts: list[ArticlePart] = []
    index = 0
    while index < len(blocks):
        block = blocks[index]
        index += 1
        following = blocks[index] if index < len(blocks) else []
        kinds = {t.kind for t in block}
        if kinds == {BULLET}:
            parts.append(ArticlePart("list", items=tuple(t.text for t in block)))
            continue
        if kinds == {HEADING}:
            parts.append(ArticlePart("heading", block_text(block)))
            continue
        if block[0].kind == QUOTE or _is_quote(block_text(block)):
            quoted = [t for t in block if t.kind not in (QUOTE, ATTRIBUTION)]
            if not quoted and following and following[0].kind != QUOTE:
                quoted, index = following, index + 1
                following = blocks[index] if index < len(blocks) else []
            attribution = next((t.text for t in block if t.kind == ATTRIBUTION), "")
            if not attribution and len(following) == 1:
                line = following[0].text
                if len(line) <= 150 and not line.endswith("."):
                    attribution = line.lstrip("–—- ").strip()
                    index += 1
            text = block_text(quoted).strip(QUOTE_STRIP).strip()
            parts.append(ArticlePart("quote", text, attribution=attribution))
            continue
        lines = [t.text for t in block]
        if len(lines) >= 2 and heading_like(lines[0], lines[1]):
            parts.append(ArticlePart("heading", lines[0]))
            lines = lines[1:]
        elif len(lines) == 1 and following and heading_like(lines[0], "X"):
            parts.append(ArticlePart("heading", lines[0]))
            continue
        parts.append(ArticlePart("paragraph", " ".join(lines)))
    return parts


def lead_split(
    parts: list[ArticlePart], *, alone: bool = False
) -> tuple[str, list[ArticlePart]]:
    """The first paragraph as the page's lead when it is short enough to be
    one and more follows (or, `alone`, even when nothing does); else none."""
    if len(parts) >= (1 if alone else 2) and parts[0].kind == "paragraph":
        if len(parts[0].text) <= MAX_TEASER:
            return parts[0].text, parts[1:]
    return "", parts


# -- content and tool pages ---------------------------------------------------


@dataclass
class ContentRecord:
    title: str
    teaser: str = ""
    body: list[ArticlePart] = field(default_factory=list)


def content_parse(data: bytes, *, name: str) -> ContentRecord:
    title, blocks = page_blocks(data, name=name, what="Siden")
    teaser, body = lead_split(article_body(blocks))
    return ContentRecord(title=title, teaser=teaser, body=body)


# -- theme pages --------------------------------------------------------------

# The old site's section headings and what each lists (themepages'
# SectionKind values).
SECTION_KINDS = {
    "projekter": "projects",
    "udvalgte projekter": "projects",
    "vejledning": "publications",
    "vejledninger": "publications",
    "viden": "publications",
    "publikationer": "publications",
    "værktøjer": "tools",
    "eksempler": "examples",
    "gode eksempler": "examples",
}
_MORE = ("se alle", "læs mere", "vis alle")


@dataclass
class ThemeSection:
    heading: str
    kind: str
    titles: list[str] = field(default_factory=list)
    intro: list[ArticlePart] = field(default_factory=list)


@dataclass
class ThemePageRecord:
    title: str
    teaser: str = ""
    intro: list[ArticlePart] = field(default_factory=list)
    sections: list[ThemeSection] = field(default_factory=list)


def _section_kind(token: Token) -> str | None:
    if token.kind == BULLET or len(token.text) > 40:
        return None
    return SECTION_KINDS.get(label_key(token.text))


def _is_title_list(block: list[Token]) -> bool:
    return all(t.kind == BULLET or title_like(t.text) for t in block) and not any(
        t.kind in (QUOTE, HEADING) for t in block
    )


def theme_parse(data: bytes, *, name: str) -> ThemePageRecord:
    """A theme page: its title, lead and introduction, then its sections,
    each the titles it lists (bulleted or one a line) and any text of its
    own; "Se alle …" lines are the old site's navigation and are dropped."""
    title, blocks = page_blocks(data, name=name, what="Temasiden")
    record = ThemePageRecord(title=title)
    intro: list[list[Token]] = []
    section: ThemeSection | None = None
    text: list[list[Token]] = []

    def close() -> None:
        if section is not None:
            section.intro = article_body(text)
            text.clear()

    for block in blocks:
        kind = _section_kind(block[0])
        if kind is not None:
            close()
            section = ThemeSection(heading=block[0].text.rstrip(":"), kind=kind)
            record.sections.append(section)
            block = block[1:]
            if not block:
                continue
        if section is None:
            intro.append(block)
        elif _is_title_list(block):
            section.titles += [
                t.text for t in block if not t.text.casefold().startswith(_MORE)
            ]
        else:
            text.append(block)
    close()
    # The sections follow the introduction: a lone paragraph is its lead.
    record.teaser, record.intro = lead_split(article_body(intro), alone=True)
    return record
