"""The site's one-of-a-kind section pages (/nyheder/, /temasider/ …)."""

from __future__ import annotations

from typing import TypeVar

from django.db import transaction
from wagtail.models import Page, Site

P = TypeVar("P", bound=Page)


@transaction.atomic
def section_index_get_or_create(model: type[P], *, title: str, slug: str) -> P:
    """The page of `model`, made under the default site's front page the
    first time something needs it (an editor, the importer, the demo)."""
    index = model.objects.first()
    if index is not None:
        return index
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        raise RuntimeError(f"Sitet har ingen forside at lægge “{title}” under.")
    index = model(title=title, slug=slug, show_in_menus=True)
    site.root_page.add_child(instance=index)
    return index
