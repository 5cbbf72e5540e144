"""The indicator catalogue as the API shows it."""

from __future__ import annotations

from typing import Any

from almenhub.opendata.representations import common as rep


def indicator_item(indicator: Any, figures: Any, urls: rep.Urls) -> dict[str, Any]:
    return {
        "id": indicator.pk,
        "slug": indicator.slug,
        "name": indicator.name,
        "api_url": urls.detail("indicators", indicator.slug),
        "bottom_line": indicator.bottom_line,
        "bottom_line_label": indicator.bottom_line_label,
        "biodiversity": indicator.biodiversity,
        "unit": indicator.unit,
        "unit_kind": indicator.unit_kind,
        "higher_is_better": indicator.higher_is_better,
        "allow_negative": indicator.allow_negative,
        "definition": indicator.definition,
        "how_to_measure": indicator.how_to_measure,
        "sector": {
            "examples": figures.examples,
            "values": figures.values,
            "total": figures.total,
        },
    }
