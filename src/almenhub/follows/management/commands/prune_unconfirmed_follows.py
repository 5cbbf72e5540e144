from django.core.management.base import BaseCommand

from almenhub.follows.services import UNCONFIRMED_DAYS, follows_prune_unconfirmed


class Command(BaseCommand):
    help = (
        f"Delete follows whose address was not confirmed within "
        f"{UNCONFIRMED_DAYS} days."
    )

    def handle(self, *args, **options) -> None:
        deleted = follows_prune_unconfirmed()
        self.stdout.write(f"{deleted} unconfirmed follows deleted")
