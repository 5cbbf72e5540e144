"""One assembler reads the token stream of either format into a record."""

from __future__ import annotations

from collections.abc import Callable
from typing import cast

from almenhub.core.text import normalise_name
from almenhub.projects.records import (
    BodyPart,
    DeliverableRecord,
    FactRecord,
    ProjectRecord,
    QuoteRecord,
)

from .fields import (
    FIELD_NAMES,
    FIELD_READERS,
    fact_heading_like,
    heading_like,
    join_lines,
    split_blocks,
    title_like,
)
from .tokens import (
    ATTRIBUTION,
    BLANK,
    BULLET,
    DEFAULT_FACT_HEADING,
    HEADING,
    LINE,
    MAX_NAME,
    MAX_TITLE,
    QUOTE,
    QUOTE_STRIP,
    TEXT_KINDS,
    ParseError,
    Token,
    label_of,
    section_of,
)
from .vocabulary import Vocabulary


class _Assembler:
    def __init__(self, tokens: list[Token], vocabulary: Vocabulary) -> None:
        self.tokens = tokens
        self.vocabulary = vocabulary
        self.pos = 0
        self.record = ProjectRecord(title="")

    # -- cursor helpers ---------------------------------------------------
    def _peek(self) -> Token | None:
        while self.pos < len(self.tokens) and self.tokens[self.pos].kind == BLANK:
            self.pos += 1
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def _last_line(self) -> int:
        return self.tokens[-1].line if self.tokens else 1

    def _take_until(self, stop: Callable[[Token], bool]) -> list[Token]:
        start = self.pos
        while self.pos < len(self.tokens) and not stop(self.tokens[self.pos]):
            self.pos += 1
        return self.tokens[start : self.pos]

    # -- the page, top to bottom -----------------------------------------
    def run(self) -> ProjectRecord:
        self._themes()
        self._title()
        self._teaser()
        self._metadata()
        self._sections()
        return self.record

    def _themes(self) -> None:
        seen: set[tuple[str, str]] = set()
        while (token := self._peek()) is not None and token.kind == BULLET:
            theme = self.vocabulary.split_theme(token.text, token.line)
            if theme not in seen:
                seen.add(theme)
                self.record.themes.append(theme)
            self.pos += 1

    def _title(self) -> None:
        token = self._peek()
        if token is None:
            raise ParseError("Siden mangler en titel.", self._last_line())
        if token.kind not in TEXT_KINDS or label_of(token) or section_of(token):
            raise ParseError(
                "Siden mangler en titel: efter temaerne ventes projektets titel, "
                f"men her står “{token.text or token.kind}”.",
                token.line,
            )
        if len(token.text) > MAX_TITLE:
            raise ParseError(
                f"Titlen er for lang ({len(token.text)} tegn, højst {MAX_TITLE}).",
                token.line,
            )
        self.record.title = token.text
        self.pos += 1

    def _teaser(self) -> None:
        tokens = self._take_until(self._ends_free_text)
        self.record.teaser = "\n\n".join(
            " ".join(t.text for t in block) for block in split_blocks(tokens)
        )

    @staticmethod
    def _ends_free_text(token: Token) -> bool:
        return token.kind == QUOTE or bool(label_of(token) or section_of(token))

    def _metadata(self) -> None:
        seen: dict[str, tuple[Token, object]] = {}
        while (token := self._peek()) is not None and (found := label_of(token)):
            name, inline = found
            self.pos += 1
            values = self._take_until(self._ends_free_text)
            if inline:
                values = [Token(LINE, inline, token.line), *values]
            values = [v for v in values if v.kind != BLANK]
            value = FIELD_READERS[name](token, values)
            if name not in seen:
                seen[name] = (token, value)
            elif seen[name][1] != value:
                # The old site's scraper repeats the block; a repeat that
                # differs means the page is not what we think it is.
                raise ParseError(
                    f"“{token.text}” står to gange med forskellige værdier "
                    f"(også i linje {seen[name][0].line}).",
                    token.line,
                )
        record = self.record
        for name, (_, read) in seen.items():
            if name == "participants":
                organisations, text = cast(tuple[list[str], str], read)
                record.participants, record.participants_text = organisations, text
            elif read is not None:
                setattr(record, FIELD_NAMES[name], read)

    # -- sections after the metadata --------------------------------------
    def _sections(self) -> None:
        section = ""
        while (token := self._peek()) is not None:
            if token.kind == QUOTE:
                self.pos += 1
                self._quote(token)
                continue
            found = section_of(token)
            if found:
                # A repeated header ("Fakta" twice) only repeats the section.
                section = found
                self.pos += 1
                continue
            content = self._take_until(lambda t: t.kind == QUOTE or bool(section_of(t)))
            if section == "body":
                self.record.body.extend(_body(content))
            elif section == "deliverables":
                self._deliverables(content)
            elif section == "facts":
                self._facts(content)
            else:
                raise ParseError("Teksten hører ikke til noget afsnit.", token.line)

    def _deliverables(self, content: list[Token]) -> None:
        current: DeliverableRecord | None = None
        descriptions: list[str] = []

        def start(token: Token) -> None:
            nonlocal current, descriptions
            finish()
            current = read_deliverable(token, self.vocabulary)
            descriptions = []

        def finish() -> None:
            if current is not None:
                current.description = "\n\n".join(descriptions)
                self.record.deliverables.append(current)

        for block in split_blocks(content):
            first = block[0]
            if first.kind == BULLET:
                for token in block:
                    start(token)
                continue
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

    def _facts(self, content: list[Token]) -> None:
        heading = ""
        texts: list[str] = []

        def finish() -> None:
            nonlocal heading, texts
            if texts:
                text = "\n\n".join(texts)
                self.record.facts.append(
                    FactRecord(text=text, heading=heading or DEFAULT_FACT_HEADING)
                )
            elif heading:
                self.record.facts.append(FactRecord(text=heading))
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

    def _quote(self, mark: Token) -> None:
        content = self._take_until(
            lambda t: t.kind in (QUOTE, ATTRIBUTION) or bool(section_of(t))
        )
        attribution: Token | None = None
        if self.pos < len(self.tokens) and self.tokens[self.pos].kind == ATTRIBUTION:
            attribution = self.tokens[self.pos]
            self.pos += 1
        blocks = split_blocks(content)
        if attribution is None and len(blocks) >= 2:
            last = blocks[-1]
            if len(last) == 1 and len(last[0].text) <= 150:
                if not last[0].text.endswith("."):
                    attribution = last[0]
                    blocks = blocks[:-1]
        text = "\n\n".join(" ".join(t.text for t in block) for block in blocks)
        text = text.strip().strip(QUOTE_STRIP).strip()
        if not text:
            raise ParseError("Citatet mangler sin tekst.", mark.line)
        quote = QuoteRecord(text=text)
        if attribution is not None:
            who = attribution.text.lstrip("–—-−~ ").strip()
            author, _, role = who.partition(",")
            quote.author, quote.role = author.strip(), role.strip()
            if len(quote.author) > MAX_NAME or len(quote.role) > MAX_NAME:
                raise ParseError(
                    "Citatets afsender eller rolle er for lang.", attribution.line
                )
        self.record.quotes.append(quote)


_DELIVERABLE_KINDS = {
    "værktøj": "tool",
    "værktøjer": "tool",
    "film": "film",
    "video": "film",
}


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


def _body(tokens: list[Token]) -> list[BodyPart]:
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


def assemble(tokens: list[Token], *, vocabulary: Vocabulary) -> ProjectRecord:
    return _Assembler(tokens, vocabulary).run()
