"""The HTML walker: a page's markup → the token stream."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, Comment, NavigableString, Tag

from almenhub.projects.records import ProjectRecord

from .assembler import assemble
from .tokens import (
    ATTRIBUTION,
    BLANK,
    BREAK,
    BULLET,
    HEADING,
    LABELS,
    LINE,
    PARA,
    QUOTE,
    TITLE,
    ParseError,
    Token,
    clean,
    label_key,
    label_of,
    section_of,
)
from .vocabulary import Vocabulary

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
    return clean(node.get_text() if isinstance(node, Tag) else str(node))


def _lines(tag: Tag) -> list[str]:
    """The text of an element, split where it had <br>."""
    return [line for line in map(clean, tag.get_text().split("\n")) if line]


def _has_block_child(tag: Tag) -> bool:
    return any(
        isinstance(child, Tag) and child.name in _BLOCK_TAGS for child in tag.children
    )


def _is_label(text: str) -> str | None:
    return LABELS.get(label_key(text))


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
                self._emit(target, PARA, clean(str(child)), node.sourceline or 1)

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
            if section_of(Token(LINE, clean(first), line)) != "facts":
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
            text = clean(item.get_text(" "))
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
                for each in (head, *cells):
                    if each is not None:
                        self._emit(target, PARA, _text(each), line)

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
            href = str(link["href"])  # one value: only class is multi-valued
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
    return assemble(html_tokens(html), vocabulary=vocabulary)


def html_tokens(html: str) -> list[Token]:
    """A page's main content as the token stream, its title first."""
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
    return walker.tokens()
