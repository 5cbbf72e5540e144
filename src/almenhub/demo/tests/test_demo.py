"""`load_demo` fills an empty hub with content that uses every field, once."""

from __future__ import annotations

from io import StringIO

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import TestCase
from wagtail.models import Page, Revision

from almenhub.core.tests.references import reference_rows
from almenhub.demo.files import PROJECTS_DIR, data_read
from almenhub.demo.organisations import people_rows
from almenhub.demo.services import demo_projects_and_publications_load
from almenhub.organisations.models import Department, Organisation
from almenhub.people.models import Person
from almenhub.projects.models import (
    ProgrammePage,
    ProjectDeliverable,
    ProjectPage,
    ProjectRelatedProject,
)
from almenhub.publications.models import PublicationIndexPage, PublicationPage
from almenhub.taxonomy.models import Theme

pytestmark = pytest.mark.django_db

EXPECTED = {
    "programmes": 3,
    "projects": 17,
    "publications": 8,
    "organisations": 24,
    "departments": 26,
    "people": 19,
}


def load(*args: str) -> str:
    out = StringIO()
    call_command("load_demo", *args, stdout=out)
    return out.getvalue()


def counts() -> dict[str, int]:
    return {
        "programmes": ProgrammePage.objects.count(),
        "projects": ProjectPage.objects.count(),
        "publications": PublicationPage.objects.count(),
        "organisations": Organisation.objects.count(),
        "departments": Department.objects.count(),
        "people": Person.objects.count(),
    }


def snapshot() -> dict[str, object]:
    return {
        "counts": counts(),
        "pages": sorted(Page.objects.values_list("pk", "path", "title")),
        "revisions": Revision.objects.count(),
        "people": sorted(
            Person.objects.values_list("pk", "email", "show_contact_details")
        ),
        "related": sorted(
            ProjectRelatedProject.objects.values_list("page_id", "related_id")
        ),
        "deliverables": sorted(
            ProjectDeliverable.objects.values_list("pk", "publication_id")
        ),
    }


class ProjectDomainDemoTests(TestCase):
    """The project-domain demo alone (the command adds examples and meetings,
    whose own tests count them), loaded once for these tests: each runs in a
    savepoint of its own and sees the load as it was."""

    @classmethod
    def setUpTestData(cls) -> None:
        cls.loaded = demo_projects_and_publications_load()

    def test_loads_the_expected_counts(self):
        assert counts() == EXPECTED
        assert self.loaded == (3, 17, 17, 8)
        # Every organisation and person in the demo went in under its own name:
        # a misspelt name on a project page would have created a stray row.
        assert set(Organisation.objects.values_list("name", flat=True)) == {
            o["name"] for o in data_read("organisations")["organisation"]
        }
        assert set(Person.objects.values_list("name", flat=True)) == {
            p["name"] for p in people_rows()
        }
        # Only the themes of the data migration; no misspelt child was invented.
        assert Theme.objects.count() == 16

    def test_projects_are_the_old_site_pages_imported(self):
        """Each project is a page file under content/projects/<programme>/, imported
        by the importer into that programme; a second load imports nothing new."""
        files = sorted(PROJECTS_DIR.glob("*/*.html"))
        assert len(files) == EXPECTED["projects"]
        for file in files:
            page = ProjectPage.objects.get(source_key=f"oldsite:{file.stem}")
            assert page.get_parent().slug == file.parent.name
        assert demo_projects_and_publications_load() == (3, 17, 0, 8)

    def test_projects_cover_themes_statuses_and_years(self):
        projects = ProjectPage.objects.all()
        assert {p.status for p in projects} == {"planned", "ongoing", "finished"}
        parents = set(
            Theme.objects.filter(projects__in=projects).values_list(
                "parent__name", flat=True
            )
        )
        assert parents == set(
            Theme.objects.filter(parent__isnull=True).values_list("name", flat=True)
        )
        years = {p.publication_year for p in projects}
        assert None in years
        assert {y for y in years if y} <= set(range(2019, 2027))
        assert len(years) >= 6
        assert all(p.live and p.teaser and p.body for p in projects)
        assert all(p.themes.exists() and p.owner_organisation for p in projects)
        assert projects.filter(participants_text__gt="").count() >= 2
        assert sum(1 for p in projects if p.contacts.count() == 2) >= 5
        kinds = set(ProjectDeliverable.objects.values_list("kind", flat=True))
        assert kinds == {"report", "tool", "film", "other"}

    def test_seed_like_project(self):
        page = ProjectPage.objects.get(title="Gentagelsens værdi")
        assert page.source_key == "oldsite:01-gentagelsens-vaerdi"
        assert page.url.endswith("/udviklingsprojekter/gentagelsens-vaerdi/")
        assert page.status == "finished"
        assert page.publication_year == 2023
        assert {t.full_name for t in page.themes.all()} == {
            "Drift og administration › Drift og vedligehold",
            "Energi, klima og miljø › Natur og biodiversitet",
        }
        assert page.participants_text.startswith("Deltagerne på ERFA-møderne")
        blocks = [block.block_type for block in page.body]
        assert blocks.count("heading") == 2
        assert "<ul>" in str(page.body)
        deliverable = page.deliverables.get()
        assert deliverable.publication.series.name == "AlmenRapport"
        assert page in deliverable.publication.projects.all()
        quote = page.quotes.get()
        assert quote.author and quote.role
        assert page.facts.get().heading == "Vidste du ..."
        assert page.related_links.count() == 2

    def test_publications_have_a_colophon_and_projects(self):
        publications = PublicationPage.objects.all()
        assert {p.series.name for p in publications} == {
            "AlmenRapport",
            "AlmenHæfte",
            "Håndbog",
            "Værktøj",
        }
        for publication in publications:
            assert publication.live
            assert publication.year and publication.teaser and publication.body
            assert publication.prepared_by and publication.rights and publication.layout
            assert publication.projects.exists(), publication.title
        full = [p for p in publications if len(p.colophon) == 9]
        assert len(full) >= 5
        handbook = publications.get(title="Biodiversitet trin for trin")
        assert handbook.projects.count() == 2

    def test_menu_and_departments(self):
        in_menu = Page.objects.filter(show_in_menus=True).values_list(
            "title", flat=True
        )
        assert sorted(in_menu) == ["Publikationer", "Udviklingsprojekter"]
        assert PublicationIndexPage.objects.get().show_in_menus
        for org in Organisation.objects.filter(kind="housing"):
            assert org.departments.exists()
            assert all(d.homes and d.postcode for d in org.departments.all())

    def test_private_contacts_stay_private(self):
        private = Person.objects.filter(show_contact_details=False)
        assert set(private.values_list("name", flat=True)) == {
            p["name"] for p in people_rows() if not p.get("public", True)
        }
        assert all(p.email and p.phone for p in private)
        assert Person.objects.filter(show_contact_details=True).count() >= 10

        page = ProjectPage.objects.get(title="Unge i fritidsjob i driften")
        response = self.client.get(page.url)
        assert response.status_code == 200
        html = response.content.decode()
        assert "Fatima El-Sayed" in html
        assert "fes@fjordby-kommune.example.dk" not in html
        assert "slk@fjordbo.example.dk" in html

    def test_pages_render(self):
        for page in [
            Page.objects.get(depth=2),
            *ProgrammePage.objects.all(),
            PublicationIndexPage.objects.get(),
            PublicationPage.objects.get(title="Gentagelsens værdi"),
            ProjectPage.objects.get(title="Gentagelsens værdi"),
        ]:
            response = self.client.get(page.url)
            assert response.status_code == 200, page.url
        soup = BeautifulSoup(response.content, "html.parser")
        assert soup.h1.get_text(strip=True) == "Gentagelsens værdi"


@pytest.fixture
def loaded_all() -> str:
    return load("--if-empty")


# The whole demo takes a while to load, so each test below that needs it
# checks several things of one load.


def test_a_second_run_changes_nothing_and_if_empty_skips(loaded_all, client):
    before = snapshot()
    output = load("--if-empty")
    assert "allerede" in output
    assert "Oprettet projekt" not in output
    assert snapshot() == before
    # An admin whose password was changed is left alone, and the output
    # no longer shows a password.
    User = get_user_model()
    admin = User.objects.get(username="admin")
    admin.set_password("something-else-42")
    admin.save()
    output = load()
    assert "(0 nye)" in output
    assert snapshot() == before
    assert User.objects.filter(username="admin").count() == 1
    assert "Oprettet administrator" not in output
    assert "adgangskode" not in output
    assert client.login(username="admin", password="something-else-42")


def test_the_command_loads_everything_dated_with_an_admin_and_kroner(
    loaded_all, client
):
    from almenhub.examples.models import ExamplePage
    from almenhub.indicators.models import ValueProxy
    from almenhub.meetings.models import MeetingPage
    from almenhub.search.models import SearchDocument

    # The admin the README names can log in.
    assert "bruger: admin  adgangskode: almenhub-admin" in loaded_all
    admin = get_user_model().objects.get(username="admin")
    assert admin.is_superuser and admin.is_staff
    assert client.login(username="admin", password="almenhub-admin")
    assert client.get("/admin/").status_code == 200
    client.logout()

    # The value register shows a value in kroner.
    assert ValueProxy.objects.count() == 6
    html = client.get("/vaerdi/").content.decode()
    assert "Centralt skøn i alt:" in html
    assert "Ikke sat i kroner" in html  # indicators without a proxy are listed

    # Examples and meetings too, and every page is dated.

    assert ExamplePage.objects.live().count() >= 20
    assert MeetingPage.objects.live().count() == 4
    assert SearchDocument.objects.filter(kind="example").count() >= 20
    assert "Søgeindeks:" in loaded_all
    # Every live page has both publish dates (feeds, `updated_since`).
    live = Page.objects.live().filter(depth__gt=1)
    assert live.count() > 50
    undated = live.filter(first_published_at__isnull=True) | live.filter(
        last_published_at__isnull=True
    )
    assert list(undated.values_list("title", flat=True)) == []
    # The publication once saved from a stale copy after publishing: it lost
    # its dates and its live revision, and showed unpublished changes.
    handbook = PublicationPage.objects.get(title="Biodiversitet trin for trin")
    assert handbook.live_revision_id is not None
    assert not handbook.has_unpublished_changes
    assert handbook.projects.count() == 2

    # Pictures are drawn before the first publish: an example, a news article
    # and a publication are published once, each with its picture (only the
    # imported projects get theirs in a second revision).
    from almenhub.news.models import NewsPage

    for page in [
        ExamplePage.objects.live().first(),
        NewsPage.objects.live().first(),
        handbook,
    ]:
        assert page.revisions.count() == 1, page.title
    assert not ExamplePage.objects.live().filter(images__isnull=True).exists()
    assert handbook.cover_image_id is not None
    assert not NewsPage.objects.live().filter(image__isnull=True).exists()

    # The reference index, brought up to date once at the end of the load,
    # holds exactly the rows Wagtail's own rebuild writes.
    loaded_rows = reference_rows()
    assert len(loaded_rows) > 100
    call_command("rebuild_references_index", verbosity=0)
    assert loaded_rows == reference_rows()


def test_the_demo_site_has_the_address_it_is_served_on(settings, client):
    from wagtail.models import Site

    from almenhub.demo.services import demo_site_align

    settings.WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8011"
    demo_site_align()
    demo_projects_and_publications_load()
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("127.0.0.1", 8011)
    # The sitemap's page addresses lead back to the hub, as its theme ones do.
    index = client.get("/sitemap-sider.xml").content.decode()
    assert "http://127.0.0.1:8011/" in index and "http://localhost/" not in index
    # A site someone has set up is never changed.
    site.hostname, site.port = "almenhub.dk", 443
    site.save()
    assert demo_site_align() is None
    assert Site.objects.get(pk=site.pk).hostname == "almenhub.dk"
