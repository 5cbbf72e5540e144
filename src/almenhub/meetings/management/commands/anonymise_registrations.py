from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from almenhub.meetings.services import anonymise_after_months, registrations_anonymise


class Command(BaseCommand):
    help = (
        "Anonymisér tilmeldinger til møder, der sluttede for mere end "
        "MEETINGS_ANONYMISE_AFTER_MONTHS måneder siden. Kør den dagligt, fx fra cron."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--months",
            type=int,
            default=None,
            help="Antal måneder efter mødet (standard: indstillingen).",
        )

    def handle(self, *args: Any, months: int | None = None, **options: Any) -> None:
        months = anonymise_after_months() if months is None else months
        count = registrations_anonymise(months=months)
        self.stdout.write(
            f"Anonymiserede {count} tilmeldinger til møder, der sluttede for mere "
            f"end {months} måneder siden."
        )
