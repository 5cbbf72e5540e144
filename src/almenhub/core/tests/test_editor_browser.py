"""The editors' day in Chromium, beyond the project page (which
`projects/tests/test_editor_browser.py` builds field by field): a page of
every other type, the snippets, the importer's upload, the publication
builder and a meeting's participant list. Every screen on the way must log no
console error and no Content-Security-Policy violation, and speak Danish.

One test, so that the live demo is loaded once: it runs in a process of its
own (`isolated`), as every transactional test does.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings

from almenhub.core.tests.browser import choose_in_modal, open_preview, publish

pytestmark = [pytest.mark.isolated, pytest.mark.django_db(transaction=True)]

SEED = Path(settings.BASE_DIR).parent / "shared" / "seeds" / "000_22080009db4a05a6.txt"


def save_snippet(page) -> None:
    with page.expect_navigation():
        page.locator("footer button[type=submit]").first.click()


def edit_preview_and_publish(page, watch, base_url: str, target, teaser: str) -> None:
    """Open a page's editor, look at its preview, change the teaser, publish."""
    page.goto(f"{base_url}/admin/pages/{target.pk}/edit/")
    watch.assert_clean(f"editing {target.title}")
    preview = open_preview(page)
    preview.locator("h1", has_text=target.title).wait_for()
    page.fill("#id_teaser", teaser)
    publish(page)
    watch.assert_clean(f"after publishing {target.title}")
    target.refresh_from_db()
    assert target.live
    public = page.context.new_page()
    response = public.goto(base_url + target.url)
    assert response.status == 200, target.url
    assert teaser in public.content(), f"{target.url} shows the new teaser"
    public.close()


def test_an_editors_day_across_page_types_snippets_import_builder_and_meetings(
    live_server, editor_tab
):
    from almenhub.examples.models import ExamplePage
    from almenhub.home.models import HomePage
    from almenhub.indicators.models import Indicator
    from almenhub.meetings.models import MeetingPage, MeetingSeriesPage, Registration
    from almenhub.organisations.models import Organisation
    from almenhub.people.models import Person
    from almenhub.projects.models import ProgrammePage, ProjectPage
    from almenhub.publications.models import PublicationPage
    from almenhub.publishing.models import PublicationDraft

    page, watch = editor_tab
    base = live_server.url

    # The screens an editor passes every day.
    for screen in (
        "/admin/",
        "/admin/pages/",
        f"/admin/pages/{HomePage.objects.get().pk}/",
        "/admin/snippets/",
        "/admin/snippets/taxonomy/theme/",
        "/admin/snippets/organisations/organisation/",
        "/admin/snippets/people/person/",
        "/admin/snippets/indicators/indicator/",
        "/admin/snippets/publishing/publicationdraft/",
        "/admin/documents/",
        "/admin/images/",
        "/admin/reports/site-history/",
        "/admin/account/",
    ):
        response = page.goto(base + screen)
        assert response.status == 200, screen
        assert page.title().endswith("- almenhub"), "the admin carries our name"
        watch.assert_clean(screen)

    # A new programme, with its owner chosen in the chooser.
    owner = Organisation.objects.order_by("name").first()
    page.goto(
        f"{base}/admin/pages/add/projects/programmepage/{HomePage.objects.get().pk}/"
    )
    watch.assert_clean("new programme form")
    page.fill("#id_title", "Grøn drift 2027")
    page.fill("#id_teaser", "Et program om grønnere drift af boligafdelingerne.")
    choose_in_modal(
        page,
        page.locator("#id_owner_organisation-chooser [data-chooser-action-choose]"),
        owner.name.split()[0],
        owner.name,
    )
    publish(page)
    watch.assert_clean("after publishing the programme")
    programme = ProgrammePage.objects.get(title="Grøn drift 2027")
    assert programme.live and programme.owner_organisation_id == owner.pk
    public = page.context.new_page()
    assert public.goto(base + programme.url).status == 200
    assert "Et program om grønnere drift" in public.content()
    public.close()

    # One page of every other type: edited, previewed, published.
    for model in (PublicationPage, ExamplePage, MeetingSeriesPage, MeetingPage):
        target = model.objects.live().order_by("pk").first()
        edit_preview_and_publish(
            page, watch, base, target, f"Ny manchet for {model._meta.verbose_name}."
        )

    # Snippets: an organisation, a person working there (chosen by search),
    # and an indicator.
    page.goto(f"{base}/admin/snippets/organisations/organisation/add/")
    watch.assert_clean("new organisation form")
    page.fill("#id_name", "Boligselskabet Kildevang")
    page.select_option("#id_kind", index=1)
    page.fill("#id_municipality", "Kildeby")
    save_snippet(page)
    watch.assert_clean("after saving the organisation")
    organisation = Organisation.objects.get(name="Boligselskabet Kildevang")

    page.goto(f"{base}/admin/snippets/people/person/add/")
    watch.assert_clean("new person form")
    page.fill("#id_name", "Karen Kildevang")
    page.fill("#id_job_title", "Driftschef")
    choose_in_modal(
        page,
        page.locator("#id_organisation-chooser [data-chooser-action-choose]"),
        "Kildevang",
        organisation.name,
    )
    page.fill("#id_email", "karen@kildevang.example.dk")
    save_snippet(page)
    watch.assert_clean("after saving the person")
    person = Person.objects.get(name="Karen Kildevang")
    assert person.organisation_id == organisation.pk

    page.goto(f"{base}/admin/snippets/indicators/indicator/add/")
    watch.assert_clean("new indicator form")
    page.fill("#id_name", "Plantede frugttræer")
    page.fill("#id_slug", "plantede-frugttraeer")
    page.select_option("#id_bottom_line", index=2)
    page.fill("#id_unit", "antal træer")
    page.fill("#id_definition", "Frugttræer plantet på afdelingens friarealer.")
    save_snippet(page)
    watch.assert_clean("after saving the indicator")
    assert Indicator.objects.filter(slug="plantede-frugttraeer").exists()

    # The importer's upload: the button has a label, the seed page comes in.
    page.goto(f"{base}/admin/import/")
    watch.assert_clean("the importer")
    button = page.get_by_role("button", name="Importér filerne")
    assert button.is_visible()
    projects_before = ProjectPage.objects.count()
    page.set_input_files("input[type=file]", str(SEED))
    with page.expect_navigation():
        button.click()
    watch.assert_clean("after importing")
    page.get_by_role("heading", name="Resultat af importen").wait_for()
    assert ProjectPage.objects.count() == projects_before + 1

    # The publication builder compiles, and says so.
    draft = PublicationDraft.objects.order_by("pk").first()
    page.goto(f"{base}/admin/publikationsbygger/{draft.pk}/")
    watch.assert_clean("the publication builder")
    with page.expect_navigation():
        page.get_by_role("button", name="Kompilér").click()
    label = page.locator("#status-label")
    page.wait_for_function(
        "document.querySelector('#status-label').dataset.state === 'compiled'"
    )
    assert "sider" in label.inner_text()
    watch.assert_clean("after compiling")

    # A meeting's participant list, reached from its page in the admin.
    registration = Registration.objects.select_related("meeting").first()
    meeting = registration.meeting
    page.goto(f"{base}/admin/pages/{meeting.pk}/edit/")
    page.locator("header [data-w-dropdown-target=toggle]").first.click()
    with page.expect_navigation():
        page.get_by_role("link", name="Deltagere").first.click()
    watch.assert_clean("the participant list")
    assert registration.name in page.content()
