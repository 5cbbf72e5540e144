"""An editor builds a complete project page by hand in the Wagtail admin, in
Chromium, as they would: every field, choosers, a draft, a preview, publish,
and a scheduled publication. Every admin screen on the way must be free of
console errors and Content-Security-Policy violations, and in Danish.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest

from almenhub.core.tests.browser import (
    PageWatch,
    choose_in_modal,
    open_preview,
    publish,
    save_draft,
)

pytestmark = [pytest.mark.isolated, pytest.mark.django_db(transaction=True)]


def add_inline(page, relation: str) -> str:
    """Click the inline panel's add button; return the new child form's prefix."""
    total = page.locator(f"#id_{relation}-TOTAL_FORMS")
    before = int(total.input_value())
    page.locator(f"#id_{relation}-ADD").click()
    page.wait_for_function(
        f"document.querySelector('#id_{relation}-TOTAL_FORMS').value == '{before + 1}'"
    )
    return f"id_{relation}-{before}"


def test_an_editor_builds_publishes_and_schedules_a_project_in_the_browser(
    live_server, editor_tab
):
    from almenhub.organisations.models import Organisation
    from almenhub.people.models import Person
    from almenhub.projects.models import ProgrammePage, ProjectPage
    from almenhub.publications.models import PublicationPage
    from almenhub.taxonomy.models import Theme

    page, watch = editor_tab
    programme = ProgrammePage.objects.order_by("pk").first()
    owner = Organisation.objects.order_by("name")[1]
    people = list(
        Person.objects.filter(email__gt="").exclude(name="").order_by("name")[:2]
    )
    publication = PublicationPage.objects.live().order_by("title").first()
    themes = list(Theme.objects.children().order_by("pk")[:2])

    page.goto(f"{live_server.url}/admin/pages/add/projects/projectpage/{programme.pk}/")
    watch.assert_clean("new project form")

    page.fill("#id_title", "Grønne gårde med beboerne")
    page.fill("#id_teaser", "Beboere og driften skaber sammen grønnere gårde.")
    for theme in themes:
        page.get_by_label(theme.name, exact=True).check()
    page.select_option("#id_status", "ongoing")
    page.fill("#id_publication_year", "2026")
    choose_in_modal(
        page,
        page.locator(
            "#id_owner_organisation-chooser [data-chooser-action-choose]"
        ).first,
        owner.name.split()[-1],
        owner.name,
    )
    page.fill("#id_participants_text", "Beboerne i afdeling 7")

    for person in people:
        prefix = add_inline(page, "contacts")
        choose_in_modal(
            page,
            page.locator(
                f"#{prefix}-person-chooser [data-chooser-action-choose]"
            ).first,
            person.name.split()[0],
            str(person),
        )

    prefix = add_inline(page, "deliverables")
    page.fill(f"#{prefix}-title", "Håndbog i grønne gårde")
    page.select_option(f"#{prefix}-kind", "report")
    page.fill(f"#{prefix}-description", "Sådan kommer I i gang.")
    choose_in_modal(
        page,
        page.locator(
            f"#{prefix}-publication-chooser [data-chooser-action-choose]"
        ).first,
        publication.title.split()[0],
        publication.title,
    )

    prefix = add_inline(page, "quotes")
    page.fill(f"#{prefix}-text", "Gården er blevet vores fælles have.")
    page.fill(f"#{prefix}-author", "Hanne Beboer")
    page.fill(f"#{prefix}-role", "formand for afdelingsbestyrelsen")

    prefix = add_inline(page, "facts")
    page.fill(f"#{prefix}-heading", "Vidste du ...")
    page.fill(f"#{prefix}-text", "at en eng kræver to slåninger om året.")
    watch.assert_clean("the filled-in form")

    # Save a draft.
    save_draft(page)
    watch.assert_clean("after saving the draft")
    project = ProjectPage.objects.get(title="Grønne gårde med beboerne")
    assert not project.live
    draft = project.get_latest_revision_as_object()
    assert draft.contacts.count() == 2
    assert draft.deliverables.first().publication_id == publication.pk
    assert draft.owner_organisation_id == owner.pk

    # Preview it in the side panel: the page as it will look.
    preview = open_preview(page)
    preview.locator("h1", has_text="Grønne gårde med beboerne").wait_for()
    preview.get_by_text("Gården er blevet vores fælles have.").wait_for()
    watch.assert_clean("the preview")

    # Publish.
    publish(page)
    watch.assert_clean("after publishing")
    project.refresh_from_db()
    assert project.live

    # Everything typed in is on the public page.
    public = page.context.new_page()
    public_watch = PageWatch(public)
    response = public.goto(live_server.url + project.url)
    assert response.status == 200
    html = public.content()
    for expected in (
        "Grønne gårde med beboerne",
        "Beboere og driften skaber sammen grønnere gårde.",
        *(theme.name for theme in themes),
        "2026",
        owner.name,
        "Beboerne i afdeling 7",
        *(person.name for person in people),
        "Håndbog i grønne gårde",
        "Sådan kommer I i gang.",
        "Gården er blevet vores fælles have.",
        "Hanne Beboer",
        "at en eng kræver to slåninger om året.",
    ):
        assert expected in html, expected
    assert publication.url in html
    public_watch.assert_clean("the public project page")
    public.close()

    # Schedule a change of the title for next month.
    page.goto(f"{live_server.url}/admin/pages/{project.pk}/edit/")
    page.fill("#id_title", "Grønne gårde – anden udgave")
    page.locator("[data-side-panel-toggle=status]").click()
    page.locator("[data-side-panel=status]").get_by_role(
        "button", name=re.compile("tidsplan|Planlæg|Schedule", re.I)
    ).first.click()
    dialog = page.locator("#schedule-publishing-dialog")
    dialog.wait_for(state="visible")
    go_live = (dt.datetime.now() + dt.timedelta(days=30)).replace(
        second=0, microsecond=0
    )
    go_live_input = dialog.locator("#id_go_live_at")
    go_live_input.click()
    page.locator(".xdsoft_datetimepicker:visible").wait_for()  # the picker opens
    go_live_input.fill(go_live.strftime("%Y-%m-%d %H:%M"))
    # The picker stays open over the dialog's button; the editor saves the
    # schedule from the keyboard, as Wagtail's dialog allows.
    save = dialog.get_by_role("button", name=re.compile("Gem tidsplan|Save schedule"))
    save.focus()
    page.keyboard.press("Enter")
    dialog.wait_for(state="hidden")
    publish(page)
    watch.assert_clean("after scheduling")
    project.refresh_from_db()
    assert project.title == "Grønne gårde med beboerne", "still the live title"
    revision = project.revisions.filter(approved_go_live_at__isnull=False).get()
    assert revision.approved_go_live_at.date() == go_live.date()
