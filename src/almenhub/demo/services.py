"""Loading the demo content that `make run` shows into an empty hub.

Every organisation, person, programme, project and publication is fictional;
e-mail addresses and websites sit under example.dk. The content is data
(content/), written through the services the admin and the importer use; a
second load finds everything in place and writes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction
from django.urls import reverse
from wagtail.models import Site

from almenhub.core.links import site_url
from almenhub.core.pages.indexing import references_deferred, wagtail_search_deferred
from almenhub.organisations.models import Department, Organisation
from almenhub.people.models import Person
from almenhub.search.services import deferred_indexing, search_rebuild

from .examples import demo_examples_load
from .images import demo_images_load
from .meetings import demo_meetings_load
from .pages import demo_pages_load
from .projects import demo_projects_load, publications_load
from .value_bank import demo_value_bank_load

ADMIN_USERNAME = "admin"
ADMIN_PASSWORD = "almenhub-admin"


class Writer(Protocol):
    def write(self, msg: str, /) -> Any: ...


@dataclass
class DemoSummary:
    programmes: int
    projects: int
    new_projects: int
    publications: int
    examples: int  # new ones
    meetings: int  # new ones
    organisations: int
    departments: int
    people: int
    documents: int = 0  # in the search index, when it was rebuilt
    pages: int = 0  # new news, theme and content pages
    images: int = 0  # pictures and covers drawn

    def as_danish(self) -> str:
        return (
            f"Demoindhold: {self.programmes} programmer, {self.projects} projekter "
            f"({self.new_projects} nye), {self.publications} publikationer, "
            f"{self.organisations} organisationer med {self.departments} "
            f"afdelinger og {self.people} personer. Eksempler: {self.examples} nye. "
            f"Møder: {self.meetings} nye. Nyheder og sider: {self.pages} nye. "
            f"Billeder: {self.images} tegnet. "
            f"Søgeindeks: {self.documents} dokumenter."
        )


@transaction.atomic
def demo_site_align() -> Site | None:
    """Give the default site the address the hub is served on locally
    (WAGTAILADMIN_BASE_URL: http://127.0.0.1:8000 for `make run`), so that
    the full addresses in the sitemap, feeds, e-mails and calendar files
    lead back to it. Only while it still has the placeholder the first
    migration gave it (localhost:80): a site an editor has set up is left."""
    base = urlsplit(settings.WAGTAILADMIN_BASE_URL)
    site = Site.objects.filter(
        is_default_site=True, hostname="localhost", port=80
    ).first()
    if site is None or not base.hostname:
        return None
    site.hostname = base.hostname
    site.port = base.port or (443 if base.scheme == "https" else 80)
    site.save()  # through save(): Wagtail's cached site paths are renewed
    return site


def demo_projects_and_publications_load() -> tuple[int, int, int, int]:
    """The project domain alone: (programmes, projects, new ones, publications)."""
    programmes, projects, created = demo_projects_load()
    publications = publications_load(projects)
    return len(programmes), len(projects), created, len({p.pk for p in publications})


def demo_load(*, stdout: Writer | None = None, index: bool = True) -> DemoSummary:
    """Write the whole demo; what is already there is left as it is.
    `index`: rebuild the search index afterwards (as `load_demo` does)."""
    demo_site_align()
    # Every page published would update the search at once, one engine commit
    # each; deferred, the index is brought up to date in one batch at the end.
    with deferred_indexing(), references_deferred(), wagtail_search_deferred():
        programmes, projects, created, publications = (
            demo_projects_and_publications_load()
        )
        if stdout is not None:
            stdout.write(f"Projekter: {projects} ({created} nye)\n")
        examples = demo_examples_load()
        demo_value_bank_load()
        meetings = demo_meetings_load()
        pages = demo_pages_load()
        images = demo_images_load()
    return DemoSummary(
        programmes=programmes,
        projects=projects,
        new_projects=created,
        publications=publications,
        examples=examples,
        meetings=meetings,
        organisations=Organisation.objects.count(),
        departments=Department.objects.count(),
        people=Person.objects.count(),
        pages=pages,
        images=images,
        documents=search_rebuild() if index else 0,
    )


def demo_admin_url() -> str:
    return site_url(reverse("wagtailadmin_home"))


def demo_admin_get_or_create() -> tuple[AbstractBaseUser, bool]:
    """The superuser a fresh local hub is logged into; never touched once there."""
    User = get_user_model()
    user = User.objects.filter(username=ADMIN_USERNAME).first()
    if user is not None:
        return user, False
    user = User.objects.create_superuser(
        username=ADMIN_USERNAME, email="", password=ADMIN_PASSWORD
    )
    return user, True
