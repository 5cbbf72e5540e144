from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from almenhub.core.backup import BackupError, backup_create


class Command(BaseCommand):
    help = "Tager en backup (database, medier, søgeindeks) af den indlejrede opsætning."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--output", type=Path, help="Arkivets sti (.tar.gz).")

    def handle(self, *args, **options) -> None:
        try:
            summary = backup_create(destination=options["output"])
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Backup gemt: {summary.path} ({summary.pages} sider, "
            f"{summary.media_files} mediefiler)."
        )
