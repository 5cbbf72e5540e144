"""The parts of a project page below its metadata: running text, the
deliverables of "Projektet indeholder", fact boxes and quotes. Each reader
takes the tokens of its section (the assembler finds where sections start
and end) and returns records."""

from __future__ import annotations

from almenhub.core.text import normalise_name
from almenhub.projects.records import (
    BodyPart,
    DeliverableRecord,
    FactRecord,
    QuoteRecord,
)

from .fields import (
    fact_heading_like,
    heading_like,
    join_lines,
    split_blocks,
    title_like,
)
from .tokens import (
    BLANK,
    BULLET,
    DEFAULT_FACT_HEADING,
    HEADING,
    LINE,
    MAX_NAME,
    MAX_TITLE,
    QUOTE_STRIP,
    TEXT_KINDS,
    ParseError,
    Token,
)
from .vocabulary import Vocabulary

_OPENING_QUOTES = '“„"«»'
_CLOSING_QUOTES = '”“"»«'
# A quote's sender is a short line, not a sentence.
MAX_SENDER = 150

_DELIVERABLE_KINDS = {
    "værktøj": "tool",
    "værktøjer": "tool",
    "film": "film",
    "video": "film",
}


def inline_quote_like(token: Token) -> bool:
    """“…” on a line of its own: the older pages' quotes."""
    text = token.text
    return (
        token.kind in TEXT_KINDS
        and len(text) >= 12
        and text[0] in _OPENING_QUOTES
        and text[-1] in _CLOSING_QUOTES
    )


def prose(text: str) -> bool:
    """A sentence of the body, not the value of a field."""
    return len(text) > 150 or (text.endswith(".") and len(text.split()) > 8)


def sender_like(text: str) -> bool:
    """A line that may name who said the quote above it."""
    return len(text) <= MAX_SENDER and not text.endswith(".")


def _sender(text: str) -> tuple[str, str]:
    """ "– Name, role" → (name, role)."""
    author, _, role = text.lstrip("–—-−~ ").strip().partition(",")
    return author.strip(), role.strip()


def inline_quote(token: Token, sender: Token | None) -> QuoteRecord:
    """An inline “…” quote and the line naming its sender, if any; a name
    too long for the field is cut (the older pages' lines run on)."""
    quote = QuoteRecord(text=token.text.strip(QUOTE_STRIP).strip())
    if sender is not None:
        author, role = _sender(sender.text)
        quote.author, quote.role = author[:MAX_NAME], role[:MAX_NAME]
    return quote


def marked_quote(
    content: list[Token], attribution: Token | None, *, mark: Token
) -> QuoteRecord:
    """The text after a quote mark, and its attribution: the ATTRIBUTION
    token when the page has one, else a short last line."""
    blocks = split_blocks(content)
    if attribution is None and len(blocks) >= 2:
        last = blocks[-1]
        if len(last) == 1 and sender_like(last[0].text):
            attribution = last[0]
            blocks = blocks[:-1]
    text = "\n\n".join(" ".join(t.text for t in block) for block in blocks)
    text = text.strip().strip(QUOTE_STRIP).strip()
    if not text:
        raise ParseError("Citatet mangler sin tekst.", mark.line)
    quote = QuoteRecord(text=text)
    if attribution is not None:
        quote.author, quote.role = _sender(attribution.text)
        if len(quote.author) > MAX_NAME or len(quote.role) > MAX_NAME:
            raise ParseError(
                "Citatets afsender eller rolle er for lang.", attribution.line
            )
    return quote


def read_deliverable(token: Token, vocabulary: Vocabulary) -> DeliverableRecord:
    title = token.text
    series = ""
    prefix, colon, rest = title.partition(":")
    if colon and rest.strip():
        known = vocabulary.find_series(prefix)
        if known:
            series, title = known, rest.strip()
    if len(title) > MAX_TITLE:
        raise ParseError("Leverancens titel er for lang.", token.line)
    # The kind shows in a prefix ("Værktøj: …") or the first word ("Film om …").
    word = normalise_name((series or prefix) if colon else title.split(" ", 1)[0])
    kind = _DELIVERABLE_KINDS.get(word, "report")
    return DeliverableRecord(title=title, kind=kind, series=series)


def read_deliverables(
    content: list[Token], *, vocabulary: Vocabulary, tools: bool, older: bool
) -> tuple[list[DeliverableRecord], list[Token]]:
    """The items of "Projektet indeholder" (or "Værktøjer"), each with its
    description. On the older pages the items are a bullet list inside the
    body, whose following text is the body's again: that text is returned
    beside the items."""
    found: list[DeliverableRecord] = []
    current: DeliverableRecord | None = None
    descriptions: list[str] = []

    def start(token: Token) -> None:
        nonlocal current, descriptions
        finish()
        current = read_deliverable(token, vocabulary)
        if tools:
            current.kind = "tool"
        descriptions = []

    def finish() -> None:
        if current is not None:
            current.description = "\n\n".join(descriptions)
            found.append(current)

    blocks = split_blocks(content)
    listed = False
    for index, block in enumerate(blocks):
        first = block[0]
        if first.kind == BULLET:
            for token in block:
                start(token)
            listed = True
            continue
        if older and listed and not descriptions:
            # The list is over: the rest is the body's.
            finish()
            rest = [t for b in blocks[index:] for t in (*b, Token(BLANK, "", 0))]
            return found, rest
        if (
            first.kind == HEADING
            or current is None
            or (first.kind == LINE and descriptions and title_like(first.text))
        ):
            start(first)
            block = block[1:]
        if block:
            descriptions.append(" ".join(t.text for t in block))
    finish()
    return found, []


def read_facts(content: list[Token]) -> list[FactRecord]:
    """A fact box's paragraphs, grouped under their headings."""
    facts: list[FactRecord] = []
    heading = ""
    texts: list[str] = []

    def finish() -> None:
        nonlocal heading, texts
        if texts:
            text = "\n\n".join(texts)
            facts.append(FactRecord(text=text, heading=heading or DEFAULT_FACT_HEADING))
        elif heading:
            facts.append(FactRecord(text=heading))
        heading, texts = "", []

    blocks = split_blocks(content)
    for index, block in enumerate(blocks):
        first = block[0]
        more_follows = len(block) > 1 or index + 1 < len(blocks)
        if first.kind == HEADING or (
            first.kind == LINE
            and not heading
            and not texts
            and more_follows
            and fact_heading_like(first.text)
        ):
            finish()
            heading = first.text
            block = block[1:]
        if block:
            texts.append(" ".join(t.text for t in block))
    finish()
    return facts


def body_parts(tokens: list[Token]) -> list[BodyPart]:
    """Running text → headings, paragraphs and lists."""
    parts: list[BodyPart] = []
    for block in split_blocks(tokens):
        run: list[str] = []
        for token in block:
            if token.kind == LINE:
                run.append(token.text)
                continue
            _add_lines(parts, run)
            run = []
            if token.kind == HEADING:
                parts.append(BodyPart("heading", token.text))
            elif token.kind == BULLET:
                # Items of one list may be spread over blank lines.
                if parts and parts[-1].kind == "list":
                    parts[-1].items.append(token.text)
                else:
                    parts.append(BodyPart("list", items=[token.text]))
            else:
                parts.append(BodyPart("paragraph", token.text))
        _add_lines(parts, run)
    return parts


def _add_lines(parts: list[BodyPart], lines: list[str]) -> None:
    if len(lines) >= 2 and heading_like(lines[0], lines[1]):
        parts.append(BodyPart("heading", lines[0]))
        lines = lines[1:]
    parts.extend(BodyPart("paragraph", p) for p in join_lines(lines))
