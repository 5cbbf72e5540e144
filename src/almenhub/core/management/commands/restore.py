from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from almenhub.core.backup import BackupError, backup_restore


class Command(BaseCommand):
    help = "Gendanner en backup lavet med `backup`. Stop serveren først."

    def add_arguments(self, parser) -> None:
        parser.add_argument("archive", type=Path)

    def handle(self, *args, **options) -> None:
        try:
            summary = backup_restore(source=options["archive"])
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Gendannet fra {summary.path}: {summary.pages} sider, "
            f"{summary.media_files} mediefiler; søgeindekset er genopbygget."
        )
