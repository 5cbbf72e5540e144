"""import_pages PATH... — import the old site's pages (projects, news, theme,
tool and content pages).

Thin: finding files, parsing and writing live in `almenhub.importer.services`
and the modules it names.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from almenhub.importer.services import ImportSetupError, PageFile, import_paths


class Command(BaseCommand):
    help = (
        "Importerer det gamle sites sider (projekter, nyheder, temasider, værktøjs- "
        "og indholdssider; .txt eller .html), fra filer eller mapper. Samme filer "
        "igen ændrer intet; en rettet fil opdaterer sin side."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("paths", nargs="+", metavar="PATH", type=Path)
        parser.add_argument(
            "--programme",
            help="Programsidens id, kortnavn eller titel. Uden: “Importerede "
            "projekter”, som oprettes under forsiden, hvis den mangler.",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Læs og kontrollér, men gem intet."
        )
        parser.add_argument(
            "--limit", type=int, help="Importér højst så mange filer.", default=None
        )
        parser.add_argument(
            "--report",
            type=Path,
            metavar="FIL.csv",
            help="Skriv en rapport med én linje pr. fil (CSV).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        def progress(files: Sequence[PageFile]) -> Iterable[PageFile]:
            return tqdm(files, file=sys.stderr, unit="side", disable=None)

        try:
            summary = import_paths(
                paths=options["paths"],
                programme=options["programme"],
                dry_run=options["dry_run"],
                limit=options["limit"],
                progress=progress,
                exclusive=True,
            )
        except ImportSetupError as error:
            raise CommandError(str(error)) from error

        for message in summary.error_messages:
            self.stderr.write(f"FEJL {message}")
        for message in summary.conflict_messages:
            self.stderr.write(f"KONFLIKT {message}")
        for message in summary.warning_messages:
            self.stdout.write(f"ADVARSEL {message}")
        for message in summary.duplicates:
            self.stdout.write(f"DUBLET? {message}")
        if options["report"]:
            summary.report_write(options["report"])
            self.stdout.write(f"Rapport: {options['report']}")
        self.stdout.write(f"Program: {summary.programme_title}")
        for line in summary.per_kind_lines():
            self.stdout.write(line)
        self.stdout.write(summary.as_text())
        if summary.errors:
            raise CommandError(
                f"{summary.errors} af {summary.found} sider kunne ikke importeres."
            )
