"""The publication's content as the HTML publication page's body.

The page's body is the house's BodyBlock stream (headings and rich text),
so chapters become headings and each example one rich-text block whose
title links to the example's own page.
"""

from __future__ import annotations

from django.utils.html import escape, format_html, format_html_join
from wagtail.rich_text import RichText

from almenhub.publishing.content import (
    ExampleContent,
    Fact,
    PublicationContent,
    Quote,
)


def _paragraphs(items: list[str]) -> str:
    return "".join(format_html("<p>{}</p>", p) for p in items)


def _quote(q: Quote) -> str:
    who = ", ".join(x for x in (q.author, q.role) if x)
    return format_html("<p><i>“{}”</i></p>", q.text) + (
        format_html("<p>– {}</p>", who) if who else ""
    )


def _fact(f: Fact) -> str:
    return format_html("<h4>Fakta: {}</h4>", f.heading) + _paragraphs(f.text)


def _example(e: ExampleContent) -> str:
    parts = [
        format_html('<h3><a linktype="page" id="{}">{}</a></h3>', e.page_id, e.title)
    ]
    facts = " · ".join(x for x in (e.organisation, e.department, e.municipality) if x)
    parts.append(
        format_html(
            "<p><i>{}. Driftsopgave: {}. Status: {}.</i></p>", facts, e.task, e.status
        )
    )
    if e.teaser:
        parts.append(format_html("<p><b>{}</b></p>", e.teaser))
    for label, items in (("Hvad blev gjort", e.what_was_done),):
        if items:
            parts.append(format_html("<h4>{}</h4>", label) + _paragraphs(items))
    if e.building_blocks:
        parts.append("<h4>Byggesten til genbrug</h4>")
        parts.append(
            "<ol>"
            + format_html_join(
                "",
                "<li><b>{}</b>: {}</li>",
                ((b.title, " ".join(b.description)) for b in e.building_blocks),
            )
            + "</ol>"
        )
    if e.results:
        parts.append("<h4>Resultater</h4>" + _paragraphs(e.results))
    if e.values:
        parts.append("<h4>Værdi på bundlinjen</h4>")
        parts.append(
            "<ul>"
            + format_html_join(
                "",
                "<li>{}: {} {} ({}, {})</li>",
                ((v.indicator, v.value, v.unit, v.period, v.method) for v in e.values),
            )
            + "</ul>"
        )
    if e.lessons:
        parts.append("<h4>Erfaringer</h4>" + _paragraphs(e.lessons))
    if e.contacts:
        parts.append("<h4>Kontakt</h4>")
        for c in e.contacts:
            details = [escape(x) for x in (c.job_title, c.organisation) if x]
            if c.email:
                details.append(
                    format_html('<a href="mailto:{}">{}</a>', c.email, c.email)
                )
            if c.phone:
                details.append(escape(f"telefon {c.phone}"))
            parts.append(
                format_html("<p><b>{}</b>", c.name)
                + (", " + ", ".join(details) if details else "")
                + "</p>"
            )
    parts += [_quote(q) for q in e.quotes]
    parts += [_fact(f) for f in e.facts]
    return "".join(str(p) for p in parts)


def publication_body(*, content: PublicationContent) -> list[tuple[str, object]]:
    """Stream data for PublicationPage.body."""
    blocks: list[tuple[str, object]] = []
    intro = _paragraphs(content.intro) + "".join(_quote(q) for q in content.quotes)
    intro += "".join(_fact(f) for f in content.facts)
    if intro:
        blocks += [("heading", "Indledning"), ("paragraph", RichText(intro))]
    for chapter in content.chapters:
        blocks.append(("heading", chapter.title))
        blocks += [("paragraph", RichText(_example(e))) for e in chapter.examples]
    return blocks
