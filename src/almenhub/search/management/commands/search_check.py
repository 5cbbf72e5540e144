"""search_check [--repair] — does the search hold exactly the public content?

Thin: the comparison and the repair live in `almenhub.search.drift`. Exits
with an error while they disagree, so that a monitor can run it.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from almenhub.search.drift import search_drift_find, search_drift_repair
from almenhub.search.engines import configured_engine_name


class Command(BaseCommand):
    help = (
        "Sammenligner søgningen med det offentlige indhold og viser forskellene; "
        "med --repair udføres ventende ændringer, og resten rettes."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--repair",
            action="store_true",
            help="Udfør ventende ændringer og ret forskellene.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        engine = configured_engine_name()
        if options["repair"]:
            mended = search_drift_repair()
            for line in mended.lines()[1:]:
                self.stdout.write(f"Rettet: {line}")
        drift = search_drift_find()
        for line in drift.lines():
            self.stdout.write(line)
        if not drift.agrees or drift.pending:
            raise CommandError(
                f"Søgningen ({engine}) stemmer ikke med det offentlige indhold."
                + ("" if options["repair"] else " Kør med --repair for at rette det.")
            )
        self.stdout.write(f"Søgningen ({engine}) stemmer med det offentlige indhold.")
