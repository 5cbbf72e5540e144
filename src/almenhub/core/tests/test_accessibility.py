"""Browser tests: axe-core (WCAG 2.1 A and AA rules) in headless Chromium on
the public pages, and a registration done with the keyboard alone.

Chromium comes from Debian's packages (scripts/ensure-chromium.sh, run by
`make test`); Playwright drives it, axe-core is injected into each page.
"""

from __future__ import annotations

import pytest

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def public_urls() -> dict[str, str]:
    from almenhub.projects.models import ProjectPage
    from almenhub.publications.models import PublicationPage

    urls = {
        "forside": "/",
        "søgning": "/soeg/?q=biodiversitet",
        "projekt": ProjectPage.objects.live().order_by("pk").first().url,
        "publikation": PublicationPage.objects.live().order_by("pk").first().url,
        "tema": "/tema/natur-og-biodiversitet/",
    }
    from almenhub.examples.models import ExamplePage

    urls["eksempel"] = ExamplePage.objects.live().order_by("pk").first().url
    urls["værdi"] = "/vaerdi/"
    from almenhub.meetings.models import MeetingPage

    meeting = MeetingPage.objects.live().order_by("pk").first()
    urls["møde"] = meeting.url
    urls["tilmelding"] = meeting.url + "tilmeld/"
    return urls


def serious_violations(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(
        page,
        options={
            "runOnly": {"type": "tag", "values": WCAG_TAGS},
            "resultTypes": ["violations"],
        },
    )
    found = []
    for violation in results.response["violations"]:
        if violation["impact"] in ("serious", "critical"):
            targets = [node["target"] for node in violation["nodes"][:3]]
            found.append(f"{violation['id']} ({violation['impact']}): {targets}")
    return found


@pytest.mark.isolated
@pytest.mark.django_db(transaction=True)
def test_public_pages_have_no_serious_accessibility_violations(
    live_server, browser, demo_site
):
    page = browser.new_page()
    problems: dict[str, list[str]] = {}
    for name, url in public_urls().items():
        response = page.goto(live_server.url + url)
        assert response.status == 200, f"{name}: {url} gave {response.status}"
        assert page.get_attribute("html", "lang") == "da"
        found = serious_violations(page)
        if found:
            problems[name] = found
    page.close()
    assert not problems, problems


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
