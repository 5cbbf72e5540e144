from __future__ import annotations

import re

from django import forms

from almenhub.search.analysis import MAX_QUERY_LENGTH
from almenhub.search.engines.base import SearchFilters
from almenhub.search.registry import kind_by_slug

SORTS = [("relevans", "Relevans"), ("nyeste", "Nyeste")]
STATUSES = {"planned", "ongoing", "finished"}


def _number(value: str, *, max_digits: int) -> int | None:
    """ASCII digits only: str.isdigit() also takes "²" and "①", which int()
    refuses, and int() takes "٣" and " 3", which are no page or year here."""
    if re.fullmatch(rf"[0-9]{{1,{max_digits}}}", value):
        return int(value)
    return None


class SearchForm(forms.Form):
    """The search page's URL parameters. Bad values never break the page: each
    is dropped with a message saying which parameter was wrong."""

    q = forms.CharField(required=False, label="Søg", strip=True)
    type = forms.CharField(required=False)
    tema = forms.CharField(required=False)
    status = forms.CharField(required=False)
    aar = forms.CharField(required=False)
    ejer = forms.CharField(required=False)
    program = forms.CharField(required=False)
    sort = forms.CharField(required=False)
    side = forms.CharField(required=False)

    def __init__(self, data, *args, **kwargs) -> None:
        super().__init__(data, *args, **kwargs)
        self.messages: list[str] = []

    def cleaned(self) -> tuple[str, SearchFilters, str, int]:
        self.is_valid()
        data = self.cleaned_data
        query = data.get("q", "")
        if len(query) > MAX_QUERY_LENGTH:
            self.messages.append(
                f"Søgningen er forkortet til de første {MAX_QUERY_LENGTH} tegn."
            )
        filters = SearchFilters()
        if data.get("type"):
            kind = kind_by_slug(data["type"])
            if kind is None:
                self.messages.append(
                    f"Ukendt indholdstype “{data['type']}” – ignoreret."
                )
            else:
                filters.kind = kind.kind
        if data.get("tema"):
            from almenhub.taxonomy.models import Theme

            if Theme.objects.filter(slug=data["tema"]).exists():
                filters.theme = data["tema"]
            else:
                self.messages.append(f"Ukendt tema “{data['tema']}” – ignoreret.")
        if data.get("status"):
            if data["status"] in STATUSES:
                filters.status = data["status"]
            else:
                self.messages.append(f"Ukendt status “{data['status']}” – ignoreret.")
        if data.get("aar"):
            year = _number(data["aar"], max_digits=4)
            if year is not None and 1900 <= year <= 2100:
                filters.year = year
            else:
                self.messages.append(
                    f"Årstallet “{data['aar']}” er ugyldigt – ignoreret."
                )
        for param, attr in (("ejer", "owner"), ("program", "programme")):
            value = data.get(param)
            if value:
                if _number(value, max_digits=11) is not None:
                    setattr(filters, attr, value)
                else:
                    self.messages.append(f"Ugyldig værdi for “{param}” – ignoreret.")
        sort = "newest" if data.get("sort") == "nyeste" else "relevance"
        side = data.get("side") or "1"
        page = _number(side, max_digits=5)
        if not page:
            self.messages.append(f"Sidetallet “{side}” er ugyldigt – viser side 1.")
            page = 1
        return query, filters, sort, page
