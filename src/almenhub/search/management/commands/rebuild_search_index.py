from django.core.management.base import BaseCommand
from tqdm import tqdm

from almenhub.search.engines import configured_engine_name, get_engine
from almenhub.search.services import search_rebuild


class Command(BaseCommand):
    help = "Genopbygger søgningen (dokumenter, ordforråd og indeks) fra databasen."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--engine",
            choices=["embedded", "postgres"],
            help="Standard: den konfigurerede.",
        )

    def handle(self, *args, **options) -> None:
        bar = tqdm(
            total=0, unit="side", disable=options["verbosity"] < 1, file=self.stderr
        )

        def progress(done: int, total: int) -> None:
            bar.total = total
            bar.update(done - bar.n)

        count = search_rebuild(progress=progress, engine_name=options["engine"])
        bar.close()
        engine = options["engine"] or configured_engine_name()
        get_engine(engine).maintain()
        self.stdout.write(
            f"Søgeindekset er genopbygget: {count} dokumenter ({engine})."
        )
