"""Browser test: the search field's suggestions, used with the keyboard alone
(search/static/search/autocomplete.js, the WAI-ARIA combobox pattern)."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from almenhub.core.tests.browser import PageWatch
from almenhub.core.tests.test_validators import axe_violations
from almenhub.organisations.models import Organisation
from almenhub.search.services import search_rebuild
from almenhub.search.tests.conftest import EXTRA_PAGES, add_page

SOLAR = {"title": "Solceller på taget", "body": "Strøm fra solceller i afdelingen."}


def field_state(page) -> dict:
    return page.evaluate(
        """() => {
          const input = document.getElementById('id_q');
          const id = input.getAttribute('aria-activedescendant');
          return {
            expanded: input.getAttribute('aria-expanded'),
            controls: input.getAttribute('aria-controls'),
            active: id ? document.getElementById(id).textContent : null,
            status: document.querySelector('.search-combobox [role=status]')
              .textContent,
          };
        }"""
    )


def arrow_down_to(page, text: str) -> None:
    for _ in range(12):
        page.keyboard.press("ArrowDown")
        if text in (field_state(page)["active"] or ""):
            return
    raise AssertionError(f"no suggestion {text!r}: {field_state(page)}")


@pytest.mark.isolated
@pytest.mark.django_db(transaction=True)
def test_suggestions_with_the_keyboard_open_an_organisation_or_search_a_title(
    live_server, browser, programme
):
    add_page(programme, EXTRA_PAGES[0], "solstrand")  # owner: Solstrand Boligforening
    add_page(programme, SOLAR, "solar")
    search_rebuild()
    solstrand = Organisation.objects.get(name="Solstrand Boligforening")
    page = browser.new_page()
    page.set_default_timeout(10_000)
    watch = PageWatch(page)
    page.goto(live_server.url + "/soeg/")
    listbox = page.locator("#search-suggestions")

    page.locator("#id_q").press_sequentially("sol")
    listbox.get_by_role("option", name="Solstrand Boligforening").wait_for()
    state = field_state(page)
    assert state["expanded"] == "true" and state["controls"] == "search-suggestions"
    count = listbox.get_by_role("option").count()
    assert state["status"].startswith(f"{count} forslag"), state
    assert axe_violations(page) == []

    page.keyboard.press("Escape")
    assert listbox.is_hidden() and field_state(page)["expanded"] == "false"
    arrow_down_to(page, "Solstrand Boligforening")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert urlsplit(page.url).path == solstrand.get_absolute_url()

    page.goto(live_server.url + "/soeg/")
    page.locator("#id_q").press_sequentially("sol")
    listbox.get_by_role("option", name="Solceller på taget").wait_for()
    arrow_down_to(page, "Solceller på taget")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert parse_qs(urlsplit(page.url).query)["q"] == ["Solceller på taget"]
    assert page.locator(".hit__title").first.inner_text() == "Solceller på taget"
    watch.assert_clean("suggestions")
    page.close()
