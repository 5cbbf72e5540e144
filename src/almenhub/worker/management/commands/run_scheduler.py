"""run_scheduler — enqueue the periodic jobs as they fall due.

Thin: declaring, claiming and running live in `almenhub.worker.scheduling`.
Several may run at once (one per machine, say): each due run is claimed by
exactly one of them.
"""

from __future__ import annotations

import signal
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import DatabaseError, close_old_connections

from almenhub.worker.scheduling import jobs, scheduler_tick


class Command(BaseCommand):
    help = "Starter de planlagte job, når de skal køre (kører, til den stoppes)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--interval",
            type=float,
            default=30.0,
            help="Sekunder mellem hvert eftersyn (standard: 30).",
        )
        parser.add_argument(
            "--once",
            action="store_true",
            help="Start de job, der skal køre nu, og stop.",
        )

    def handle(self, *args: Any, interval: float, once: bool, **options: Any) -> None:
        self.running = True
        signal.signal(signal.SIGTERM, self._stop)
        signal.signal(signal.SIGINT, self._stop)
        names = ", ".join(sorted(jobs())) or "ingen"
        self.stdout.write(f"Planlægger startet; job: {names}")
        while self.running:
            try:
                for name in scheduler_tick():
                    self.stdout.write(f"Startet: {name}")
            except DatabaseError as error:
                # The database away for a moment: try again at the next tick.
                self.stderr.write(f"Planlæggeren kunne ikke nå databasen: {error}")
            if once:
                return
            # As a request's end does: a connection the database dropped
            # while this slept is not used for the next tick.
            close_old_connections()
            deadline = time.monotonic() + interval
            while self.running and time.monotonic() < deadline:
                time.sleep(min(0.5, interval))

    def _stop(self, signum: int, frame: object) -> None:
        self.running = False
