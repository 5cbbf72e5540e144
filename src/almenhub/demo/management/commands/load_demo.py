from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import check_password
from django.core.management.base import BaseCommand, CommandParser

from almenhub.demo.services import (
    ADMIN_PASSWORD,
    ADMIN_USERNAME,
    demo_admin_get_or_create,
    demo_admin_url,
    demo_load,
)
from almenhub.projects.models import ProjectPage


def login_line() -> str:
    return (
        f"Admin: {demo_admin_url()}  bruger: {ADMIN_USERNAME}  "
        f"adgangskode: {ADMIN_PASSWORD}"
    )


class Command(BaseCommand):
    help = "Indlæs demoindhold og opret en administrator til lokal brug."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Gør intet, hvis der allerede findes projekter.",
        )

    def handle(self, *args: Any, if_empty: bool = False, **options: Any) -> None:
        if if_empty and ProjectPage.objects.exists():
            self.stdout.write(
                "Demoindholdet er allerede indlæst (der findes projekter) "
                "– intet ændret."
            )
            # Only a reminder, and only while the default password still works.
            admin = get_user_model().objects.filter(username=ADMIN_USERNAME).first()
            if admin is not None and check_password(ADMIN_PASSWORD, admin.password):
                self.stdout.write(login_line())
            return

        summary = demo_load(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS(summary.as_danish()))
        admin, created = demo_admin_get_or_create()
        if created:
            self.stdout.write("Oprettet administrator.")
        if check_password(ADMIN_PASSWORD, admin.password):
            self.stdout.write(login_line())
        else:
            self.stdout.write(f"Admin: {demo_admin_url()}  bruger: {ADMIN_USERNAME}")
