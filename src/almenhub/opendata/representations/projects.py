"""Projects and programmes as the API shows them."""

from __future__ import annotations

from typing import Any

from wagtail.models import Page

from almenhub.core.pages.visibility import is_public, only_public, public_pages
from almenhub.opendata.representations import common as rep


def project_item(
    page: Any, urls: rep.Urls, parents: dict[str, Page] | None = None
) -> dict[str, Any]:
    parents = parents or {}
    parent = parents.get(page.path[: -Page.steplen])
    if parent is None and not parents:
        parent = page.get_parent()
    programme = None
    if parent is not None and parent.specific_class.__name__ == "ProgrammePage":
        programme = rep.page_ref(parent, urls)
    return {
        **rep.page_head(page, urls, "projects"),
        "teaser": page.teaser,
        # A status the page does not state is no status (not "").
        "status": page.status or None,
        "status_label": page.get_status_display(),
        "year": page.publication_year,
        "owner": rep.organisation_ref(page.owner_organisation, urls),
        "programme": programme,
        "themes": rep.theme_refs(page.themes),
        **rep.published(page),
    }


def project_detail(page: Any, urls: rep.Urls) -> dict[str, Any]:
    deliverables = page.deliverables.select_related("publication", "document")
    related = only_public(
        link.related for link in page.related_links.select_related("related")
    )
    return {
        **project_item(page, urls),
        "participants": [
            rep.organisation_ref(org, urls)
            for org in page.participants.order_by("name")
        ],
        "participants_text": page.participants_text,
        "contacts": rep.contacts(
            page.contacts.select_related("person__organisation"), urls
        ),
        "body_html": rep.streamfield_html(page.body),
        "deliverables": [
            {
                "title": d.title,
                "kind": d.kind,
                "kind_label": d.get_kind_display(),
                "description": d.description,
                "url": urls.absolute(d.link_url),
                "publication_id": d.publication_id
                if d.publication_id and is_public(d.publication)
                else None,
            }
            for d in deliverables
        ],
        "quotes": [
            {"text": q.text, "author": q.author, "role": q.role}
            for q in page.quotes.all()
        ],
        "facts": [{"heading": f.heading, "text": f.text} for f in page.facts.all()],
        "related_projects": [rep.page_ref(p, urls) for p in related],
        "publications": [
            rep.page_ref(p, urls)
            for p in public_pages(page.publications.all()).order_by("pk")
        ],
    }


def programme_item(page: Any, urls: rep.Urls) -> dict[str, Any]:
    return {
        **rep.page_head(page, urls, "programmes"),
        "projects_api_url": urls.api_list("projects", programme=page.pk),
        "teaser": page.teaser,
        "owner": rep.organisation_ref(page.owner_organisation, urls),
        **rep.published(page),
    }


def programme_detail(page: Any, urls: rep.Urls) -> dict[str, Any]:
    return {**programme_item(page, urls), "intro_html": rep.richtext_html(page.intro)}
