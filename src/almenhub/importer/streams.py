"""Parsed body parts → what the page types store: `core.blocks.ArticleBodyBlock`
data and rich text. Text is escaped, never trusted."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.html import escape

from .parsing.articles import ArticlePart


def part_html(part: ArticlePart) -> str:
    """A paragraph or list as rich text (a heading as an h3, a quote as a
    paragraph), for a rich-text field."""
    if part.kind == "list":
        return "<ul>" + "".join(f"<li>{escape(i)}</li>" for i in part.items) + "</ul>"
    if part.kind == "heading":
        return f"<h3>{escape(part.text)}</h3>"
    if part.kind == "quote":
        sender = f" – {escape(part.attribution)}" if part.attribution else ""
        return f"<p>“{escape(part.text)}”{sender}</p>"
    return f"<p>{escape(part.text)}</p>"


def parts_html(parts: Iterable[ArticlePart]) -> str:
    return "".join(part_html(part) for part in parts)


def article_stream(parts: Iterable[ArticlePart]) -> list[tuple[str, object]]:
    """Body parts as ArticleBodyBlock data: sub-headings, quotes, and text
    (paragraphs and lists) in between."""
    stream: list[tuple[str, object]] = []
    for part in parts:
        if part.kind == "heading":
            stream.append(("heading", part.text))
        elif part.kind == "quote":
            stream.append(
                ("quote", {"text": part.text, "attribution": part.attribution[:200]})
            )
        else:
            stream.append(("paragraph", part_html(part)))
    return stream
