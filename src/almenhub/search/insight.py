"""What people search for, for the editors: each typed search counted per
week under its normalised text, with whether it found anything. No personal
data is kept (see SearchQueryWeek); rows older than a year are removed by a
periodic job (search.jobs)."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import DatabaseError, transaction
from django.db.models import F, QuerySet
from django.utils import timezone

from almenhub.search.models import SearchQueryWeek

logger = logging.getLogger(__name__)

MAX_QUERY = 100
KEEP_WEEKS = 53  # a year, so that a week can be set beside last year's
# What a visitor may type that is personal data rather than a search: an
# e-mail address, a phone number (8 digits, perhaps grouped), a CPR number.
_PERSONAL = re.compile(r"@|\d[\d\s-]{5,}\d")


def normalised(query: str) -> str:
    """The query as the report counts it: lower case, spaces collapsed, the
    search syntax's quotes dropped; "" for one that is not to be kept."""
    text = " ".join(query.replace('"', " ").casefold().split())
    if not text or _PERSONAL.search(text):
        return ""
    return text[:MAX_QUERY]


def week_of(day: date) -> date:
    """The Monday of the day's ISO week."""
    return day - timedelta(days=day.weekday())


def search_query_record(*, query: str, hits: int) -> None:
    """Count one typed search. A failure to count never fails the search."""
    text = normalised(query)
    if not text:
        return
    week = week_of(timezone.localdate())
    zero = 1 if hits == 0 else 0
    rows = SearchQueryWeek.objects.filter(week=week, query=text)
    counts = {
        "searches": F("searches") + 1,
        "zero_hit_searches": F("zero_hit_searches") + zero,
    }
    try:
        with transaction.atomic():
            if not rows.update(**counts):
                # bulk_create sends no post_save: a saved row of a content
                # app would retire every cached page (core.signals).
                SearchQueryWeek.objects.bulk_create(
                    [SearchQueryWeek(week=week, query=text)], ignore_conflicts=True
                )
                rows.update(**counts)
    except DatabaseError:
        logger.warning("Søgningen kunne ikke tælles med i søgestatistikken.")


def search_queries_prune(*, today: date | None = None) -> int:
    """Remove the weeks older than KEEP_WEEKS; returns how many rows went."""
    oldest = week_of(today or timezone.localdate()) - timedelta(weeks=KEEP_WEEKS)
    deleted, _ = SearchQueryWeek.objects.filter(week__lt=oldest).delete()
    return deleted


@dataclass(frozen=True)
class WeekReport:
    week: date
    weeks: list[date]  # every week with searches, newest first
    frequent: list[SearchQueryWeek]
    zero_hits: list[SearchQueryWeek]
    searches: int  # all searches of the week


def weeks_counted() -> list[date]:
    return list(
        SearchQueryWeek.objects.order_by("-week")
        .values_list("week", flat=True)
        .distinct()
    )


def week_report(*, week: date | None = None, limit: int = 50) -> WeekReport:
    """The week's most frequent queries and those that found nothing (the
    newest week counted, unless another is asked for)."""
    weeks = weeks_counted()
    chosen = week or (weeks[0] if weeks else week_of(timezone.localdate()))
    rows: QuerySet[SearchQueryWeek] = SearchQueryWeek.objects.filter(week=chosen)
    return WeekReport(
        week=chosen,
        weeks=weeks,
        frequent=list(rows.order_by("-searches", "query")[:limit]),
        zero_hits=list(
            rows.filter(zero_hit_searches__gt=0).order_by(
                "-zero_hit_searches", "query"
            )[:limit]
        ),
        searches=sum(rows.values_list("searches", flat=True)),
    )
