from __future__ import annotations

from django.db.models import QuerySet

from almenhub.home.models import HomePage
from almenhub.importer.services import DEFAULT_PROGRAMME_SLUG
from almenhub.projects.models import ProgrammePage


def programmes_user_can_import_into(user) -> QuerySet[ProgrammePage]:
    """Programmes under which the user may add project pages."""
    allowed = [
        programme.pk
        for programme in ProgrammePage.objects.all()
        if programme.permissions_for_user(user).can_add_subpage()
    ]
    return ProgrammePage.objects.filter(pk__in=allowed).order_by("title")


def default_programme_allowed(user) -> bool:
    """Whether the user may import into "Importerede projekter", creating it
    under the home page when it does not exist yet."""
    existing = ProgrammePage.objects.filter(slug=DEFAULT_PROGRAMME_SLUG).first()
    if existing is not None:
        return existing.permissions_for_user(user).can_add_subpage()
    home = HomePage.objects.first()
    return home is not None and home.permissions_for_user(user).can_add_subpage()
