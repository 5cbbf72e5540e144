from __future__ import annotations

from django.db import transaction

from almenhub.core.pages.tree import (
    ChildPositions,
    page_add_child,
    section_get_or_create,
)
from almenhub.core.text import danish_slugify, normalise_name
from almenhub.publications.models import (
    PublicationIndexPage,
    PublicationPage,
    PublicationSeries,
)


def publication_index_get_or_create() -> PublicationIndexPage:
    return section_get_or_create(
        PublicationIndexPage, title="Publikationer", slug="publikationer"
    )


def series_find(*, name: str) -> PublicationSeries | None:
    key = normalise_name(name)
    return next(
        (s for s in PublicationSeries.objects.all() if normalise_name(s.name) == key),
        None,
    )


class KnownPublications:
    """The publications by series and title, and their index page, as
    `publication_get_or_create` needs them on every call.

    Titles are compared in Python (SQLite's case folding stops at ASCII, so
    Æ/æ differ there), which means reading every title of the series. An
    import that adds thousands of publications reads them once with this and
    then only the rows added since (its own and anyone else's).

    A title it finds is checked against the row before it is used, so a
    publication deleted or renamed meanwhile is not linked by its old title;
    a title renamed *to* shows once it is cleared. It holds only rows its
    transaction has seen, so it must not outlive a rollback: `project_upsert`
    clears it when it fails, and the importer starts afresh every batch.

    `exclusive` is for a transaction that holds the row of the publications'
    index page from before the first lookup (the importer's batches lock it):
    nobody else can add a publication until it commits, so a title not seen
    is new, without reading again. Publications it creates itself are added.
    """

    def __init__(self, *, exclusive: bool = False) -> None:
        self.exclusive = exclusive
        self._titles: dict[int | None, dict[str, int]] = {}
        self._last_pk: dict[int | None, int] = {}
        self._index: PublicationIndexPage | None = None

    def clear(self) -> None:
        self._titles.clear()
        self._last_pk.clear()
        self._index = None

    def _read(self, series: PublicationSeries | None, *, newer: bool) -> None:
        key = series.pk if series is not None else None
        titles = self._titles.setdefault(key, {})
        rows = PublicationPage.objects.filter(series=series)
        if newer:
            rows = rows.filter(pk__gt=self._last_pk.get(key, 0))
        for pk, title in rows.order_by("pk").values_list("pk", "title"):
            titles.setdefault(normalise_name(title), pk)
            self._last_pk[key] = max(pk, self._last_pk.get(key, 0))

    def find(self, *, series: PublicationSeries | None, title: str) -> int | None:
        """The id of the oldest publication with this title in this series."""
        key = series.pk if series is not None else None
        name = normalise_name(title)
        if key not in self._titles:
            self._read(series, newer=False)
        elif name not in self._titles[key] and not self.exclusive:
            self._read(series, newer=True)
        return self._titles[key].get(name)

    def add(self, page: PublicationPage) -> None:
        """A publication the caller has just created."""
        key = page.series_id
        if key in self._titles:
            self._titles[key].setdefault(normalise_name(page.title), page.pk)

    def index(self) -> PublicationIndexPage:
        if self._index is None:
            self._index = publication_index_get_or_create()
        return self._index


@transaction.atomic(savepoint=False)
def publication_get_or_create(
    *,
    title: str,
    series: PublicationSeries | None = None,
    year: int | None = None,
    teaser: str = "",
    known: KnownPublications | None = None,
    positions: ChildPositions | None = None,
) -> tuple[PublicationPage, bool]:
    """A publication page found by title within its series, or a new, live one.

    Pass `known` and `positions` when calling many times in one transaction
    (an import).
    """
    known = known if known is not None else KnownPublications()
    found = known.find(series=series, title=title)
    if found is not None:
        page = PublicationPage.objects.filter(pk=found).first()
        if page is not None and normalise_name(page.title) == normalise_name(title):
            return page, False
        # Deleted or renamed since it was read: read the series again.
        known.clear()
        found = known.find(series=series, title=title)
        if found is not None:
            return PublicationPage.objects.get(pk=found), False
    page = PublicationPage(
        title=" ".join(title.split()),
        slug=danish_slugify(title),
        series=series,
        year=year,
        teaser=teaser,
    )
    page_add_child(
        parent=known.index(), page=page, trusted=["series"], positions=positions
    )
    known.add(page)
    return page, True
