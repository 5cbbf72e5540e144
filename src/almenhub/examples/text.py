"""Plain text from the member form to rich text and back.

Members type into plain text areas; the page stores rich text so editors can
format it later. Blank lines separate paragraphs, single line breaks stay.
"""

from __future__ import annotations

import html
import re

from django.utils.html import escape, strip_tags

_BLANK_LINES = re.compile(r"\n\s*\n")
_PARAGRAPH_END = re.compile(r"</p>\s*|</h[1-6]>\s*|</li>\s*", re.IGNORECASE)
_LINE_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)


def text_to_richtext(text: str) -> str:
    text = text.replace("\r\n", "\n").strip()
    if not text:
        return ""
    paragraphs = [p.strip() for p in _BLANK_LINES.split(text) if p.strip()]
    return "".join(
        "<p>{}</p>".format("<br/>".join(escape(line) for line in p.split("\n")))
        for p in paragraphs
    )


def richtext_to_text(value: str) -> str:
    if not value:
        return ""
    text = _PARAGRAPH_END.sub("\n\n", str(value))
    text = _LINE_BREAK.sub("\n", text)
    return html.unescape(strip_tags(text)).strip()
