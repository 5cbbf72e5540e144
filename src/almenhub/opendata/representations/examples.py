"""Examples with their indicator values as the API shows them."""

from __future__ import annotations

from typing import Any

from almenhub.opendata.representations import common as rep


def indicator_value(value: Any) -> dict[str, Any]:
    indicator = value.indicator
    return {
        "indicator": indicator.slug,
        "indicator_name": indicator.name,
        "bottom_line": indicator.bottom_line,
        "unit": indicator.unit,
        "value": float(value.value),
        "period_start": value.period_start,
        "period_end": value.period_end,
        "year": value.year,
        "method": value.method,
        "method_label": value.get_method_display(),
        "source": value.source,
    }


def example_item(page: Any, urls: rep.Urls) -> dict[str, Any]:
    department = page.department
    return {
        **rep.page_head(page, urls, "examples"),
        "teaser": page.teaser,
        "organisation": rep.organisation_ref(page.organisation, urls),
        "department": department.name if department is not None else "",
        "municipality": page.municipality,
        "latitude": float(page.latitude) if page.latitude is not None else None,
        "longitude": float(page.longitude) if page.longitude is not None else None,
        "task": {"slug": page.task.slug, "name": page.task.name},
        "status": page.status,
        "status_label": page.get_status_display(),
        "themes": rep.theme_refs(page.themes),
        "values": [indicator_value(v) for v in page.values.all()],
        **rep.published(page),
    }


def example_detail(page: Any, urls: rep.Urls) -> dict[str, Any]:
    return {
        **example_item(page, urls),
        "what_was_done_html": rep.richtext_html(page.what_was_done),
        "results_html": rep.richtext_html(page.results),
        "lessons_html": rep.richtext_html(page.lessons),
        "building_blocks": [
            {"title": b.title, "description": b.description}
            for b in page.building_blocks.all()
        ],
        "contacts": rep.contacts(
            page.contacts.select_related("person__organisation"), urls
        ),
    }
