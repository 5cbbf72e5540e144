"""A page made private in the admin leaves every public output at once, and
comes back when the restriction is lifted: search, its API, exports and
suggestions, the listings, the API's lists and details, feeds and sitemap.

Restrictions are set through the admin's privacy dialog, as an editor does:
a password on a programme (its project is private through an ancestor), a
group on the examples' index (its example is private through an ancestor)
and a group on one project itself. Every output is asked on each engine.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.utils.html import strip_tags
from wagtail.models import PageViewRestriction

from almenhub.examples.factories import example_create
from almenhub.examples.services import example_index_get_or_create
from almenhub.meetings.factories import meeting_create
from almenhub.meetings.models import Contribution, MeetingPage, MeetingSeriesPage
from almenhub.organisations.models import Organisation
from almenhub.projects.models import ProgrammePage, ProjectPage, ProjectRelatedProject
from almenhub.publications.models import PublicationPage
from almenhub.publications.services import publication_index_get_or_create
from almenhub.search.tests.conftest import engine_name  # noqa: F401  (fixture)

from .conftest import publish

pytestmark = pytest.mark.django_db

# Words found nowhere else, in ASCII so that JSON and CSV carry them as typed.
ANCESTOR_PROJECT = "Kvasirplan for regnvand"
OWN_PROJECT = "Tobiasprojekt om vaskerier"
EXAMPLE = "Zinniaforsog med kompost"


@dataclass
class Site:
    private_programme: ProgrammePage
    open_programme: ProgrammePage
    ancestor_project: ProjectPage
    own_project: ProjectPage
    open_project: ProjectPage
    example: object
    series: MeetingSeriesPage
    meeting: MeetingPage
    publication: PublicationPage


def add_programme(home_page, title: str, slug: str) -> ProgrammePage:
    page = ProgrammePage(title=title, slug=slug)
    home_page.add_child(instance=page)
    return publish(page)


def add_project(programme, title: str, slug: str) -> ProjectPage:
    page = ProjectPage(
        title=title, slug=slug, teaser=f"{title}: erfaringer fra driften."
    )
    programme.add_child(instance=page)
    return publish(page)


@pytest.fixture
def site(home_page) -> Site:
    private_programme = add_programme(home_page, "Fortrolige forsoeg", "fortrolige")
    open_programme = add_programme(home_page, "Aabne projekter", "aabne")
    ancestor_project = add_project(private_programme, ANCESTOR_PROJECT, "kvasir")
    own_project = add_project(open_programme, OWN_PROJECT, "tobias")
    open_project = add_project(open_programme, "Aaben vaskeriplan", "aaben")
    # The open project points at both private ones: its page and API list them.
    for position, related in enumerate((ancestor_project, own_project)):
        ProjectRelatedProject.objects.create(
            page=open_project, related=related, sort_order=position
        )
    organisation = Organisation.objects.create(name="Boligselskabet Zinnia")
    index = example_index_get_or_create()
    example = publish(
        example_create(index, title=EXAMPLE, organisation=organisation, live=False)
    )
    series = MeetingSeriesPage(
        title="Kompost i driften", slug="kompost", project=ancestor_project
    )
    home_page.add_child(instance=series)
    series = publish(series)
    meeting = meeting_create(series, title="ERFA om kompost", slug="erfa-kompost")
    contribution = Contribution.objects.create(
        meeting=meeting, title="Kompost paa tagene", organisation=organisation
    )
    contribution.examples.set([example])
    publication = PublicationPage(
        title="Rapport om regnvand", slug="rapport-regnvand", year=2025
    )
    publication_index_get_or_create().add_child(instance=publication)
    publication.projects.set([ancestor_project, own_project])
    publication = publish(publication)
    return Site(
        private_programme=private_programme,
        open_programme=open_programme,
        ancestor_project=ancestor_project,
        own_project=own_project,
        open_project=open_project,
        example=example,
        series=series,
        meeting=meeting,
        publication=publication,
    )


def outputs(site: Site) -> dict[str, list[str]]:
    """Every public output, and the private titles each shows while public."""
    both = [ANCESTOR_PROJECT, OWN_PROJECT]
    everything = [*both, EXAMPLE, site.private_programme.title]
    answers: dict[str, list[str]] = {}
    for word, title in (
        ("kvasirplan", ANCESTOR_PROJECT),
        ("tobiasprojekt", OWN_PROJECT),
        ("zinniaforsog", EXAMPLE),
    ):
        answers[f"/soeg/?q={word}"] = [title]
        answers[f"/api/v1/search/?q={word}"] = [title]
        answers[f"/eksport/soeg.csv?q={word}"] = [title]
        answers[f"/eksport/soeg.json?q={word}"] = [title]
        answers[f"/soeg/forslag/?q={word[:6]}"] = [title]
    answers.update(
        {
            "/soeg/": everything,
            "/soeg/projekter/": both,
            site.open_programme.url: [OWN_PROJECT],
            site.open_project.url: both,
            site.series.url: [ANCESTOR_PROJECT],
            f"/api/v1/meeting-series/{site.series.pk}/": [ANCESTOR_PROJECT],
            site.meeting.url: [EXAMPLE],
            site.publication.url: both,
            f"/api/v1/meetings/{site.meeting.pk}/": [EXAMPLE],
            f"/api/v1/projects/{site.open_project.pk}/": both,
            "/api/v1/projects/": both,
            f"/api/v1/projects/?programme={site.open_programme.pk}": [OWN_PROJECT],
            "/api/v1/examples/": [EXAMPLE],
            "/api/v1/programmes/": [site.private_programme.title],
            "/": both,
            "/feeds/rss/": both,
            "/feeds/atom/": both,
            "/sitemap-sider.xml": [
                site.ancestor_project.url,
                site.own_project.url,
                site.example.url,
            ],
        }
    )
    return answers


def shown(client: Client, url: str, titles: list[str]) -> list[str]:
    response = client.get(url)
    assert response.status_code == 200, url
    body = (
        b"".join(response.streaming_content) if response.streaming else response.content
    )
    text = body.decode()
    if "json" not in response["Content-Type"]:
        # Hits carry their matched words in <mark>: read the text as shown.
        text = html.unescape(strip_tags(text))
    return [title for title in titles if title in text]


def set_privacy(editor_client: Client, page, **data) -> None:
    response = editor_client.post(f"/admin/pages/{page.pk}/privacy/", data)
    assert response.status_code == 200
    assert '"step": "set_privacy_done"' in response.content.decode()


def test_private_pages_leave_every_output_and_come_back(
    client,
    editor,
    site,
    engine_name,  # noqa: F811
):
    answers = outputs(site)
    for url, titles in answers.items():
        assert shown(client, url, titles) == titles, url

    editors = Client()
    editors.force_login(editor)
    members = Group.objects.create(name="Medlemmer")
    set_privacy(
        editors, site.private_programme, restriction_type="password", password="x1"
    )
    set_privacy(
        editors, site.own_project, restriction_type="groups", groups=[members.pk]
    )
    set_privacy(
        editors, site.example.get_parent(), restriction_type="groups",
        groups=[members.pk],
    )  # fmt: skip
    assert PageViewRestriction.objects.count() == 3

    for url, titles in answers.items():
        assert shown(client, url, titles) == [], url
    # Still shown to no one anonymous, however asked: by id in the API.
    for url in (
        f"/api/v1/projects/{site.ancestor_project.pk}/",
        f"/api/v1/projects/{site.own_project.pk}/",
        f"/api/v1/examples/{site.example.pk}/",
    ):
        assert client.get(url).status_code == 404, url

    for page in (site.private_programme, site.own_project, site.example.get_parent()):
        set_privacy(editors, page, restriction_type="none")
    assert not PageViewRestriction.objects.exists()

    for url, titles in answers.items():
        assert shown(client, url, titles) == titles, url
