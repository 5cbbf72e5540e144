"""Every link of a search: a facet option, a page, a sort, an export.

One object builds them all from the parameters the search was given (its
own parameters only, never the rest of a query string) and those a listing
fixes (a theme page fixes `tema`), so the page, the API and the exports
link alike.
"""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import urlencode

from django.urls import reverse

from almenhub.search.facets import (
    PAGE_PARAM,
    QUERY_PARAM,
    SORT_PARAM,
    SORTS,
    known_params,
)


class SearchLinks:
    def __init__(
        self,
        params: Mapping[str, object],
        *,
        fixed: Mapping[str, str] | None = None,
        path: str = "",
    ) -> None:
        # As given, less the page number: every link but a page's starts at 1.
        self.params = {k: v for k, v in known_params(params).items() if k != PAGE_PARAM}
        self.fixed = dict(fixed or {})
        self.path = path  # "" links relative to the page itself

    def _url(self, params: Mapping[str, str], path: str | None = None) -> str:
        query = urlencode(params)
        base = self.path if path is None else path
        return f"{base}?{query}" if query or not base else base

    def with_params(self, **changes: str | None) -> str:
        """This search with some parameters set (None removes one)."""
        params = dict(self.params)
        for key, value in changes.items():
            if value in (None, ""):
                params.pop(key, None)
            else:
                params[key] = str(value)
        return self._url(params)

    def toggle(self, param: str, value: str, *, selected: bool) -> str:
        """A facet option's link: it selects the value, or clears it."""
        return self.with_params(**{param: None if selected else value})

    def page(self, number: int) -> str:
        return self._url({**self.params, PAGE_PARAM: str(number)})

    def sort(self, value: str) -> str:
        """The link to sort by a URL sort value ("nyeste")."""
        return self.with_params(**{SORT_PARAM: value})

    def sorts(self, current: str) -> list[tuple[str, str, bool]]:
        """(label, link, whether it is the current one) for each sort."""
        return [
            (label, self.sort(value), sort == current)
            for value, (sort, label) in SORTS.items()
        ]

    def hidden_fields(self) -> list[tuple[str, str]]:
        """What the search box resubmits beside the query: the filters and
        the sort, less those the listing fixes itself."""
        return [
            (k, v)
            for k, v in self.params.items()
            if k != QUERY_PARAM and k not in self.fixed
        ]

    def export(self, url_name: str) -> str:
        """The export of every hit, at the export view named: the listing's
        fixed parameters included, as the export has no page to fix them."""
        return self._url({**self.params, **self.fixed}, reverse(url_name))

    def all_params(self) -> dict[str, str]:
        return {**self.params, **self.fixed}


def search_url(**params: str) -> str:
    """The search page for these parameters (an organisation's projects)."""
    return SearchLinks(params, path=reverse("search:search")).with_params()
