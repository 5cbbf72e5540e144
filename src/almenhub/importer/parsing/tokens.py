"""The stream both formats are reduced to, and the labels and section
headers of the old site that give its tokens their meaning."""

from __future__ import annotations

from dataclasses import dataclass

# Field lengths of the models the record ends up in; checked here so that a
# too-long value is reported with its line instead of failing at save time.
MAX_TITLE = 255
MAX_NAME = 200
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
QUOTE_STRIP = "\"“”„»«❝❞'"
DEFAULT_FACT_HEADING = "Vidste du ..."


def clean(text: str) -> str:
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
        line = clean(raw)
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

LABELS = {
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
    "samarbejdspartnere": "partners",
    "øvrige samarbejdspartnere": "partners",
    "støttet af": "funders",
    "projektet har modtaget støtte fra": "funders",
    "projektet er støttet af": "funders",
}
# Labels read only below the body: above it, "Projektleder" is a contact's
# job title.
BODY_LABELS = {**LABELS, "projektleder": "leader"}
SECTIONS = {
    "om projektet": "body",
    "projektet indeholder": "deliverables",
    "fakta": "facts",
    "faktaboks": "facts",
    "værktøjer": "tools",
    # Sections of the older pages that are part of the project's text: kept
    # as sub-headings of the body.
    "tanken bag projektet": "heading",
    "formål og fremgangsmåde": "heading",
    "formål": "heading",
    "baggrund": "heading",
    "resultater": "heading",
    "erfaringer": "heading",
}
# The older pages' tab bar, scraped as one line ("Om projektet Fakta
# Værktøjer"): navigation, not content.
_TABS = ("om projektet", "projektet indeholder", "fakta", "værktøjer", "kontakt")
STATUSES = {
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
TEXT_KINDS = frozenset({LINE, PARA, HEADING, TITLE})


def label_key(text: str) -> str:
    return text.casefold().rstrip(":").strip()


# Longer lines cannot be a label or section header: most lines are skipped
# on their length alone, which keeps parsing fast.
_MAX_LABEL = 40


def label_of(token: Token, labels: dict[str, str] = LABELS) -> tuple[str, str] | None:
    """(field, inline value) when the token is a metadata label."""
    if token.kind not in TEXT_KINDS:
        return None
    text = token.text
    if len(text) <= _MAX_LABEL:
        label = labels.get(label_key(text))
        if label:
            return label, ""
    if ":" in text[: _MAX_LABEL + 1]:
        head, _, value = text.partition(":")
        label = labels.get(label_key(head))
        if label and value.strip():
            return label, value.strip()
    return None


def section_of(token: Token) -> str | None:
    if token.kind not in TEXT_KINDS or len(token.text) > _MAX_LABEL:
        return None
    return SECTIONS.get(label_key(token.text))


def is_tab_line(token: Token) -> bool:
    """A line made only of two or more tab labels."""
    if token.kind not in TEXT_KINDS or len(token.text) > 80:
        return False
    rest, found = token.text.casefold(), 0
    while rest:
        tab = next((t for t in _TABS if rest.startswith(t)), None)
        if tab is None:
            return False
        rest, found = rest[len(tab) :].lstrip(" |·•/"), found + 1
    return found >= 2
