"""What an import did, file by file, and its counts per kind of page."""

from __future__ import annotations

import csv
from dataclasses import asdict, dataclass, field
from itertools import combinations
from pathlib import Path
from typing import cast

from almenhub.core.text import normalise_name
from almenhub.projects.services import Outcome

from .addresses import KIND_LABELS, PROJECT

ERROR = "error"
_OUTCOME_LABELS = {
    Outcome.CREATED: "oprettet",
    Outcome.UPDATED: "opdateret",
    Outcome.UNCHANGED: "uændret",
    Outcome.CONFLICT: "konflikt",
    ERROR: "fejl",
}


@dataclass
class FileResult:
    name: str
    outcome: str  # an Outcome value, or ERROR
    message: str = ""
    title: str = ""
    page_id: int | None = None
    kind: str = PROJECT
    address: str = ""
    scheme: str = ""
    owner: str = ""
    redirects: int = 0
    warnings: list[str] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        return self.outcome == ERROR


def error_result(name: str, message: str, line: int | None = None) -> FileResult:
    """A file that could not be imported, its name (and line) in the message."""
    where = f"{name}, linje {line}" if line else name
    return FileResult(name=name, outcome=ERROR, message=f"{where}: {message}")


def conflict_message(name: str, title: str) -> str:
    return (
        f"{name}: “{title}” har en kladde, som en redaktør ikke har udgivet; "
        "importen er ikke gemt. Udgiv eller kassér kladden, og importér igen."
    )


@dataclass
class ImportSummary:
    dry_run: bool = False
    results: list[FileResult] = field(default_factory=list)
    programme_title: str = ""

    def _count(self, outcome: str, kind: str | None = None) -> int:
        return sum(
            1
            for r in self.results
            if r.outcome == outcome and (kind is None or r.kind == kind)
        )

    @property
    def found(self) -> int:
        return len(self.results)

    @property
    def created(self) -> int:
        return self._count(Outcome.CREATED)

    @property
    def updated(self) -> int:
        return self._count(Outcome.UPDATED)

    @property
    def unchanged(self) -> int:
        return self._count(Outcome.UNCHANGED)

    @property
    def conflicts(self) -> int:
        return self._count(Outcome.CONFLICT)

    @property
    def errors(self) -> int:
        return self._count(ERROR)

    @property
    def redirects(self) -> int:
        return sum(r.redirects for r in self.results)

    @property
    def warnings(self) -> int:
        return sum(len(r.warnings) for r in self.results)

    @property
    def error_messages(self) -> list[str]:
        return [r.message for r in self.results if r.failed]

    @property
    def conflict_messages(self) -> list[str]:
        return [r.message for r in self.results if r.outcome == Outcome.CONFLICT]

    @property
    def warning_messages(self) -> list[str]:
        return [f"{r.name}, {w}" for r in self.results for w in r.warnings]

    def counts_for(self, kind: str | None = None) -> list[tuple[str, int]]:
        results = [r for r in self.results if kind is None or r.kind == kind]
        return [
            ("Fundet", len(results)),
            ("Oprettet", self._count(Outcome.CREATED, kind)),
            ("Opdateret", self._count(Outcome.UPDATED, kind)),
            ("Uændret", self._count(Outcome.UNCHANGED, kind)),
            ("Omdirigeringer", sum(r.redirects for r in results)),
            ("Advarsler", sum(len(r.warnings) for r in results)),
            ("Konflikter", self._count(Outcome.CONFLICT, kind)),
            ("Fejl", self._count(ERROR, kind)),
        ]

    @property
    def counts(self) -> list[tuple[str, int]]:
        return self.counts_for(None)

    def as_text(self) -> str:
        line = " · ".join(f"{label}: {count}" for label, count in self.counts)
        if self.dry_run:
            return f"Prøvekørsel, intet er gemt. {line}"
        return line

    def per_kind_lines(self) -> list[str]:
        kinds = dict.fromkeys(r.kind for r in self.results)
        return [
            f"{KIND_LABELS.get(kind, kind)}: "
            + " · ".join(f"{label}: {n}" for label, n in self.counts_for(kind))
            for kind in kinds
        ]

    @property
    def duplicates(self) -> list[str]:
        """Projects that look like one project under both schemes (the same
        title, or one title inside the other, and the same owner): for an
        editor to merge, never merged by guess."""
        by_owner: dict[str, list[FileResult]] = {}
        for r in self.results:
            if r.kind == PROJECT and r.page_id and r.scheme and not r.failed:
                by_owner.setdefault(normalise_name(r.owner), []).append(r)
        found: list[str] = []
        seen: set[tuple[int, int]] = set()
        for group in by_owner.values():
            titled = [(normalise_name(r.title), r) for r in group]
            for (a_title, a), (b_title, b) in combinations(titled, 2):
                if a.scheme == b.scheme or a.page_id == b.page_id:
                    continue
                a_id, b_id = cast(int, a.page_id), cast(int, b.page_id)  # set: above
                pair = (min(a_id, b_id), max(a_id, b_id))
                if pair in seen:
                    continue
                if a_title == b_title or a_title in b_title or b_title in a_title:
                    seen.add(pair)
                    found.append(
                        f"Muligvis samme projekt: “{a.title}” ({a.address}) og "
                        f"“{b.title}” ({b.address})"
                    )
        return found

    def report_write(self, path: Path) -> None:
        """One row per file, for an editor to go through in a spreadsheet."""
        with path.open("w", encoding="utf-8", newline="") as out:
            writer = csv.writer(out)
            writer.writerow(
                [
                    "fil",
                    "gammel_adresse",
                    "type",
                    "udfald",
                    "side_id",
                    "titel",
                    "omdirigeringer",
                    "advarsler",
                    "besked",
                ]
            )
            for r in self.results:
                writer.writerow(
                    [
                        r.name,
                        r.address,
                        KIND_LABELS.get(r.kind, r.kind),
                        _OUTCOME_LABELS.get(r.outcome, r.outcome),
                        r.page_id or "",
                        r.title,
                        r.redirects,
                        " | ".join(r.warnings),
                        r.message,
                    ]
                )


def summary_to_data(summary: ImportSummary) -> dict:
    """The summary as JSON, kept with an admin import (`summary_from_data`)."""
    return asdict(summary)


def summary_from_data(data: dict) -> ImportSummary:
    results = [FileResult(**result) for result in data.get("results", [])]
    return ImportSummary(
        dry_run=data.get("dry_run", False),
        results=results,
        programme_title=data.get("programme_title", ""),
    )
