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
