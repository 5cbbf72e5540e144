"""Filters of a page listing that is read from the database (examples,
publications), as links that toggle one value and keep the others.

The search's own listings build their links with search.links.SearchLinks;
these listings filter by values the search does not index (an example's
operations task, a publication's series), so they carry their own
parameters in the same shape: one value per parameter, a chosen value's
link clears it, and every filter link starts again at page 1.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from urllib.parse import urlencode

PAGE_PARAM = "side"


def param_text(params: Mapping[str, object], name: str) -> str:
    """A query string's value as text to look up: trimmed, and without NUL
    characters, which no stored value holds and PostgreSQL refuses in a
    query (the lookup then finds nothing and the listing says so)."""
    return str(params.get(name) or "").replace("\x00", "").strip()


@dataclass
class FilterOption:
    value: str
    label: str
    count: int
    selected: bool = False
    parent_label: str = ""
    url: str = ""  # the link that selects it, or clears it when selected


@dataclass
class FilterGroup:
    param: str
    label: str
    options: list[FilterOption] = field(default_factory=list)


@dataclass(frozen=True)
class ListingLinks:
    """Links of a listing whose parameters are `params` (names in order)."""

    current: Mapping[str, str]
    params: tuple[str, ...]

    @classmethod
    def from_query(
        cls, query: Mapping[str, object], *, params: Iterable[str]
    ) -> ListingLinks:
        names = tuple(params)
        return cls(
            current={
                name: str(query.get(name))
                for name in names
                if query.get(name) not in ("", None)
            },
            params=names,
        )

    def _url(self, values: Mapping[str, str]) -> str:
        query = urlencode([(p, values[p]) for p in self.params if values.get(p)])
        return f"?{query}" if query else "?"

    def toggle(self, param: str, value: str, *, selected: bool) -> str:
        values = dict(self.current)
        values.pop(PAGE_PARAM, None)
        if selected:
            values.pop(param, None)
        else:
            values[param] = value
        return self._url(values)

    def without(self, param: str) -> str:
        return self.toggle(param, "", selected=True)

    def filters_query(self) -> str:
        """The chosen filters as a query string ("" for none), for a link to
        another view of the same selection (the list's map)."""
        query = self.without(PAGE_PARAM)
        return "" if query == "?" else query

    def page(self, number: int) -> str:
        return self._url({**self.current, PAGE_PARAM: str(number)})

    def link_options(self, groups: Iterable[FilterGroup]) -> None:
        for group in groups:
            for option in group.options:
                option.url = self.toggle(
                    group.param, option.value, selected=option.selected
                )


def filter_group(
    *,
    param: str,
    label: str,
    rows: Iterable[tuple[str, str, int, str]],
    chosen: str,
) -> FilterGroup:
    """A group of (value, label, count, parent label) rows: those that would
    show something, and the chosen value even when nothing matches it (so
    that it can be seen and cleared)."""
    return FilterGroup(
        param=param,
        label=label,
        options=[
            FilterOption(value, text, count, value == chosen, parent)
            for value, text, count, parent in rows
            if count or value == chosen
        ],
    )


def chosen_filters(groups: Iterable[FilterGroup]) -> list[tuple[str, str, str]]:
    """(filter label, value label, link that removes it) for each chosen value:
    the "Valgte filtre" line above the options."""
    return [
        (group.label, option.label, option.url)
        for group in groups
        for option in group.options
        if option.selected
    ]
