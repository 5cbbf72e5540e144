from __future__ import annotations

from django import forms

from almenhub.search.analysis import MAX_QUERY_LENGTH
from almenhub.search.engines.base import SearchFilters
from almenhub.search.facets import (
    FACETS,
    PAGE_PARAM,
    QUERY_PARAM,
    SORT_PARAM,
    SORTS,
    number,
)

MAX_PAGE_DIGITS = 5


class _SearchParameters(forms.Form):
    """The search page's URL parameters (see search.facets). Bad values never
    break the page: each is dropped with a message saying which parameter
    was wrong."""

    def __init__(self, data, *args, **kwargs) -> None:
        super().__init__(data, *args, **kwargs)
        self.messages: list[str] = []

    def cleaned(self) -> tuple[str, SearchFilters, str, int]:
        self.is_valid()
        data = self.cleaned_data
        query = data.get(QUERY_PARAM, "")
        if len(query) > MAX_QUERY_LENGTH:
            self.messages.append(
                f"Søgningen er forkortet til de første {MAX_QUERY_LENGTH} tegn."
            )
        filters = SearchFilters()
        for facet in FACETS:
            raw = data.get(facet.param)
            if not raw:
                continue
            value = facet.read(raw)
            if value is None:
                self.messages.append(facet.message(raw))
            else:
                setattr(filters, facet.attr, value)
        sort = SORTS.get(data.get(SORT_PARAM) or "", SORTS["relevans"])[0]
        side = data.get(PAGE_PARAM) or "1"
        page = number(side, max_digits=MAX_PAGE_DIGITS)
        if not page:
            self.messages.append(f"Sidetallet “{side}” er ugyldigt – viser side 1.")
            page = 1
        return query, filters, sort, page


def _declared_fields() -> dict[str, forms.Field]:
    fields: dict[str, forms.Field] = {
        QUERY_PARAM: forms.CharField(required=False, label="Søg", strip=True)
    }
    for name in (*(facet.param for facet in FACETS), SORT_PARAM, PAGE_PARAM):
        fields[name] = forms.CharField(required=False)
    return fields


# A form class whose fields are the declared parameters, as if written out.
SearchForm = type("SearchForm", (_SearchParameters,), _declared_fields())
