"""The old site's news articles: read into a record, written as NewsPage
under the news index, with a published revision per change.

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

from django.db import transaction
from django.utils import timezone
from django.utils.html import escape
from wagtail.models import Revision

from almenhub.core.pages.tree import unique_child_slug
from almenhub.news.models import NewsPage
from almenhub.news.services import news_index_get_or_create
from almenhub.projects.services import Outcome

from .addresses import OldAddress
from .parsing import ParseError, decode_page
from .parsing.fields import heading_like, title_like
from .parsing.tokens import BLANK, LINE, QUOTE_STRIP, tokenise_text

_PHOTO = re.compile(r"^fotos?\s*[:–-]\s*(?P<credit>.+)$", re.IGNORECASE)
_BYLINE = re.compile(r"^af:?\s+(?P<who>.+)$", re.IGNORECASE)
_OPENING = '“„"«»'
_CLOSING = '”“"»«'


@dataclass
class NewsRecord:
    title: str
    teaser: str = ""
    byline: str = ""
    image_credit: str = ""
    # ("heading", text), ("paragraph", text) or ("quote", text, attribution)
    body: list[tuple[str, ...]] = field(default_factory=list)
    date: datetime.date | None = None

    def checksum(self) -> str:
        payload = json.dumps(asdict(self), sort_keys=True, default=str)
        return hashlib.sha256(payload.encode()).hexdigest()


def _blocks(text: str) -> list[list[str]]:
    blocks: list[list[str]] = [[]]
    for token in tokenise_text(text.removeprefix("\ufeff")):
        if token.kind == BLANK:
            if blocks[-1]:
                blocks.append([])
        else:
            blocks[-1].append(token.text if token.kind == LINE else token.text)
    return [b for b in blocks if b]


def news_parse(data: bytes) -> NewsRecord:
    blocks = _blocks(decode_page(data))
    if not blocks:
        raise ParseError("Filen er tom.", 1)
    first = blocks[0][0]
    if not title_like(first):
        raise ParseError(
            "Nyheden har ingen titellinje: den første linje er et afsnit "
            f"({len(first)} tegn), ikke en titel.",
            1,
        )
    record = NewsRecord(title=first)
    blocks[0] = blocks[0][1:]
    rest = [b for b in blocks if b]
    # Credit, lead and byline come first, in the old site's order.
    while rest:
        text = " ".join(rest[0])
        if (found := _PHOTO.match(text)) and not record.image_credit:
            record.image_credit = text  # shown as written, "Foto: …"
        elif (found := _BYLINE.match(text)) and not record.byline and len(text) < 200:
            record.byline = found["who"].strip()
        elif not record.teaser and not record.byline:
            record.teaser = text
        else:
            break
        rest.pop(0)
    index = 0
    while index < len(rest):
        lines = rest[index]
        index += 1
        text = " ".join(lines)
        if text[0] in _OPENING and text[-1] in _CLOSING and len(text) > 12:
            attribution = ""
            following = rest[index] if index < len(rest) else []
            if len(following) == 1 and len(following[0]) <= 150:
                if not following[0].endswith("."):
                    attribution = following[0].lstrip("–—- ").strip()
                    index += 1
            record.body.append(("quote", text.strip(QUOTE_STRIP).strip(), attribution))
            continue
        if len(lines) >= 2 and heading_like(lines[0], lines[1]):
            record.body.append(("heading", lines[0]))
            lines = lines[1:]
        elif len(lines) == 1 and heading_like(lines[0], "X") and index < len(rest):
            record.body.append(("heading", lines[0]))
            continue
        record.body.append(("paragraph", " ".join(lines)))
    return record


def _stream(record: NewsRecord) -> list[tuple[str, object]]:
    stream: list[tuple[str, object]] = []
    for part in record.body:
        if part[0] == "heading":
            stream.append(("heading", part[1]))
        elif part[0] == "quote":
            stream.append(("quote", {"text": part[1], "attribution": part[2]}))
        else:
            stream.append(("paragraph", f"<p>{escape(part[1])}</p>"))
    return stream


@dataclass
class NewsResult:
    page: NewsPage
    outcome: Outcome


@transaction.atomic
def news_upsert(
    *, record: NewsRecord, address: OldAddress | None, source_key: str
) -> NewsResult:
    """Create or update the article, publishing a revision; an article with
    an editor's unpublished draft is left alone (a conflict)."""
    if address is not None and address.news_year and not record.date:
        record.date = datetime.date(address.news_year, address.news_month or 1, 1)
    checksum = record.checksum()
    page = NewsPage.objects.filter(source_key=source_key).first()
    if page is not None and page.source_checksum == checksum:
        return NewsResult(page=page, outcome=Outcome.UNCHANGED)
    if page is not None and page.has_unpublished_changes:
        return NewsResult(page=page, outcome=Outcome.CONFLICT)
    index = news_index_get_or_create()
    created = page is None
    if page is None:
        page = NewsPage(
            title=record.title,
            slug=unique_child_slug(index, record.title),
            source_key=source_key,
        )
    page.title = page.draft_title = record.title
    page.date = record.date or timezone.localdate()
    page.byline = record.byline[:200]
    page.teaser = record.teaser
    page.image_credit = record.image_credit[:200]
    page.body = _stream(record)
    page.source_checksum = checksum
    page.last_published_at = timezone.now()
    if created:
        page.first_published_at = page.last_published_at
        page.live = True
        index.add_child(instance=page)
    revision = Revision.objects.create(
        content_object=page,
        base_content_type=page.get_base_content_type(),
        content=page.serializable_data(),
        object_str=str(page),
    )
    page.latest_revision = page.live_revision = revision
    page.latest_revision_created_at = revision.created_at
    page.has_unpublished_changes = False
    page.save()
    return NewsResult(
        page=page, outcome=Outcome.CREATED if created else Outcome.UPDATED
    )
