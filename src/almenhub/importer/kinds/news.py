"""The old site's news articles (/nyheder/<år>/<måned>/<slug>/): NewsPage
under the news index, dated from the old address when the page has no date.

An article's text: its title, a photo-credit line ("Foto: …"), the lead, a
byline ("Af <name>", "Af <name> for <organisation>", "Af: …"), then the body
with sub-headings and quotes (“…” and the sender on the next line).
"""

from __future__ import annotations

import datetime
import hashlib
import json
import re
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING

from django.utils import timezone

from almenhub.news.services import news_article_import

from ..addresses import OldAddress, source_key_for
from ..parsing import ParseError
from ..parsing.articles import ArticlePart, article_body, block_text, page_blocks
from ..streams import article_stream
from ..summary import FileResult, error_result
from .common import page_written

if TYPE_CHECKING:
    from ..context import ImportContext

_PHOTO = re.compile(r"^fotos?\s*[:–-]\s*(?P<credit>.+)$", re.IGNORECASE)
_BYLINE = re.compile(r"^af:?\s+(?P<who>.+)$", re.IGNORECASE)


@dataclass
class NewsRecord:
    title: str
    teaser: str = ""
    byline: str = ""
    image_credit: str = ""
    body: list[ArticlePart] = field(default_factory=list)
    date: datetime.date | None = None

    def checksum(self) -> str:
        # The body as it was fingerprinted before articles had parts, so
        # that articles imported then stay unchanged.
        body = [
            (p.kind, *p.items)
            if p.kind == "list"
            else (p.kind, p.text, p.attribution)
            if p.kind == "quote"
            else (p.kind, p.text)
            for p in self.body
        ]
        payload = json.dumps(
            {**asdict(self), "body": body}, sort_keys=True, default=str
        )
        return hashlib.sha256(payload.encode()).hexdigest()


def news_parse(data: bytes, *, name: str = "nyhed.txt") -> NewsRecord:
    title, blocks = page_blocks(data, name=name, what="Nyheden")
    record = NewsRecord(title=title)
    # Credit, lead and byline come first, in the old site's order.
    while blocks:
        text = block_text(blocks[0])
        if _PHOTO.match(text) and not record.image_credit:
            record.image_credit = text  # shown as written, "Foto: …"
        elif (found := _BYLINE.match(text)) and not record.byline and len(text) < 200:
            record.byline = found["who"].strip()
        elif not record.teaser and not record.byline:
            record.teaser = text
        else:
            break
        blocks.pop(0)
    record.body = article_body(blocks)
    return record


def news_import(
    *, name: str, data: bytes, context: ImportContext, old: OldAddress | None
) -> FileResult:
    try:
        record = news_parse(data, name=name)
    except ParseError as error:
        return error_result(name, error.message, error.line)
    if old is not None and old.news_year and not record.date:
        record.date = datetime.date(old.news_year, old.news_month or 1, 1)
    return page_written(
        name=name,
        context=context,
        write=lambda: news_article_import(
            source_key=old.source_key if old else source_key_for(name),
            checksum=record.checksum(),
            title=record.title,
            date=record.date or timezone.localdate(),
            byline=record.byline,
            teaser=record.teaser,
            image_credit=record.image_credit,
            body=article_stream(record.body),
            batch=context.page_batch,
            index=context.news_index(),
        ),
    )
