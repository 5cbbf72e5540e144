from django.core.management.base import BaseCommand

from almenhub.follows.digest import digest_run
from almenhub.follows.models import Frequency


class Command(BaseCommand):
    help = "Send the e-mail digests that are due (run daily; weekly ones once a week)."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--frequency",
            choices=[*Frequency.values, "all"],
            default="all",
            help="Only this frequency (default: both; each is sent only when due).",
        )

    def handle(self, *args, frequency: str, **options) -> None:
        for name in Frequency.values if frequency == "all" else [frequency]:
            report = digest_run(frequency=name)
            self.stdout.write(
                f"{name}: {report.follows_due} follows due, {report.recipients} "
                f"recipients, {report.pages_changed} pages changed, "
                f"{report.mails_sent} mails sent"
            )
