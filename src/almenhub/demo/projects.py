"""The project domain of the demo: programmes, their projects (old-site pages
imported by the importer, as an editor would import them) and publications.

A second load finds everything in place: the importer leaves unchanged pages
alone, and what is set here after the import is set only where it differs.
"""

from __future__ import annotations

from django.db import transaction

from almenhub.home.models import HomePage
from almenhub.importer.services import import_paths
from almenhub.organisations.models import Organisation
from almenhub.projects.models import ProgrammePage, ProjectPage, ProjectRelatedProject
from almenhub.projects.services import body_to_stream
from almenhub.publications.models import PublicationPage
from almenhub.publications.services import (
    publication_get_or_create,
    publication_index_get_or_create,
    series_find,
)

from .files import PROJECTS_DIR, body_parts, data_read
from .images import cover_image
from .organisations import organisations_load, people_load, people_private_hide

OWNER = "Almen Udvikling"  # the association behind the hub and its programmes


def programmes_load(organisations: dict[str, Organisation]) -> list[ProgrammePage]:
    home = HomePage.objects.first()
    if home is None:
        raise RuntimeError("The site has no home page to put the demo content under.")
    programmes = []
    for row in data_read("programmes")["programme"]:
        page = ProgrammePage.objects.child_of(home).filter(slug=row["slug"]).first()
        if page is None:
            page = ProgrammePage(**row, owner_organisation=organisations[OWNER])
            home.add_child(instance=page)
        programmes.append(page)
    index = publication_index_get_or_create()
    if not index.show_in_menus:
        index.show_in_menus = True
        index.save()
    return programmes


def projects_import(programmes: list[ProgrammePage]) -> tuple[list[int], int]:
    """The project pages' ids, in load order, and how many were new."""
    ids: list[int] = []
    created = 0
    for programme in programmes:
        summary = import_paths(
            paths=[PROJECTS_DIR / programme.slug], programme=programme
        )
        if summary.errors:
            raise RuntimeError(
                "The demo projects did not import: " + "; ".join(summary.error_messages)
            )
        ids += [r.page_id for r in summary.results if r.page_id is not None]
        created += summary.created
    return ids, created


def projects_adjust(projects: dict[str, ProjectPage]) -> None:
    """What the old site's pages do not say: related projects, and the kind of
    the deliverables whose title does not show it. Imported pages have no
    revisions (the importer writes them live), so the rows are the page."""
    data = data_read("projects")
    for title, related_titles in data["related"].items():
        page = projects[title]
        wanted = [projects[t].pk for t in related_titles]
        current = list(
            page.related_links.order_by("sort_order").values_list(
                "related_id", flat=True
            )
        )
        if current != wanted:
            page.related_links = [
                ProjectRelatedProject(related=projects[t]) for t in related_titles
            ]
            page.save()
    for row in data["deliverable"]:
        page = projects[row["project"]]
        deliverable = page.deliverables.get(title=row["title"])
        if deliverable.kind != row["kind"]:
            deliverable.kind = row["kind"]
            deliverable.save(update_fields=["kind"])


def publications_load(projects: dict[str, ProjectPage]) -> list[PublicationPage]:
    data = data_read("publications")
    pages: list[PublicationPage] = []
    for row in data["publication"]:
        page, _ = publication_get_or_create(
            title=row["title"],
            series=series_find(name=row["series"]),
            year=row["year"],
            teaser=row["teaser"],
        )
        changed = False
        # The colophon is written once; later edits in the admin are kept.
        if not page.prepared_by:
            page.year = row["year"]
            page.teaser = row["teaser"]
            page.body = body_to_stream(body_parts(row["body"]))
            for name in ("prepared_by", "prepared_for", "rights"):
                setattr(page, name, row.get(name, data.get(name, "")))
            for name in ("photos", "funders", "layout", "isbn"):
                setattr(page, name, row.get(name, ""))
            changed = True
        linked = set(page.projects.values_list("pk", flat=True))
        missing = [
            projects[t] for t in row.get("projects", []) if projects[t].pk not in linked
        ]
        if missing:
            page.projects.add(*missing)
            changed = True
        if page.cover_image_id is None:
            page.cover_image = cover_image(page)
            changed = True
        if changed:
            # One revision with everything, published. `publish` writes a
            # copy of the page; this object is stale after it (no publish
            # dates, no live revision), so it is read again, never saved.
            page.save_revision().publish()
            page.refresh_from_db()
        pages.append(page)
    return pages


@transaction.atomic
def demo_projects_load() -> tuple[list[ProgrammePage], dict[str, ProjectPage], int]:
    """Programmes and projects; (programmes, projects by title, new projects)."""
    organisations = organisations_load()
    people_load(organisations)
    programmes = programmes_load(organisations)
    ids, created = projects_import(programmes)
    pages = ProjectPage.objects.in_bulk(ids)
    projects = {pages[pk].title: pages[pk] for pk in ids}
    people_private_hide(organisations)
    projects_adjust(projects)
    return programmes, projects, created
