"""What the parser needs to know of the hub (themes, series, organisations),
kept consistent with the database for the length of one run."""

from __future__ import annotations

from collections.abc import Iterable

from almenhub.core.text import normalise_name
from almenhub.organisations.models import Organisation
from almenhub.projects.records import ProjectRecord
from almenhub.publications.models import PublicationSeries
from almenhub.taxonomy.models import Theme

from .parsing import Vocabulary


def vocabulary_load() -> Vocabulary:
    themes: dict[str, list[str]] = {}
    parents = {t.pk: t.name for t in Theme.objects.filter(parent__isnull=True)}
    for name in parents.values():
        themes[name] = []
    for child in Theme.objects.filter(parent__isnull=False).order_by("sort_order"):
        if child.parent_id is not None:
            themes[parents[child.parent_id]].append(child.name)
    series = list(PublicationSeries.objects.values_list("name", flat=True))
    organisations = list(Organisation.objects.values_list("name", flat=True))
    return Vocabulary(themes=themes, series=series, organisations=organisations)


class OrganisationNames:
    """Stored spelling of every organisation, keyed case- and space-blind.

    `organisation_find` narrows its candidates with `icontains`, which SQLite
    applies case-blind to ASCII letters only, so "ØSTERBO" does not find
    "Østerbo" there. Handing the write path the stored spelling makes the
    match exact on every database, and keeps the record (and its checksum)
    the same from one run to the next.
    """

    def __init__(self) -> None:
        self._names: dict[str, str] | None = None

    def _load(self) -> dict[str, str]:
        if self._names is None:
            self._names = {}
            for name in Organisation.objects.values_list("name", flat=True):
                self._names.setdefault(normalise_name(name), name)
        return self._names

    def canonical(self, name: str) -> str:
        if not name.strip():
            return name
        return self._load().get(normalise_name(name), " ".join(name.split()))

    def remember(self, names: Iterable[str]) -> None:
        known = self._load()
        for name in names:
            if name.strip():
                known.setdefault(normalise_name(name), " ".join(name.split()))

    def apply(self, record: ProjectRecord) -> None:
        record.owner = self.canonical(record.owner)
        record.participants = [self.canonical(n) for n in record.participants]
        for contact in record.contacts:
            contact.organisation = self.canonical(contact.organisation)
