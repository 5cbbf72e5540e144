"""What the parser must know of the hub: the themes (to split theme lines)
and the publication series."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from almenhub.core.text import normalise_name

from .tokens import MAX_THEME, ParseError, clean


@dataclass
class Vocabulary:
    themes: Mapping[str, Sequence[str]] = field(default_factory=dict)
    series: Sequence[str] = ()
    # Organisations the hub knows: a name among them is never split, and
    # they mark where a "Name, Organisation" run may be cut safely.
    organisations: Sequence[str] = ()

    def __post_init__(self) -> None:
        # Longest parent first, so that a parent whose name starts with
        # another parent's name is not cut short.
        self._parents: list[tuple[str, str]] = sorted(
            ((clean(p).lower(), clean(p)) for p in self.themes),
            key=lambda item: -len(item[0]),
        )
        self._children: dict[str, dict[str, str]] = {
            clean(parent): {normalise_name(c): clean(c) for c in children}
            for parent, children in self.themes.items()
        }
        self._series: dict[str, str] = {normalise_name(s): s for s in self.series}
        self._organisations: dict[str, str] = {
            normalise_name(o): clean(o) for o in self.organisations
        }
        # Longest first, for prefix matches.
        self._organisation_prefixes: list[str] = sorted(
            {clean(o) for o in self.organisations}, key=len, reverse=True
        )

    def find_child(self, name: str) -> tuple[str, str] | None:
        """(parent, child) of a child theme named `name`."""
        key = normalise_name(name)
        for parent, children in self._children.items():
            if key in children:
                return parent, children[key]
        return None

    def known_organisation(self, name: str) -> str | None:
        return self._organisations.get(normalise_name(name))

    def organisation_prefix(self, text: str) -> str | None:
        """The longest known organisation that `text` starts with, as a
        whole word."""
        for name in self._organisation_prefixes:
            if text.startswith(name) and text[len(name) : len(name) + 1] in ("", " "):
                return name
        return None

    def split_themes(self, text: str, line: int) -> list[tuple[str, str]]:
        """ "Parent Child, Other child" → one (parent, child) per child.

        A known child is matched whole (its name may hold a comma); the rest
        is cut at commas.
        """
        parent, rest = self.split_theme(text, line)
        known = sorted(self._children[parent].values(), key=len, reverse=True)
        themes: list[tuple[str, str]] = []
        while rest:
            child = next(
                (
                    k
                    for k in known
                    if rest.casefold().startswith(k.casefold())
                    and rest[len(k) : len(k) + 1] in ("", ",")
                ),
                None,
            )
            if child is None:
                child = rest.split(",", 1)[0].strip()
            rest = rest[len(child) :].lstrip(" ,")
            if child:
                themes.append(
                    (parent, self._children[parent].get(normalise_name(child)) or child)
                )
        return themes

    def split_theme(self, text: str, line: int) -> tuple[str, str]:
        """ "Parent Child" run together → (parent, child), against the taxonomy.

        A child the taxonomy does not know is kept as written (the write path
        creates it under its parent); an unknown parent is an error, because
        guessing where the parent ends would invent themes.
        """
        text = clean(text)
        lowered = text.lower()
        for key, parent in self._parents:
            if not lowered.startswith(key):
                continue
            rest = text[len(key) :]
            if rest and rest[0].isalnum():
                continue  # the parent name is only a prefix of a longer word
            child = rest.strip(" ›>»/|:-–—")
            if not child:
                raise ParseError(f"Temaet “{text}” mangler et undertema.", line)
            if len(child) > MAX_THEME:
                raise ParseError(f"Undertemaet “{child[:40]}…” er for langt.", line)
            known = self._children[parent].get(normalise_name(child))
            return parent, known or child
        raise ParseError(f"Temaet “{text}” begynder ikke med et kendt hovedtema.", line)

    def add_theme(self, parent: str, child: str) -> None:
        """Remember a child the write path created, so later pages spell it the
        same way (and so re-imports produce the same record)."""
        children = self._children.setdefault(clean(parent), {})
        children.setdefault(normalise_name(child), clean(child))

    def find_series(self, name: str) -> str | None:
        return self._series.get(normalise_name(name))
