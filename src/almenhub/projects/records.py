"""Plain records of a project, independent of where it comes from.

The importer's parsers produce them and `project_upsert` writes them, so that
parsing can be tested and benchmarked without a database, and the demo data
goes through the same write path as imported pages.
"""

from __future__ import annotations

import functools
import hashlib
import json
from dataclasses import dataclass, field, fields, is_dataclass


@dataclass
class ContactRecord:
    name: str
    job_title: str = ""
    email: str = ""
    phone: str = ""
    organisation: str = ""


@dataclass
class DeliverableRecord:
    title: str
    description: str = ""
    kind: str = "report"
    series: str = ""  # "AlmenRapport" when the title was "AlmenRapport: …"


@dataclass
class QuoteRecord:
    text: str
    author: str = ""
    role: str = ""


@dataclass
class FactRecord:
    text: str
    heading: str = "Vidste du ..."


@dataclass
class BodyPart:
    kind: str  # "heading", "paragraph" or "list"
    text: str = ""
    items: list[str] = field(default_factory=list)


@dataclass
class ProjectRecord:
    title: str
    teaser: str = ""
    themes: list[tuple[str, str]] = field(default_factory=list)  # (parent, child)
    # Empty when the page does not say: nothing is invented.
    status: str = ""
    publication_year: int | None = None
    owner: str = ""
    participants: list[str] = field(default_factory=list)  # organisation names
    participants_text: str = ""
    # "Samarbejdspartnere" and "Støttet af": names, in the page's order; the
    # write path links those that are organisations and keeps the rest as text.
    partners: list[str] = field(default_factory=list)
    funders: list[str] = field(default_factory=list)
    photo_credit: str = ""  # "Foto: …" under the title of the older pages
    contacts: list[ContactRecord] = field(default_factory=list)
    body: list[BodyPart] = field(default_factory=list)
    deliverables: list[DeliverableRecord] = field(default_factory=list)
    quotes: list[QuoteRecord] = field(default_factory=list)
    facts: list[FactRecord] = field(default_factory=list)
    # What the parser kept but did not understand (an unknown label, say),
    # for the import's summary; each names its line.
    warnings: list[str] = field(default_factory=list)

    def checksum(self) -> str:
        payload = json.dumps(_plain(self), sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(payload.encode()).hexdigest()


_LEAVES = frozenset({str, int, float, bool, type(None)})


@functools.cache
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(cls))


def _plain(value: object) -> object:
    """What `dataclasses.asdict` gives for a record, as JSON sees it, without
    its deep copy of every string (a tenth of a project's write): a record
    holds dataclasses, lists, tuples, strings and numbers only. (Leaves are
    answered first, and a class's field names read once: most values are
    strings.)"""
    if type(value) in _LEAVES:
        return value
    if is_dataclass(value) and not isinstance(value, type):
        return {
            name: _plain(getattr(value, name)) for name in _field_names(type(value))
        }
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    return value
