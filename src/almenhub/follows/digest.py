"""The digest job: one e-mail per follower with what changed in what they
follow since their last digest; nothing when nothing did.

It reads the pages published since the oldest follow's last check once,
with the facet values the search already keeps for them (SearchDocument),
and matches every follow against that set in memory: a theme, programme or
organisation is a dictionary lookup, a saved search without words is its
filters, and a saved search with words asks the search engine once per
distinct query (however many people saved it), then keeps the changed hits.
"""

from __future__ import annotations

import bisect
import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.db.models import Q
from django.http import QueryDict
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page

from almenhub.core.links import site_url
from almenhub.follows.models import Follow, FollowKind, Frequency
from almenhub.follows.services import follow_target, recipient_token
from almenhub.search.analysis import parse_query
from almenhub.search.engines import get_engine
from almenhub.search.engines.base import SearchFilters
from almenhub.search.forms import SearchForm
from almenhub.search.models import SearchDocument
from almenhub.search.planner import plan_query
from almenhub.search.registry import kinds
from almenhub.worker.mail import mail_send

PERIODS = {
    Frequency.DAILY: datetime.timedelta(days=1),
    Frequency.WEEKLY: datetime.timedelta(days=7),
}
# A job scheduled every day at the same hour may start a little early: a
# follow checked up to this much less than a period ago is still due.
SLACK = datetime.timedelta(hours=1)
NEWS_KIND = "news"
# Most hits a saved search with words is asked for; only the changed ones
# among them are kept.
SEARCH_LIMIT = 10_000
CHUNK = 500
# A digest lists the newest few per follow and links to the rest: a mail of
# hundreds of titles is read by nobody (and takes long to build).
ITEMS_PER_SECTION = 10


@dataclass(frozen=True)
class Changed:
    key: str
    kind: str
    title: str
    url: str
    teaser: str
    themes: frozenset[str]
    status: str
    year: int | None
    owner: str
    programme: str
    changed_at: datetime.datetime
    is_new: bool


@dataclass(frozen=True)
class Section:
    follow: Follow
    items: list[Changed]
    more: int
    more_url: str


@dataclass
class DigestReport:
    frequency: str
    follows_due: int = 0
    recipients: int = 0
    mails_sent: int = 0
    pages_changed: int = 0
    searches_run: int = 0


@dataclass
class _ChangedIndex:
    items: list[Changed] = field(default_factory=list)
    by_theme: dict[str, list[Changed]] = field(
        default_factory=lambda: defaultdict(list)
    )
    by_owner: dict[str, list[Changed]] = field(
        default_factory=lambda: defaultdict(list)
    )
    by_programme: dict[str, list[Changed]] = field(
        default_factory=lambda: defaultdict(list)
    )
    by_kind: dict[str, list[Changed]] = field(default_factory=lambda: defaultdict(list))
    by_key: dict[str, Changed] = field(default_factory=dict)

    def add(self, item: Changed) -> None:
        self.items.append(item)
        self.by_key[item.key] = item
        self.by_kind[item.kind].append(item)
        for theme in item.themes:
            self.by_theme[theme].append(item)
        if item.owner:
            self.by_owner[item.owner].append(item)
        if item.programme:
            self.by_programme[item.programme].append(item)


def _page_kinds() -> list[str]:
    return [k.kind for k in kinds() if issubclass(k.model, Page)]


def changed_pages(
    *, since: datetime.datetime, until: datetime.datetime
) -> _ChangedIndex:
    """Public pages published (first or again) in (since, until], with their
    search facets; a page the search does not hold is not public to it."""
    stamps = {
        pk: (last, first)
        for pk, last, first in Page.objects.live()
        .public()
        .filter(last_published_at__gt=since, last_published_at__lte=until)
        .values_list("pk", "last_published_at", "first_published_at")
    }
    index = _ChangedIndex()
    page_kinds = _page_kinds()
    pks = list(stamps)
    for start in range(0, len(pks), CHUNK):
        rows = SearchDocument.objects.filter(
            kind__in=page_kinds, object_id__in=pks[start : start + CHUNK]
        ).values_list(
            "key",
            "kind",
            "object_id",
            "title",
            "url",
            "teaser",
            "themes",
            "status",
            "year",
            "owner",
            "programme",
        )
        for (
            key,
            kind,
            pk,
            title,
            url,
            teaser,
            themes,
            status,
            year,
            owner,
            prog,
        ) in rows:
            last, first = stamps[pk]
            index.add(
                Changed(
                    key=key,
                    kind=kind,
                    title=title,
                    url=url,
                    teaser=teaser[:300],
                    themes=frozenset(themes or ()),
                    status=status,
                    year=year,
                    owner=owner,
                    programme=prog,
                    changed_at=last,
                    is_new=first is not None and first > since,
                )
            )
    return index


def _matches_filters(item: Changed, filters: SearchFilters) -> bool:
    return (
        (not filters.kind or item.kind == filters.kind)
        and (not filters.theme or filters.theme in item.themes)
        and (not filters.status or item.status == filters.status)
        and (filters.year is None or item.year == filters.year)
        and (not filters.owner or item.owner == filters.owner)
        and (not filters.programme or item.programme == filters.programme)
    )


class _Matcher:
    """Each distinct target is matched once, whoever follows it."""

    def __init__(self, index: _ChangedIndex) -> None:
        self.index = index
        self.searches_run = 0
        self._cache: dict[tuple[str, str], list[Changed]] = {}
        self._urls: dict[tuple[str, str], str] = {}
        self._stamps: dict[tuple[str, str], list[float]] = {}

    def url_of(self, kind: str, target: str) -> str:
        """Where the rest of a follow's news is listed (site path)."""
        key = (kind, target)
        if key not in self._urls:
            try:
                self._urls[key] = follow_target(kind=kind, target=target).url
            except ValidationError:
                self._urls[key] = "/"
        return self._urls[key]

    def __call__(self, kind: str, target: str) -> list[Changed]:
        """The target's changed pages, newest first (computed once)."""
        key = (kind, target)
        if key not in self._cache:
            items = sorted(
                self._match(kind, target), key=lambda i: i.changed_at, reverse=True
            )
            self._cache[key] = items
            self._stamps[key] = [-i.changed_at.timestamp() for i in items]
        return self._cache[key]

    def newer_than(
        self, kind: str, target: str, start: datetime.datetime
    ) -> list[Changed]:
        """The target's pages changed after `start`, newest first: a slice
        found by bisection, since most followers share a target."""
        items = self(kind, target)
        end = bisect.bisect_left(self._stamps[(kind, target)], -start.timestamp())
        return items[:end]

    def _match(self, kind: str, target: str) -> list[Changed]:
        index = self.index
        if kind == FollowKind.THEME:
            return index.by_theme.get(target, [])
        if kind == FollowKind.PROGRAMME:
            return index.by_programme.get(target, [])
        if kind == FollowKind.ORGANISATION:
            return index.by_owner.get(target, [])
        if kind == FollowKind.NEWS:
            return index.by_kind.get(NEWS_KIND, [])
        if kind == FollowKind.SEARCH:
            return self._search(target)
        return []

    def _search(self, target: str) -> list[Changed]:
        text, filters, _sort, _page = SearchForm(QueryDict(target)).cleaned()
        candidates = [i for i in self.index.items if _matches_filters(i, filters)]
        parsed = parse_query(text)
        if parsed.is_empty or not candidates:
            return candidates
        self.searches_run += 1
        found = get_engine().search(
            plan_query(parsed),
            filters,
            sort="relevance",
            offset=0,
            limit=SEARCH_LIMIT,
            facets=False,
        )
        keys = set(found.keys)
        return [i for i in candidates if i.key in keys]


def due_follows(*, frequency: str, now: datetime.datetime):
    cutoff = now - PERIODS[frequency] + SLACK
    return (
        Follow.objects.filter(frequency=frequency, confirmed_at__isnull=False)
        # Never checked: due at once, covering what changed since it began.
        .filter(Q(checked_until__isnull=True) | Q(checked_until__lte=cutoff))
        .select_related("user")
        .order_by("user_id", "email", "pk")
    )


def _since(follow: Follow, now: datetime.datetime, frequency: str) -> datetime.datetime:
    if follow.checked_until is not None:
        return follow.checked_until
    # A first digest covers one period back, never before the follow began.
    return max(follow.confirmed_at or now, now - PERIODS[frequency])


def _mail(
    *, recipient_key: str, email: str, sections: list[Section]
) -> EmailMultiAlternatives:
    token = recipient_token(recipient_key)
    base = site_url("")
    unsubscribe_url = site_url(reverse("follows:unsubscribe", args=[token]))
    manage_url = site_url(reverse("follows:manage", args=[token]))
    count = len({item.key for section in sections for item in section.items})
    context = {
        "sections": sections,
        "count": count,
        "base_url": base,
        "unsubscribe_url": unsubscribe_url,
        "manage_url": manage_url,
    }
    message = EmailMultiAlternatives(
        subject=(
            f"almenhub: nyt i {sections[0].follow.label}"
            + (f" og {len(sections) - 1} andre, du følger" if len(sections) > 1 else "")
        ),
        body=render_to_string("follows/email/digest.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[email],
        headers={
            # RFC 8058: mail clients offer a one-click unsubscribe that POSTs
            # to the link without the reader opening it.
            "List-Unsubscribe": f"<{unsubscribe_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    message.attach_alternative(
        render_to_string("follows/email/digest.html", context), "text/html"
    )
    return message


def _grouped(follows: Iterable[Follow]) -> Iterable[list[Follow]]:
    batch: list[Follow] = []
    current = None
    for follow in follows:
        if follow.recipient_key != current and batch:
            yield batch
            batch = []
        current = follow.recipient_key
        batch.append(follow)
    if batch:
        yield batch


def digest_run(*, frequency: str, now: datetime.datetime | None = None) -> DigestReport:
    """Send the digests of one frequency that are due; mark every due follow
    checked up to `now`, whether or not it had news."""
    now = now or timezone.now()
    report = DigestReport(frequency=frequency)
    follows = list(due_follows(frequency=frequency, now=now))
    report.follows_due = len(follows)
    if not follows:
        return report
    since = min(_since(f, now, frequency) for f in follows)
    index = changed_pages(since=since, until=now)
    report.pages_changed = len(index.items)
    match = _Matcher(index)
    for group in _grouped(follows):
        report.recipients += 1
        sections = []
        seen: set[str] = set()
        for follow in group:
            newer = match.newer_than(
                follow.kind, follow.target, _since(follow, now, frequency)
            )
            shown: list[Changed] = []
            for item in newer:
                if item.key not in seen:
                    shown.append(item)
                    if len(shown) == ITEMS_PER_SECTION:
                        break
            if shown:
                seen.update(i.key for i in shown)
                sections.append(
                    Section(
                        follow=follow,
                        items=shown,
                        # This follow's other changed pages, listed on its page
                        # (some may stand in an earlier section of the mail).
                        more=len(newer) - len(shown),
                        more_url=match.url_of(follow.kind, follow.target),
                    )
                )
        email = group[0].recipient_email
        if sections and email:
            # To the worker's queue: sent with retries, one task per mail.
            mail_send(
                message=_mail(
                    recipient_key=group[0].recipient_key, email=email, sections=sections
                )
            )
            report.mails_sent += 1
    pks = [f.pk for f in follows]
    for start in range(0, len(pks), CHUNK):
        Follow.objects.filter(pk__in=pks[start : start + CHUNK]).update(
            checked_until=now
        )
    report.searches_run = match.searches_run
    return report
