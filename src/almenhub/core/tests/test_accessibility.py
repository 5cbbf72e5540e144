"""Browser test: a registration done with the keyboard alone. (axe-core over
every page type is in test_validators.py.)

Chromium comes from Debian's packages (scripts/ensure-chromium.sh, run by
`make test`); Playwright drives it.
"""

from __future__ import annotations

import pytest


def tab_until(page, predicate_js: str, limit: int = 80) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(
            f"(() => {{ const el = document.activeElement; return {predicate_js}; }})()"
        ):
            return
    raise AssertionError(f"keyboard focus never reached: {predicate_js}")


def focused_name(page) -> str:
    return page.evaluate("document.activeElement.getAttribute('name') || ''")


@pytest.mark.isolated
@pytest.mark.django_db(transaction=True)
def test_registration_with_the_keyboard_alone(live_server, browser, demo_site):
    from almenhub.meetings.models import MeetingPage, Registration

    meeting = (
        MeetingPage.objects.live()
        .filter(registration_deadline__gt=timezone_now())
        .first()
    )
    assert meeting is not None, "the demo has an open meeting"
    before = Registration.objects.filter(meeting=meeting).count()
    page = browser.new_page()
    page.goto(live_server.url + meeting.url + "tilmeld/")

    tab_until(page, "el.getAttribute('name') === 'name'")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none", "keyboard focus must be visible"
    page.keyboard.type("Kirsten Tastatur")
    for field, text in (
        ("organisation", "Boligselskabet Tastebo"),
        ("email", "kirsten.tastatur@example.dk"),
        ("job_title", "Driftschef"),
        ("dietary_needs", "Vegetar"),
    ):
        page.keyboard.press("Tab")
        assert focused_name(page) == field
        page.keyboard.type(text)
    tab_until(page, "el.getAttribute('name') === 'consent'")
    page.keyboard.press("Space")
    assert page.evaluate("document.activeElement.checked")
    tab_until(page, "el.tagName === 'BUTTON' && el.type === 'submit'")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.get_attribute("html", "lang") == "da"
    registration = Registration.objects.get(
        meeting=meeting, email="kirsten.tastatur@example.dk"
    )
    assert registration.name == "Kirsten Tastatur"
    assert Registration.objects.filter(meeting=meeting).count() == before + 1
    page.close()


def timezone_now():
    from django.utils import timezone

    return timezone.now()
