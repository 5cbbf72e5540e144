"""The programmes imported projects go under: the one chosen, the default,
or the one an old address names."""

from __future__ import annotations

from almenhub.core.text import normalise_name
from almenhub.home.models import HomePage
from almenhub.projects.models import ProgrammePage
from almenhub.search.services import search_index_objects

from .addresses import NEW_SCHEME_PROGRAMME
from .files import ImportSetupError

DEFAULT_PROGRAMME_TITLE = "Importerede projekter"
DEFAULT_PROGRAMME_SLUG = "importerede-projekter"


def programme_get_or_create_default() -> ProgrammePage:
    existing = (
        ProgrammePage.objects.filter(slug=DEFAULT_PROGRAMME_SLUG).first()
        or ProgrammePage.objects.filter(title=DEFAULT_PROGRAMME_TITLE).first()
    )
    if existing is not None:
        return existing
    home = HomePage.objects.first()
    if home is None:
        raise ImportSetupError(
            "Sitet har ingen forside at lægge programmet “Importerede projekter” under."
        )
    programme = ProgrammePage(
        title=DEFAULT_PROGRAMME_TITLE, slug=DEFAULT_PROGRAMME_SLUG, live=True
    )
    home.add_child(instance=programme)
    # Created live, not published: no signal tells the search about it.
    search_index_objects([programme])
    return programme


def programme_create(slug: str) -> ProgrammePage:
    home = HomePage.objects.first()
    if home is None:
        raise ImportSetupError("Sitet har ingen forside at lægge programmer under.")
    title = (
        "Udviklingsprojekter"
        if slug == NEW_SCHEME_PROGRAMME
        else slug.replace("-", " ").capitalize()
    )
    programme = ProgrammePage(title=title, slug=slug, live=True)
    home.add_child(instance=programme)
    search_index_objects([programme])
    return programme


def programme_resolve(*, ref: str | int | None) -> ProgrammePage:
    """A programme by id, slug or title; the default programme when no
    reference is given."""
    if ref is None or str(ref).strip() == "":
        return programme_get_or_create_default()
    text = str(ref).strip()
    programmes = ProgrammePage.objects.all()
    found = None
    if text.isdigit():
        found = programmes.filter(pk=int(text)).first()
    found = found or programmes.filter(slug=text).first()
    if found is None:
        key = normalise_name(text)
        found = next((p for p in programmes if normalise_name(p.title) == key), None)
    if found is None:
        raise ImportSetupError(
            f"Programmet “{text}” findes ikke. Angiv et id, et kortnavn eller en "
            "titel på en programside."
        )
    return found
