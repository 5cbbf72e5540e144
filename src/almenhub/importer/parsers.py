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

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import PurePath

from bs4 import BeautifulSoup, Comment, NavigableString, Tag
from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from almenhub.organisations.services import normalise_name
from almenhub.people.services import normalise_email, normalise_phone
from almenhub.projects.records import (
    BodyPart,
    ContactRecord,
    DeliverableRecord,
    FactRecord,
    ProjectRecord,
    QuoteRecord,
)

TEXT_SUFFIXES = frozenset({".txt"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES

# Field lengths of the models the record ends up in; checked here so that a
# too-long value is reported with its line instead of failing at save time.
MAX_TITLE = 255
MAX_NAME = 200
MAX_PARTICIPANTS_TEXT = 300
MAX_THEME = 120


class ParseError(ValueError):
    """A page that cannot be read; `line` is 1-based, None when not known."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line

    def __str__(self) -> str:
        if self.line:
            return f"linje {self.line}: {self.message}"
        return self.message


# --------------------------------------------------------------------------
# Vocabulary: what the parser must know of the hub to split theme lines and
# recognise publication series.


@dataclass
class Vocabulary:
    themes: Mapping[str, Sequence[str]] = field(default_factory=dict)
    series: Sequence[str] = ()

    def __post_init__(self) -> None:
        # Longest parent first, so that a parent whose name starts with
        # another parent's name is not cut short.
        self._parents: list[tuple[str, str]] = sorted(
            ((_clean(p).lower(), _clean(p)) for p in self.themes),
            key=lambda item: -len(item[0]),
        )
        self._children: dict[str, dict[str, str]] = {
            _clean(parent): {normalise_name(c): _clean(c) for c in children}
            for parent, children in self.themes.items()
        }
        self._series: dict[str, str] = {normalise_name(s): s for s in self.series}

    def split_theme(self, text: str, line: int) -> tuple[str, str]:
        """ "Parent Child" run together → (parent, child), against the taxonomy.

        A child the taxonomy does not know is kept as written (the write path
        creates it under its parent); an unknown parent is an error, because
        guessing where the parent ends would invent themes.
        """
        clean = _clean(text)
        lowered = clean.lower()
        for key, parent in self._parents:
            if not lowered.startswith(key):
                continue
            rest = clean[len(key) :]
            if rest and rest[0].isalnum():
                continue  # the parent name is only a prefix of a longer word
            child = rest.strip(" ›>»/|:-–—")
            if not child:
                raise ParseError(f"Temaet “{clean}” mangler et undertema.", line)
            if len(child) > MAX_THEME:
                raise ParseError(f"Undertemaet “{child[:40]}…” er for langt.", line)
            known = self._children[parent].get(normalise_name(child))
            return parent, known or child
        raise ParseError(
            f"Temaet “{clean}” begynder ikke med et kendt hovedtema.", line
        )

    def add_theme(self, parent: str, child: str) -> None:
        """Remember a child the write path created, so later pages spell it the
        same way (and so re-imports produce the same record)."""
        children = self._children.setdefault(_clean(parent), {})
        children.setdefault(normalise_name(child), _clean(child))

    def find_series(self, name: str) -> str | None:
        return self._series.get(normalise_name(name))


# --------------------------------------------------------------------------
# Tokens shared by both formats.

LINE = "line"  # a line of the text format: its role is inferred
PARA = "para"  # an HTML paragraph: never a heading
HEADING = "heading"  # an HTML sub-heading (h2–h6)
TITLE = "title"  # an HTML <h1>
BULLET = "bullet"  # a list item
BLANK = "blank"  # paragraph separator
BREAK = "break"  # boundary between two HTML contact cards
QUOTE = "quote"  # start of a quote
ATTRIBUTION = "attribution"  # an HTML quote's <footer>/<cite>/<figcaption>


@dataclass(slots=True)
class Token:
    kind: str
    text: str
    line: int


_BULLET_MARKS = ("•", "◦", "▪", "‣", "* ", "- ")
_QUOTE_MARKS = frozenset("\"“”„»«❝❞'")
_QUOTE_STRIP = "\"“”„»«❝❞'"
DEFAULT_FACT_HEADING = "Vidste du ..."


def _clean(text: str) -> str:
    """Collapse every run of white space (non-breaking spaces included)."""
    return " ".join(text.replace("\u200b", "").split())


def tokenise_text(text: str) -> list[Token]:
    tokens: list[Token] = []
    append = tokens.append
    previous_blank = True
    # Only CR and LF end a line, so that line numbers are an editor's; other
    # separators (U+2028 …) count as white space within the line.
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for number, raw in enumerate(lines, start=1):
        line = _clean(raw)
        if not line:
            if not previous_blank:
                append(Token(BLANK, "", number))
                previous_blank = True
            continue
        previous_blank = False
        if line in _QUOTE_MARKS:
            append(Token(QUOTE, "", number))
        elif line.startswith(_BULLET_MARKS):
            append(Token(BULLET, line[1:].strip(), number))
        else:
            append(Token(LINE, line, number))
    return tokens


# --------------------------------------------------------------------------
# Labels and section headers of the old site.

_LABELS = {
    "status": "status",
    "udgivelsesår": "year",
    "udgivelsesaar": "year",
    "udgivet": "year",
    "projektejer": "owner",
    "ejer": "owner",
    "projektdeltagere": "participants",
    "deltagere": "participants",
    "kontaktperson": "contacts",
    "kontaktpersoner": "contacts",
    "kontakt": "contacts",
}
_SECTIONS = {
    "om projektet": "body",
    "projektet indeholder": "deliverables",
    "fakta": "facts",
    "faktaboks": "facts",
}
_STATUSES = {
    "afsluttet": "finished",
    "afsluttede": "finished",
    "færdig": "finished",
    "gennemført": "finished",
    "finished": "finished",
    "i gang": "ongoing",
    "igang": "ongoing",
    "igangværende": "ongoing",
    "pågår": "ongoing",
    "ongoing": "ongoing",
    "planlagt": "planned",
    "kommende": "planned",
    "planned": "planned",
}
_TEXT_KINDS = frozenset({LINE, PARA, HEADING, TITLE})


def _key(text: str) -> str:
    return text.casefold().rstrip(":").strip()


# Longer lines cannot be a label or section header: most lines are skipped
# on their length alone, which keeps parsing fast.
_MAX_LABEL = 30


def label_of(token: Token) -> tuple[str, str] | None:
    """(field, inline value) when the token is a metadata label."""
    if token.kind not in _TEXT_KINDS:
        return None
    text = token.text
    if len(text) <= _MAX_LABEL:
        label = _LABELS.get(_key(text))
        if label:
            return label, ""
    if ":" in text[: _MAX_LABEL + 1]:
        head, _, value = text.partition(":")
        label = _LABELS.get(_key(head))
        if label and value.strip():
            return label, value.strip()
    return None


def section_of(token: Token) -> str | None:
    if token.kind not in _TEXT_KINDS or len(token.text) > _MAX_LABEL:
        return None
    return _SECTIONS.get(_key(token.text))


# --------------------------------------------------------------------------
# Small classifiers.

_TERMINAL = frozenset(".,;:!")
_EMAIL_PREFIX = re.compile(r"^(?:e-?mail|mail|mailto)\s*:?\s*", re.IGNORECASE)
_PHONE_PREFIX = re.compile(
    r"^(?:tlf\.?|telefon|mobil|tel\.?|phone)\s*:?\s*", re.IGNORECASE
)
_PHONE = re.compile(r"^\+?[\d\s().\-/]{6,}$")
_NAME_PARTICLES = frozenset({"van", "von", "de", "la", "du", "da", "di", "le", "ter"})
_DESCRIPTIVE_FIRST = frozenset(
    {
        "deltagerne",
        "deltagere",
        "medlemmerne",
        "medlemmer",
        "alle",
        "beboerne",
        "beboere",
        "repræsentanter",
        "medarbejdere",
    }
)
_DESCRIPTIVE_WORDS = frozenset({"på", "blandt", "hos", "fra", "ved"})


def _looks_like_name(text: str) -> bool:
    words = text.split()
    if not 2 <= len(words) <= 5 or any(ch.isdigit() for ch in text):
        return False
    return all(w[0].isupper() or w in _NAME_PARTICLES for w in words)


def _heading_like(line: str, following: str) -> bool:
    """A sub-heading of the scraped text: a short line without closing
    punctuation, glued to a paragraph that starts a new sentence."""
    return (
        len(line) <= 80
        and line[-1] not in _TERMINAL
        and bool(following)
        and (following[0].isupper() or following[0].isdigit())
    )


def _title_like(line: str) -> bool:
    return len(line) <= 150 and not line.endswith(".")


def _fact_heading_like(line: str) -> bool:
    return len(line) <= 80 and (
        line.endswith(("...", "…", "?")) or line[-1] not in _TERMINAL
    )


def _is_description(entry: str) -> bool:
    words = entry.split()
    return (
        entry[0].islower()
        or words[0].casefold() in _DESCRIPTIVE_FIRST
        or any(w in _DESCRIPTIVE_WORDS for w in words[1:])
    )


def _blocks(tokens: Iterable[Token]) -> list[list[Token]]:
    """Tokens grouped into blocks separated by blank lines; a heading is a
    block of its own."""
    blocks: list[list[Token]] = []
    current: list[Token] = []
    for token in tokens:
        if token.kind in (BLANK, BREAK):
            if current:
                blocks.append(current)
                current = []
        elif token.kind == HEADING:
            if current:
                blocks.append(current)
            blocks.append([token])
            current = []
        else:
            current.append(token)
    if current:
        blocks.append(current)
    return blocks


def _join_lines(lines: Sequence[str]) -> list[str]:
    """Lines of one block as paragraphs: a line that does not end a sentence
    was wrapped and continues on the next."""
    paragraphs: list[str] = []
    current = ""
    for line in lines:
        current = f"{current} {line}" if current else line
        if line[-1] in '.!?:…"”»)':
            paragraphs.append(current)
            current = ""
    if current:
        paragraphs.append(current)
    return paragraphs


# --------------------------------------------------------------------------
# The assembler.


# -- metadata fields: each reads one label's values into a plain value --------


def _single(label: Token, values: list[Token]) -> Token | None:
    if not values:
        return None
    if len(values) > 1:
        raise ParseError(
            f"“{label.text}” skal have én værdi, men har {len(values)}.",
            values[1].line,
        )
    return values[0]


def _read_status(label: Token, values: list[Token]) -> str | None:
    value = _single(label, values)
    if value is None:
        return None
    status = _STATUSES.get(_key(value.text))
    if status is None:
        raise ParseError(
            f"Ukendt status “{value.text}”: brug Planlagt, I gang eller Afsluttet.",
            value.line,
        )
    return status


def _read_year(label: Token, values: list[Token]) -> int | None:
    value = _single(label, values)
    if value is None:
        return None
    text = value.text
    if not (len(text) == 4 and text.isdigit() and 1900 <= int(text) <= 2100):
        raise ParseError(
            f"Udgivelsesåret “{text}” er ikke et årstal som 2023.", value.line
        )
    return int(text)


def _read_owner(label: Token, values: list[Token]) -> str | None:
    value = _single(label, values)
    if value is None:
        return None
    if len(value.text) > MAX_NAME:
        raise ParseError("Projektejerens navn er for langt.", value.line)
    return value.text


def _read_participants(label: Token, values: list[Token]) -> tuple[list[str], str]:
    """Organisations by name, and the groups that are not organisations
    ("Deltagerne på AlmenNets ERFA-møder") as free text."""
    organisations: list[str] = []
    descriptions: list[str] = []
    for value in values:
        for part in (p.strip() for p in value.text.split(";")):
            if not part:
                continue
            pieces = [p.strip() for p in part.split(",") if p.strip()]
            entries = pieces if all(p[0].isupper() for p in pieces) else [part]
            for entry in entries:
                if _is_description(entry):
                    descriptions.append(entry)
                elif len(entry) > MAX_NAME:
                    raise ParseError(
                        f"Organisationsnavnet “{entry[:40]}…” er for langt.",
                        value.line,
                    )
                elif entry not in organisations:
                    organisations.append(entry)
    text = "; ".join(descriptions)
    if len(text) > MAX_PARTICIPANTS_TEXT:
        raise ParseError(
            "Teksten om projektdeltagere er for lang "
            f"({len(text)} tegn, højst {MAX_PARTICIPANTS_TEXT}).",
            values[0].line,
        )
    return organisations, text


def _read_contacts(label: Token, values: list[Token]) -> list[ContactRecord]:
    return _contacts(values)


_FIELD_READERS = {
    "status": _read_status,
    "year": _read_year,
    "owner": _read_owner,
    "participants": _read_participants,
    "contacts": _read_contacts,
}
_FIELD_NAMES = {
    "status": "status",
    "year": "publication_year",
    "owner": "owner",
    "contacts": "contacts",
}


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
        if token.kind not in _TEXT_KINDS or label_of(token) or section_of(token):
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
            " ".join(t.text for t in block) for block in _blocks(tokens)
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
            value = _FIELD_READERS[name](token, values)
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
        for name, (_, value) in seen.items():
            if name == "participants":
                organisations, text = value
                record.participants, record.participants_text = organisations, text
            elif value is not None:
                setattr(record, _FIELD_NAMES[name], value)

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
            current = _deliverable(token, self.vocabulary)
            descriptions = []

        def finish() -> None:
            if current is not None:
                current.description = "\n\n".join(descriptions)
                self.record.deliverables.append(current)

        for block in _blocks(content):
            first = block[0]
            if first.kind == BULLET:
                for token in block:
                    start(token)
                continue
            if (
                first.kind == HEADING
                or current is None
                or (first.kind == LINE and descriptions and _title_like(first.text))
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

        blocks = _blocks(content)
        for index, block in enumerate(blocks):
            first = block[0]
            more_follows = len(block) > 1 or index + 1 < len(blocks)
            if first.kind == HEADING or (
                first.kind == LINE
                and not heading
                and not texts
                and more_follows
                and _fact_heading_like(first.text)
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
        blocks = _blocks(content)
        if attribution is None and len(blocks) >= 2:
            last = blocks[-1]
            if len(last) == 1 and len(last[0].text) <= 150:
                if not last[0].text.endswith("."):
                    attribution = last[0]
                    blocks = blocks[:-1]
        text = "\n\n".join(" ".join(t.text for t in block) for block in blocks)
        text = text.strip().strip(_QUOTE_STRIP).strip()
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


def _deliverable(token: Token, vocabulary: Vocabulary) -> DeliverableRecord:
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
    for block in _blocks(tokens):
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
    if len(lines) >= 2 and _heading_like(lines[0], lines[1]):
        parts.append(BodyPart("heading", lines[0]))
        lines = lines[1:]
    parts.extend(BodyPart("paragraph", p) for p in _join_lines(lines))


def _contacts(values: list[Token]) -> list[ContactRecord]:
    contacts: list[ContactRecord] = []
    current: ContactRecord | None = None

    def needs_owner(token: Token, what: str) -> ContactRecord:
        if current is None:
            raise ParseError(
                f"{what} “{token.text}” står uden en kontaktperson foran: "
                "navnet skal stå først.",
                token.line,
            )
        return current

    for token in values:
        if token.kind == BREAK:
            current = None
            continue
        text = token.text
        if "@" in text:
            email = _EMAIL_PREFIX.sub("", text).strip()
            try:
                validate_email(email)
            except ValidationError:
                raise ParseError(
                    f"“{email}” er ikke en gyldig e-mailadresse.", token.line
                ) from None
            contact = needs_owner(token, "E-mailadressen")
            if contact.email:
                raise ParseError(
                    f"{contact.name} har allerede e-mailadressen {contact.email}; "
                    "en ny kontaktperson skal starte med sit navn.",
                    token.line,
                )
            contact.email = normalise_email(email)
            continue
        number = _PHONE_PREFIX.sub("", text).strip()
        # Six digits or more is meant as a phone number, and checked as one.
        if _PHONE.match(number) and sum(ch.isdigit() for ch in number) >= 6:
            contact = needs_owner(token, "Telefonnummeret")
            if contact.phone:
                raise ParseError(
                    f"{contact.name} har allerede telefonnummeret {contact.phone}.",
                    token.line,
                )
            try:
                contact.phone = normalise_phone(number)
            except ValidationError as error:
                raise ParseError(" ".join(error.messages), token.line) from None
            continue
        if len(text) > MAX_NAME or (len(text) > 60 and text.endswith(".")):
            raise ParseError(
                "Linjen ligner ikke en kontaktoplysning (navn, stilling, e-mail "
                "eller telefon). Mangler overskriften “Om projektet”?",
                token.line,
            )
        name_like = _looks_like_name(text)
        has_details = current is not None and bool(current.email or current.phone)
        if current is None:
            current = ContactRecord(name=text)
            contacts.append(current)
        elif name_like and (current.job_title or has_details or current.organisation):
            current = ContactRecord(name=text)
            contacts.append(current)
        elif name_like and not current.job_title:
            # Two names in a row: job titles rarely look like "Anna Holm".
            current = ContactRecord(name=text)
            contacts.append(current)
        elif not current.job_title and not has_details:
            current.job_title = text
        elif not current.organisation:
            current.organisation = text
        else:
            current = ContactRecord(name=text)
            contacts.append(current)
    return contacts


def assemble(tokens: list[Token], *, vocabulary: Vocabulary) -> ProjectRecord:
    return _Assembler(tokens, vocabulary).run()


# --------------------------------------------------------------------------
# Entry points.


def parse_text(text: str, *, vocabulary: Vocabulary) -> ProjectRecord:
    """A page of the old site scraped to plain text → its record."""
    tokens = tokenise_text(text.removeprefix("\ufeff"))
    if not tokens:
        raise ParseError("Filen er tom.", 1)
    return assemble(tokens, vocabulary=vocabulary)


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


def parse_bytes(data: bytes, *, name: str, vocabulary: Vocabulary) -> ProjectRecord:
    """A file's bytes → its record, choosing the format from the file name."""
    suffix = PurePath(name).suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise ParseError(
            f"Filtypen “{suffix or 'uden endelse'}” understøttes ikke: "
            "brug .txt, .html eller .htm."
        )
    text = decode_page(data)
    if is_html(name, text):
        return parse_html(text, vocabulary=vocabulary)
    return parse_text(text, vocabulary=vocabulary)


# --------------------------------------------------------------------------
# HTML.

_SKIP_TAGS = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "nav",
        "form",
        "button",
        "svg",
        "iframe",
        "img",
        "picture",
        "video",
        "audio",
        "head",
        "select",
        "input",
        "textarea",
    }
)
_HEADINGS = frozenset({"h2", "h3", "h4", "h5", "h6"})
_BLOCK_TAGS = frozenset(
    {
        "address",
        "article",
        "aside",
        "blockquote",
        "dd",
        "div",
        "dl",
        "dt",
        "figcaption",
        "figure",
        "footer",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "li",
        "main",
        "ol",
        "p",
        "section",
        "table",
        "tbody",
        "thead",
        "tr",
        "td",
        "th",
        "ul",
    }
)


_CARD_CLASSES = frozenset(
    {
        "contact",
        "contacts",
        "contact-card",
        "contactcard",
        "contact-person",
        "kontakt",
        "kontaktperson",
        "kontaktpersoner",
        "kontaktkort",
        "vcard",
        "h-card",
        "person-card",
    }
)
_FACT_CLASSES = frozenset(
    {"fakta", "faktaboks", "fakta-boks", "factbox", "fact-box", "facts-box"}
)
_THEME_CLASSES = frozenset({"themes", "theme-list", "temaer", "tema-liste", "tags"})
_HIDDEN = re.compile(r"visually-hidden|sr-only|screen-reader")


def _class_set(tag: Tag) -> set[str]:
    return {c.lower() for c in tag.get("class") or []}


def _is_contact_card(tag: Tag) -> bool:
    return isinstance(tag, Tag) and bool(_class_set(tag) & _CARD_CLASSES)


def _is_fact_box(tag: Tag) -> bool:
    return bool(_class_set(tag) & _FACT_CLASSES)


def _is_theme_list(tag: Tag) -> bool:
    return bool(_class_set(tag) & _THEME_CLASSES)


def _has_label_class(tag: Tag) -> bool:
    return isinstance(tag, Tag) and any("label" in c for c in _class_set(tag))


def _text(node: Tag | NavigableString) -> str:
    return _clean(node.get_text() if isinstance(node, Tag) else str(node))


def _lines(tag: Tag) -> list[str]:
    """The text of an element, split where it had <br>."""
    return [line for line in map(_clean, tag.get_text().split("\n")) if line]


def _has_block_child(tag: Tag) -> bool:
    return any(
        isinstance(child, Tag) and child.name in _BLOCK_TAGS for child in tag.children
    )


def _is_label(text: str) -> str | None:
    return _LABELS.get(_key(text))


class _HtmlWalker:
    """Walks the page's main content in document order and emits tokens.

    Themes, title and teaser come first and the metadata (a `<dl>`, labelled
    blocks, contact cards) next, whatever their place in the markup: sites put
    their fact sidebar before or after the body, and the assembler reads the
    order of the old site's text pages.
    """

    def __init__(self) -> None:
        self.themes: list[Token] = []
        self.title: list[Token] = []
        self.main: list[Token] = []
        self.meta: list[Token] = []
        self.has_contact_label = False

    def tokens(self) -> list[Token]:
        split = next(
            (
                i
                for i, t in enumerate(self.main)
                if t.kind == QUOTE or section_of(t) or label_of(t)
            ),
            len(self.main),
        )
        head, rest = self.main[:split], self.main[split:]
        return [*self.themes, *self.title, *head, *self.meta, *rest]

    # -- emitting ----------------------------------------------------------
    @staticmethod
    def _emit(out: list[Token], kind: str, text: str, line: int) -> None:
        if not text:
            return
        out.append(Token(kind, text, line))
        if kind in (PARA, HEADING, ATTRIBUTION):
            out.append(Token(BLANK, "", line))

    def _meta_label(self, text: str, line: int) -> None:
        self.meta.append(Token(LINE, text, line))
        if _is_label(text) == "contacts":
            self.has_contact_label = True

    # -- walking -----------------------------------------------------------
    def walk(self, node: Tag, out: list[Token] | None = None) -> None:
        target = self.main if out is None else out
        for child in node.children:
            if isinstance(child, Comment):
                continue
            if isinstance(child, Tag):
                if child.name not in _SKIP_TAGS:
                    self.element(child, out)
            elif isinstance(child, NavigableString):
                self._emit(target, PARA, _clean(str(child)), node.sourceline or 1)

    def element(self, tag: Tag, out: list[Token] | None) -> None:
        target = self.main if out is None else out
        top = out is None
        name = tag.name
        line = tag.sourceline or 1
        if name == "h1":
            if not self.title:
                self.title.append(Token(TITLE, _text(tag), line))
        elif top and _is_theme_list(tag):
            self._theme_list(tag)
        elif name in ("ul", "ol"):
            if top and not self.title and not self.main:
                self._theme_list(tag)  # a list above the title holds the themes
            else:
                self._list(tag, out)
        elif top and _is_contact_card(tag):
            self._contacts(tag)
        elif name == "dl":
            self._definition_list(tag, out)
        elif name == "table":
            self._table(tag, out)
        elif name == "blockquote":
            self._blockquote(tag, target)
        elif name == "figcaption" and tag.parent and tag.parent.find("blockquote"):
            self._emit(target, ATTRIBUTION, _text(tag), line)
        elif name in _HEADINGS:
            self._emit(target, HEADING, _text(tag), line)
        elif top and _is_fact_box(tag):
            first = next(iter(tag.stripped_strings), "")
            if section_of(Token(LINE, _clean(first), line)) != "facts":
                self._emit(target, HEADING, "Fakta", line)
            self.walk(tag, out)
        elif name != "p" and top and self._labelled_block(tag):
            pass
        elif name == "p" or not _has_block_child(tag):
            for text in _lines(tag):
                self._emit(target, PARA, text, line)
        else:
            self.walk(tag, out)

    def _list(self, tag: Tag, out: list[Token] | None) -> None:
        target = self.main if out is None else out
        for item in tag.find_all("li", recursive=False):
            if _has_block_child(item):
                self.walk(item, out)
                target.append(Token(BLANK, "", item.sourceline or 1))
            else:
                text = _text(item)
                if text:
                    target.append(Token(BULLET, text, item.sourceline or 1))
        target.append(Token(BLANK, "", tag.sourceline or 1))

    def _theme_list(self, tag: Tag) -> None:
        items = tag.find_all("li") or [
            child for child in tag.find_all(["a", "span"]) if _text(child)
        ]
        for item in items:
            text = _clean(item.get_text(" "))
            if text:
                self.themes.append(Token(BULLET, text, item.sourceline or 1))

    def _definition_list(self, tag: Tag, out: list[Token] | None) -> None:
        is_meta = out is None and any(_is_label(_text(t)) for t in tag.find_all("dt"))
        target = self.main if out is None else out
        for item in tag.find_all(["dt", "dd"]):
            line = item.sourceline or 1
            if not is_meta:
                kind = HEADING if item.name == "dt" else PARA
                for text in _lines(item):
                    self._emit(target, kind, text, line)
            elif item.name == "dt":
                self._meta_label(_text(item), line)
            elif item.find(_is_contact_card):
                self._contacts(item)
            else:
                for value in self._value_lines(item):
                    self.meta.append(Token(LINE, value, line))

    def _table(self, tag: Tag, out: list[Token] | None) -> None:
        target = self.main if out is None else out
        for row in tag.find_all("tr"):
            head, cells = row.find("th"), row.find_all("td")
            line = row.sourceline or 1
            if out is None and head is not None and _is_label(_text(head)):
                self._meta_label(_text(head), line)
                for cell in cells:
                    for value in self._value_lines(cell):
                        self.meta.append(Token(LINE, value, line))
            else:
                for cell in (head, *cells):
                    if cell is not None:
                        self._emit(target, PARA, _text(cell), line)

    def _labelled_block(self, tag: Tag) -> bool:
        """`<div class="field"><span class="label">Status</span>
        <span class="value">Afsluttet</span></div>` and the like."""
        label_tag = tag.find(_has_label_class, recursive=False)
        if label_tag is None or not _is_label(_text(label_tag)):
            return False
        line = tag.sourceline or 1
        self._meta_label(_text(label_tag), line)
        for sibling in label_tag.find_next_siblings():
            if _is_contact_card(sibling) or sibling.find(_is_contact_card):
                self._contacts(sibling)
                continue
            for value in self._value_lines(sibling):
                self.meta.append(Token(LINE, value, sibling.sourceline or line))
        return True

    @staticmethod
    def _value_lines(tag: Tag) -> list[str]:
        """Each value of a metadata field or contact card on its own line."""
        for hidden in tag.find_all(class_=_HIDDEN):
            hidden.decompose()
        for link in tag.find_all("a", href=True):
            href = link["href"]
            if href.startswith(("mailto:", "tel:")):
                value = href.split(":", 1)[1].split("?", 1)[0]
                if href.startswith("tel:") and sum(map(str.isdigit, _text(link))) >= 8:
                    value = _text(link)
                link.replace_with(NavigableString(f"\n{value}\n"))
        for item in tag.find_all(True):
            if item.name in _BLOCK_TAGS or item.get("class"):
                item.insert_after(NavigableString("\n"))
        return _lines(tag)

    def _contacts(self, tag: Tag) -> None:
        cards = [
            t for t in tag.find_all(_is_contact_card) if not t.find(_is_contact_card)
        ] or [tag]
        heading = tag.find(_HEADINGS) or tag.find(_has_label_class)
        if heading is not None and _is_label(_text(heading)) == "contacts":
            self._meta_label(_text(heading), heading.sourceline or 1)
            heading.decompose()
        elif not self.has_contact_label:
            self._meta_label("Kontaktperson", tag.sourceline or 1)
        for card in cards:
            line = card.sourceline or 1
            self.meta.append(Token(BREAK, "", line))
            for value in self._value_lines(card):
                self.meta.append(Token(LINE, value, line))

    def _blockquote(self, tag: Tag, target: list[Token]) -> None:
        line = tag.sourceline or 1
        target.append(Token(QUOTE, "", line))
        attribution = tag.find(["footer", "cite"])
        if attribution is not None:
            attribution = attribution.extract()
        paragraphs = tag.find_all("p")
        for p in paragraphs:
            self._emit(target, PARA, _text(p), p.sourceline or line)
        if not paragraphs:
            self._emit(target, PARA, _text(tag), line)
        if attribution is not None:
            self._emit(target, ATTRIBUTION, _text(attribution), line)


def parse_html(html: str, *, vocabulary: Vocabulary) -> ProjectRecord:
    """A page of the old site as HTML → its record."""
    soup = BeautifulSoup(html, "html.parser")
    for br in soup.find_all("br"):
        br.replace_with(NavigableString("\n"))
    root = soup.find("main") or soup.find("article") or soup.body or soup
    for skipped in root.find_all(_SKIP_TAGS):
        skipped.decompose()
    if root.name == "body":
        # The site's own banner and footer, outside any <main>.
        for chrome in root.find_all(["header", "footer"], recursive=False):
            chrome.decompose()
    walker = _HtmlWalker()
    walker.walk(root)
    if not walker.title:
        raise ParseError("Siden mangler en titel (ingen <h1>).", 1)
    return assemble(walker.tokens(), vocabulary=vocabulary)
