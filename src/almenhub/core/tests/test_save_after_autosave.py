"""Browser test: a save waits for the autosave on its way, so an older state
of the form cannot overwrite what the editor saved.

Wagtail checks an autosave against the newest revision before it writes, not
while it writes (wagtail/wagtail#13749). The test makes the server slow at
writing autosaves, as a busy server is, edits, lets the autosave leave, edits
again and saves at once: without core/static/core/save-after-autosave.js the
slow autosave lands after the save and becomes the newest revision.
"""

from __future__ import annotations

import threading
import time

import pytest
from wagtail.admin.views.pages.edit import EditView
from wagtail.models import Page

from almenhub.contentpages.models import ContentPage
from almenhub.core.tests.browser import PageWatch, admin_log_in

pytestmark = [pytest.mark.isolated, pytest.mark.django_db(transaction=True)]

PASSWORD = "redaktoer-kode-2027"
AUTOSAVE_WRITE_DELAY = 2.0


@pytest.fixture
def slow_autosaves(monkeypatch):
    """Autosaves take AUTOSAVE_WRITE_DELAY seconds between Wagtail's check
    and their write; the list counts those that have finished."""
    finished: list[int] = []
    lock = threading.Lock()
    save_action = EditView.save_action

    def slow_save_action(self):
        if not self.expects_json_response:
            return save_action(self)
        time.sleep(AUTOSAVE_WRITE_DELAY)
        try:
            return save_action(self)
        finally:
            with lock:
                finished.append(1)

    monkeypatch.setattr(EditView, "save_action", slow_save_action)
    return finished


def test_a_save_right_after_an_edit_keeps_the_edit(
    live_server, browser, django_user_model, slow_autosaves
):
    django_user_model.objects.create_superuser(
        username="redaktoer", email="redaktoer@example.dk", password=PASSWORD
    )
    home = Page.objects.get(depth=2)
    page_obj = home.add_child(
        instance=ContentPage(title="Om foreningen", slug="om-foreningen", teaser="Før.")
    )
    page_obj.save_revision().publish()

    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    watch = PageWatch(tab)
    # Wagtail compares the form with how it looked two seconds after it
    # loaded (and takes that picture again when the editor's session starts);
    # an edit before the last picture is not an edit to it.
    tab.add_init_script(
        "document.addEventListener('w-unsaved:watch-edits',"
        " () => { window.__watchingEdits = Date.now(); });"
    )
    admin_log_in(tab, live_server.url, "redaktoer", PASSWORD)
    tab.goto(f"{live_server.url}/admin/pages/{page_obj.pk}/edit/")
    watch.assert_clean("the editor")
    tab.wait_for_function(
        "() => window.__watchingEdits && Date.now() - window.__watchingEdits > 2500"
    )

    def is_autosave(request) -> bool:
        return request.method == "POST" and "json" in request.headers.get("accept", "")

    # The first edit: its autosave leaves and is slow to be written.
    with tab.expect_request(is_autosave):
        tab.fill("#id_teaser", "Først skrevet.")
    # The second edit, saved at once.
    tab.fill("#id_title", "Om foreningen og dens medlemmer")
    with tab.expect_navigation(timeout=20_000):
        tab.get_by_role("button", name="Gem kladde").click()
    watch.assert_clean("after saving the draft")

    # Whatever the slow autosave does, it has done it before we look.
    deadline = time.monotonic() + 3 * AUTOSAVE_WRITE_DELAY + 5
    while not slow_autosaves and time.monotonic() < deadline:
        time.sleep(0.2)
    assert slow_autosaves, "the autosave never reached the server"
    time.sleep(0.5)

    page_obj.refresh_from_db()
    draft = page_obj.get_latest_revision_as_object()
    assert draft.title == "Om foreningen og dens medlemmer"
    assert draft.teaser == "Først skrevet."

    # The same for a publish: it must still publish once the autosave is
    # answered (the clicked button is disabled by then, and a disabled button
    # sends no action-publish).
    slow_autosaves.clear()
    tab.wait_for_function(
        "() => window.__watchingEdits && Date.now() - window.__watchingEdits > 2500"
    )
    with tab.expect_request(is_autosave):
        tab.fill("#id_teaser", "Skrevet igen.")
    tab.fill("#id_title", "Om foreningen")
    tab.locator("footer [data-w-dropdown-target=toggle]").first.click()
    with tab.expect_navigation(timeout=20_000):
        tab.locator("button[name=action-publish]").click()
    watch.assert_clean("after publishing")
    deadline = time.monotonic() + 3 * AUTOSAVE_WRITE_DELAY + 5
    while not slow_autosaves and time.monotonic() < deadline:
        time.sleep(0.2)
    time.sleep(0.5)
    page_obj.refresh_from_db()
    assert page_obj.title == "Om foreningen"
    assert page_obj.teaser == "Skrevet igen."
    assert not page_obj.has_unpublished_changes
    context.close()
