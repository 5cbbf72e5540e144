"""Outside checkers over one page of every page type: html-validate (npm,
pinned in package.json, installed by `make install-test`) on the HTML the
server sends, and axe-core in Chromium with its best-practice rules on top of
WCAG 2.2 A and AA. Any validator error or axe violation fails.

The page types are found, not listed: one live page of each Wagtail page
class in the demo, its routed sub-pages, and the views outside the page tree.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from wagtail.models import Page

from almenhub.organisations.models import Organisation
from almenhub.people.selectors import public_people

# The repository's root: the folder `make test` runs in (where package.json is).
ROOT = Path.cwd()
HTML_VALIDATE = ROOT / "node_modules" / ".bin" / "html-validate"
HTML_VALIDATE_CONFIG = ROOT / ".htmlvalidate.mjs"
AXE_TAGS = [
    "wcag2a",
    "wcag2aa",
    "wcag21a",
    "wcag21aa",
    "wcag22aa",
    "best-practice",
]
# Routed sub-pages (RoutablePageMixin) that a visitor reaches without logging in.
SUB_PAGES = {
    "meetingpage": ["tilmeld/"],
    "exampleindexpage": ["kort/"],
}
OUTSIDE_THE_TREE = {
    "søgning med filter": "/soeg/?q=biodiversitet&status=finished",
    "søgning uden træffere": "/soeg/?q=zzzxq",
    "alle projekter": "/soeg/projekter/",
    "eksempler med filter": "/eksempler/?tema=energi-klima-og-miljoe&bundlinje=social",
    "publikationer med filter": "/publikationer/?aar=2024",
    "temaer": "/tema/",
    "hovedtema": "/tema/energi-klima-og-miljoe/",
    "tema": "/tema/natur-og-biodiversitet/",
    "værdi": "/vaerdi/",
    "api": "/api/v1/docs/",
    "ikke fundet": "/findes-ikke/",
}


def page_type_urls() -> dict[str, str]:
    urls: dict[str, str] = {}
    for page in Page.objects.live().filter(depth__gt=1).order_by("path").specific():
        name = type(page).__name__.lower()
        if name in urls:
            continue
        urls[name] = page.url
        for suffix in SUB_PAGES.get(name, []):
            urls[f"{name} {suffix}"] = page.url + suffix
    urls.update(OUTSIDE_THE_TREE)
    # The public pages of people and organisations, one of each with content.
    person = public_people().filter(project_contacts__isnull=False).first()
    assert person is not None, "the demo has no public contact person"
    urls["person"] = person.get_absolute_url()
    owner = Organisation.objects.filter(owned_projects__live=True).first()
    assert owner is not None, "the demo has no organisation that owns a project"
    urls["organisation"] = owner.get_absolute_url()
    return urls


def html_validate(documents: dict[str, str], folder: Path) -> dict[str, list[str]]:
    """Errors by page name, from one run of html-validate over all of them."""
    files = {}
    for n, (name, html) in enumerate(documents.items()):
        path = folder / f"{n:02d}.html"
        path.write_text(html, encoding="utf-8")
        files[str(path)] = name
    # The report goes to a file: node cuts a long report short on a pipe.
    report = folder / "report.json"
    run = subprocess.run(
        [
            str(HTML_VALIDATE),
            "--config",
            str(HTML_VALIDATE_CONFIG),
            "--formatter",
            f"json={report}",
            *files,
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert report.exists(), run.stderr
    found: dict[str, list[str]] = {}
    for result in json.loads(report.read_text() or "[]"):
        for message in result["messages"]:
            if message["severity"] < 2:
                continue
            found.setdefault(files[result["filePath"]], []).append(
                f"{message['ruleId']} at {message['line']}:{message['column']}:"
                f" {message['message']}"
            )
    return found


def axe_violations(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(
        page,
        options={
            "runOnly": {"type": "tag", "values": AXE_TAGS},
            "resultTypes": ["violations"],
        },
    )
    return [
        f"{v['id']} ({v['impact']}): {[node['target'] for node in v['nodes'][:3]]}"
        for v in results.response["violations"]
    ]


PHONE = {"width": 390, "height": 844}


def phone_problems(browser, base: str, urls: dict[str, str]) -> dict[str, list[str]]:
    """At 390 px: no page is wider than the screen; the search's facets wait
    behind "Filtrer"; the main menu is a button that opens it."""
    page = browser.new_page(viewport=PHONE)
    found: dict[str, list[str]] = {}
    for name, url in urls.items():
        page.goto(base + url)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            found.setdefault(f"phone {name} {url}", []).append(f"{width} px wide")
    page.goto(base + urls["søgning med filter"])
    facets = page.locator(".search-facets .facet").first
    assert not facets.is_visible(), "facets hidden behind Filtrer on a phone"
    page.get_by_text("Filtrer", exact=True).click()
    assert facets.is_visible()
    menu = page.locator("#hovedmenu")
    button = page.get_by_role("button", name="Menu")
    assert not menu.is_visible() and button.get_attribute("aria-expanded") == "false"
    button.click()
    assert menu.is_visible() and button.get_attribute("aria-expanded") == "true"
    page.keyboard.press("Escape")
    assert not menu.is_visible()
    page.close()
    return found


@pytest.mark.isolated
@pytest.mark.django_db(transaction=True)
def test_every_page_type_passes_html_validate_and_axe_and_fits_a_phone(
    live_server, browser, demo_site, tmp_path
):
    assert HTML_VALIDATE.exists(), "run `make install-test` (npm ci)"
    urls = page_type_urls()
    assert {"homepage", "projectpage", "meetingpage", "exampleindexpage"} <= set(urls)
    page = browser.new_page()
    documents: dict[str, str] = {}
    problems: dict[str, list[str]] = {}
    for name, url in urls.items():
        response = page.goto(live_server.url + url)
        expected = 404 if name == "ikke fundet" else 200
        assert response.status == expected, f"{name}: {url} gave {response.status}"
        assert page.get_attribute("html", "lang") == "da", name
        documents[name] = response.text()
        found = axe_violations(page)
        if found:
            problems[f"axe {name} {url}"] = found
    page.close()
    problems.update(phone_problems(browser, live_server.url, urls))
    for name, errors in html_validate(documents, tmp_path).items():
        problems[f"html-validate {name} {urls[name]}"] = errors
    assert not problems, json.dumps(problems, indent=1, ensure_ascii=False)
