"""The editors' report of what people search for (Rapporter › Søgeord)."""

from __future__ import annotations

from datetime import date, timedelta

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_GET

from almenhub.search.insight import week_of, week_report
from almenhub.search.links import search_url

PERMISSION = "wagtailadmin.access_admin"
WEEK_PARAM = "uge"


def week_label(week: date) -> str:
    end = week + timedelta(days=6)
    return f"Uge {week:%V}, {week:%Y} ({week.day}/{week.month}–{end.day}/{end.month})"


def _week_asked(raw: str) -> tuple[date | None, str]:
    """The week a `?uge=2026-W49` names, or why it names none."""
    if not raw:
        return None, ""
    try:
        return week_of(date.fromisoformat(f"{raw}-1")), ""
    except ValueError:
        return None, f"“{raw[:20]}” er ikke en uge; skriv den som 2026-W49."


@require_GET
def search_queries(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied
    week, problem = _week_asked(str(request.GET.get(WEEK_PARAM, ""))[:40])
    report = week_report(week=week)
    weeks = [(f"{w:%G-W%V}", week_label(w), w == report.week) for w in report.weeks]

    def rows(items):
        return [(row, search_url(q=row.query)) for row in items]

    return TemplateResponse(
        request,
        "search/admin/queries.html",
        {
            "report": report,
            "week_label": week_label(report.week),
            "weeks": weeks,
            "problem": problem,
            "frequent": rows(report.frequent),
            "zero_hits": rows(report.zero_hits),
            "promotions_url": reverse("wagtailsearchpromotions:index"),
            "page_title": "Søgeord",
            "header_title": "Søgeord",
            "header_icon": "search",
        },
    )
