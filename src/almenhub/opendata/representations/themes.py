"""The themes as the API shows them."""

from __future__ import annotations

from typing import Any

from almenhub.opendata.representations import common as rep
from almenhub.taxonomy.models import Theme


def theme_item(theme: Theme, urls: rep.Urls) -> dict[str, Any]:
    return {
        "id": theme.pk,
        "slug": theme.slug,
        "name": theme.name,
        "full_name": theme.full_name,
        "parent": theme.parent.slug if theme.parent is not None else None,
        "description": theme.description,
        "children": [c.slug for c in theme.children.all()],
        "url": urls.absolute(theme.get_absolute_url()),
        "api_url": urls.detail("themes", theme.slug),
        "projects_api_url": urls.api_list("projects", theme=theme.slug),
    }
