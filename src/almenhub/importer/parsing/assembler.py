"""One assembler reads the token stream of either format into a record.

It walks the page top to bottom (navigation, themes, title, teaser, the
metadata block) and then finds where each section below starts and ends;
what a section holds is read by `sections.py`."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import cast

from almenhub.projects.records import (
    BodyPart,
    ContactRecord,
    ProjectRecord,
)

from .fields import (
    FIELD_NAMES,
    FIELD_READERS,
    SINGLE_VALUED,
    split_blocks,
    title_like,
)
from .sections import (
    body_parts,
    inline_quote,
    inline_quote_like,
    marked_quote,
    prose,
    read_deliverables,
    read_facts,
    sender_like,
)
from .tokens import (
    ATTRIBUTION,
    BLANK,
    BODY_LABELS,
    BULLET,
    HEADING,
    LINE,
    MAX_TITLE,
    QUOTE,
    TEXT_KINDS,
    TITLE,
    ParseError,
    Token,
    is_tab_line,
    label_key,
    label_of,
    section_of,
)
from .vocabulary import Vocabulary

_READ_MORE = "læs mere om temaet"
_PHOTO = re.compile(r"^fotos?\s*[:–-]\s*(?P<credit>.+)$", re.IGNORECASE)
# A teaser is a sentence or two; a longer first paragraph is the body's.
MAX_TEASER = 400


class _Assembler:
    def __init__(self, tokens: list[Token], vocabulary: Vocabulary) -> None:
        self.tokens = tokens
        self.vocabulary = vocabulary
        self.pos = 0
        self.record = ProjectRecord(title="")
        self.older = False  # the older generation: no metadata block
        self.extra_body: list[BodyPart] = []  # unknown labels, kept as text
        self.read_more_themes: list[tuple[str, str]] = []

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
        self._drop_navigation()
        self._themes()
        self._title()
        self._teaser()
        self._metadata()
        self._sections()
        self.record.body.extend(self.extra_body)
        for theme in self.read_more_themes:
            if theme not in self.record.themes:
                self.record.themes.append(theme)
        return self.record

    def _warn(self, message: str, line: int) -> None:
        self.record.warnings.append(f"linje {line}: {message}")

    def _drop_navigation(self) -> None:
        """The older pages' tab bar and their "Læs mere om temaet …" link:
        navigation, not content. The link names a theme, used when known."""
        kept: list[Token] = []
        for token in self.tokens:
            if is_tab_line(token):
                continue
            if token.kind in TEXT_KINDS and label_key(token.text).startswith(
                _READ_MORE
            ):
                name = token.text[len(_READ_MORE) :].strip(" :.…»›")
                theme = self.vocabulary.find_child(name)
                if theme is not None:
                    self.read_more_themes.append(theme)
                    continue
                self._warn(
                    f"“{token.text}” nævner et tema, almenhub ikke kender; "
                    "linjen er lagt i teksten.",
                    token.line,
                )
            kept.append(token)
        self.tokens = kept

    def _themes(self) -> None:
        seen: set[tuple[str, str]] = set()
        while (token := self._peek()) is not None and token.kind == BULLET:
            for theme in self.vocabulary.split_themes(token.text, token.line):
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
        if token.kind != TITLE and not title_like(token.text):
            raise ParseError(
                "Siden har ingen titellinje: den første linje er et afsnit "
                f"({len(token.text)} tegn), ikke en titel.",
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
        start = self.pos
        tokens = self._take_until(self._ends_free_text)
        blocks = split_blocks(tokens)
        following = self._peek()
        if following is not None and label_of(following):
            # The newer pages: everything up to the metadata is the teaser.
            self.record.teaser = "\n\n".join(
                " ".join(t.text for t in block) for block in blocks
            )
            return
        # The older pages have no metadata block: after the title may come a
        # photo credit, the owner's bare name and a short teaser, in any
        # order; the text after them is the body.
        self.older = True
        while blocks:
            text = " ".join(t.text for t in blocks[0])
            credit = _PHOTO.match(text)
            if credit and not self.record.photo_credit:
                self.record.photo_credit = credit["credit"].strip()
            elif not self.record.owner and self._owner_like(text) and len(blocks) > 1:
                self.record.owner = text
            elif (
                not self.record.teaser
                and len(text) <= MAX_TEASER
                and (blocks[0][0].kind != HEADING)
            ):
                self.record.teaser = text
            else:
                break
            blocks.pop(0)
        self.pos = start
        if blocks:
            first = blocks[0][0]
            while self.tokens[self.pos] is not first:
                self.pos += 1
        else:
            self.pos = start + len(tokens)

    def _owner_like(self, text: str) -> bool:
        if self.vocabulary.known_organisation(text):
            return True
        words = text.split()
        return (
            0 < len(words) <= 6
            and len(text) <= 80
            and text[-1] not in ".!?:…"
            and all(w[0].isupper() or w[0].isdigit() or w in "&-–" for w in words)
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
            if name in SINGLE_VALUED and len(values) > 1:
                self._unknown_label(token, values[1:])
                values = values[:1]
            value = FIELD_READERS[name](token, values, self.vocabulary)
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
        for name, (_, value) in seen.items():
            self._set_field(name, value)

    def _set_field(self, name: str, value: object) -> None:
        record = self.record
        if name == "participants":
            organisations, text = cast(tuple[list[str], str], value)
            record.participants += [
                o for o in organisations if o not in record.participants
            ]
            record.participants_text = "; ".join(
                t for t in (record.participants_text, text) if t
            )
        elif name in ("contacts", "leader"):
            record.contacts += cast(list[ContactRecord], value)
        elif name in ("partners", "funders"):
            names = getattr(record, name)
            names += [n for n in cast(list[str], value) if n not in names]
        elif value is not None and not getattr(record, FIELD_NAMES[name]):
            setattr(record, FIELD_NAMES[name], value)

    def _unknown_label(self, after: Token, values: list[Token]) -> None:
        """Lines after a single-valued field's value: a label the parser does
        not know, with its values. Kept as a section of the body."""
        label, rest = values[0], values[1:]
        if rest and title_like(label.text) and len(label.text) <= 60:
            self.extra_body.append(BodyPart("heading", label.text.rstrip(":")))
            self.extra_body += [BodyPart("paragraph", t.text) for t in rest]
            self._warn(
                f"Ukendt felt “{label.text.rstrip(':')}” er lagt i teksten.",
                label.line,
            )
        else:
            self.extra_body += [BodyPart("paragraph", t.text) for t in values]
            self._warn(f"Teksten efter “{after.text}” er lagt i teksten.", label.line)

    # -- sections after the metadata --------------------------------------
    def _ends_section(self, token: Token) -> bool:
        return (
            token.kind == QUOTE
            or bool(section_of(token) or label_of(token, BODY_LABELS))
            or inline_quote_like(token)
        )

    def _sections(self) -> None:
        # The older pages' text may start without "Om projektet".
        section = "body" if self.older else ""
        while (token := self._peek()) is not None:
            if token.kind == QUOTE:
                self.pos += 1
                self._quote(token)
                continue
            if inline_quote_like(token):
                self._inline_quote(token)
                continue
            found = section_of(token)
            if found == "heading":
                self.record.body.append(BodyPart("heading", token.text.rstrip(":")))
                section = "body"
                self.pos += 1
                continue
            if found:
                # A repeated header ("Fakta" twice) only repeats the section.
                section = found
                self.pos += 1
                continue
            if label_of(token, BODY_LABELS):
                self._field_in_body(token)
                continue
            content = self._take_until(self._ends_section)
            if section == "body":
                self.record.body.extend(body_parts(content))
            elif section in ("deliverables", "tools"):
                rest = self._deliverables(content, tools=section == "tools")
                if rest:
                    self.record.body.extend(body_parts(rest))
                    section = "body"
            elif section == "facts":
                self.record.facts += read_facts(content)
            else:
                raise ParseError("Teksten hører ikke til noget afsnit.", token.line)

    def _field_in_body(self, token: Token) -> None:
        """A label below the body (the pool pages' "Projektleder", the older
        pages' "Øvrige samarbejdspartnere:"): its values are the short lines
        that follow."""
        name, inline = label_of(token, BODY_LABELS)  # type: ignore[misc]
        self.pos += 1
        values = [Token(LINE, inline, token.line)] if inline else []
        while (value := self._peek()) is not None and not self._ends_section(value):
            if (
                value.kind not in TEXT_KINDS | {BULLET}
                or prose(value.text)
                or label_key(value.text).startswith(_READ_MORE)
            ):
                break
            values.append(value)
            self.pos += 1
        if name in SINGLE_VALUED and len(values) > 1:
            self._unknown_label(token, values[1:])
            values = values[:1]
        self._set_field(name, FIELD_READERS[name](token, values, self.vocabulary))

    def _inline_quote(self, token: Token) -> None:
        """“…” on a line of its own, and its sender on the next line."""
        self.pos += 1
        following = self._peek()
        sender = None
        if (
            following is not None
            and following.kind in TEXT_KINDS
            and sender_like(following.text)
            and not self._ends_section(following)
        ):
            self.pos += 1
            sender = following
        self.record.quotes.append(inline_quote(token, sender))

    def _deliverables(self, content: list[Token], *, tools: bool) -> list[Token]:
        found, rest = read_deliverables(
            content, vocabulary=self.vocabulary, tools=tools, older=self.older
        )
        self.record.deliverables += found
        return rest

    def _quote(self, mark: Token) -> None:
        content = self._take_until(
            lambda t: t.kind in (QUOTE, ATTRIBUTION) or bool(section_of(t))
        )
        attribution: Token | None = None
        if self.pos < len(self.tokens) and self.tokens[self.pos].kind == ATTRIBUTION:
            attribution = self.tokens[self.pos]
            self.pos += 1
        self.record.quotes.append(marked_quote(content, attribution, mark=mark))


def assemble(tokens: list[Token], *, vocabulary: Vocabulary) -> ProjectRecord:
    return _Assembler(tokens, vocabulary).run()
