"""The old site's theme pages, tool pages and about pages, imported as
ThemeHubPage and ContentPage: every field as a visitor reads it, nesting as
on the old site, the listed titles linked to the pages imported in the same
run (or named as missing), and every old address leading to its page.
Every fixture in fixtures/sider is made up."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page, Revision

from almenhub.contentpages.models import ContentKind, ContentPage
from almenhub.home.models import HomePage
from almenhub.organisations.models import Organisation
from almenhub.projects.models import ProjectPage
from almenhub.publications.models import PublicationPage
from almenhub.themepages.models import ThemeHubPage

from .conftest import FIXTURES, run_import

pytestmark = pytest.mark.django_db

SIDER = FIXTURES / "sider"
MAIN = "https://www.almennet.example"


@pytest.fixture
def imported(tmp_path) -> dict:
    folder = tmp_path / "sider"
    shutil.copytree(SIDER, folder)
    for name in ["Boligselskabet Kildebo", "Strandbo"]:
        Organisation.objects.create(name=name)
    report = tmp_path / "report.csv"
    out, err = run_import(folder, report)
    return {"out": out, "err": err, "report": report, "folder": folder}


def _soup(client, url: str) -> BeautifulSoup:
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content, "html.parser")


def _hub(client, title: str) -> dict:
    page = ThemeHubPage.objects.get(title=title)
    article = _soup(client, page.url).select_one("article.theme-hub")
    sections = {}
    for section in article.select("section.hub-section"):
        prose = section.select_one(".prose")
        sections[section.h2.get_text(strip=True)] = {
            "kind": [c for c in section["class"] if c.startswith("hub-section--")][0],
            "links": [
                (a.get_text(strip=True), urlsplit(a["href"]).path)
                for a in section.select(".card__title a")
            ],
            "text": [el.get_text(" ", strip=True) for el in prose.find_all(["p", "li"])]
            if prose
            else [],
        }
    intro = article.find("div", class_="prose", recursive=False)
    return {
        "url": urlsplit(page.url).path,
        "title": article.h1.get_text(strip=True),
        "lead": article.select_one(".lead").get_text(strip=True),
        "intro": [
            (el.name, el.get_text(" ", strip=True))
            for el in (intro.find_all(["h3", "p"]) if intro else [])
        ],
        "sections": sections,
        "subpages": [
            (a.get_text(strip=True), urlsplit(a["href"]).path)
            for a in article.select("nav.related a")
        ],
    }


def _url(model, title: str) -> str:
    return urlsplit(model.objects.get(title=title).url).path


def test_theme_page_links_the_projects_publications_and_tools_it_lists(
    imported, client
):
    hub = _hub(client, "Natur i gården")
    assert hub["url"] == "/temasider/natur-i-gaarden/"
    assert hub["title"] == "Natur i gården"
    assert hub["lead"] == (
        "Sådan får boligområdernes grønne arealer mere liv, og beboerne mere "
        "glæde af dem."
    )
    assert hub["intro"] == [
        (
            "p",
            "Mange afdelinger har store plæner, der slås hver uge. Her samler vi "
            "erfaringer fra dem, der har prøvet noget andet.",
        ),
        ("h3", "Hvorfor vild natur"),
        (
            "p",
            "Vilde arealer giver føde og levesteder til insekter og fugle og "
            "kræver mindre slåning.",
        ),
    ]
    # The projects and publications were imported in the same run, from files
    # that come after the theme page by name.
    assert hub["sections"] == {
        "Projekter": {
            "kind": "hub-section--projects",
            "links": [
                (
                    "Blomsterenge i boligområdet",
                    _url(ProjectPage, "Blomsterenge i boligområdet"),
                ),
                (
                    "Insekthoteller i gården",
                    _url(ProjectPage, "Insekthoteller i gården"),
                ),
            ],
            # Not in the hub: kept as text under the section, never dropped.
            "text": ["Fuglekasser på facaden"],
        },
        "Vejledning": {
            "kind": "hub-section--publications",
            "links": [
                (
                    "Pleje af blomsterenge",
                    _url(PublicationPage, "Pleje af blomsterenge"),
                )
            ],
            "text": [],
        },
        "Viden": {
            "kind": "hub-section--publications",
            "links": [("Træer i gården", _url(PublicationPage, "Træer i gården"))],
            "text": [
                "Erfaringerne er samlet i korte hæfter, som kan bruges på "
                "afdelingsmødet."
            ],
        },
        "Værktøjer": {
            "kind": "hub-section--tools",
            "links": [("Naturtjekket", _url(ContentPage, "Naturtjekket"))],
            "text": [],
        },
    }
    # Its sub-pages, nested under it as on the old site (the shallower old
    # address first).
    assert hub["subpages"] == [
        ("Sådan kommer I i gang", "/temasider/natur-i-gaarden/saadan-kommer-i-i-gang/"),
        ("Vandhuller", "/temasider/natur-i-gaarden/vandhuller/"),
    ]
    # The title not found is a warning naming the file and the section.
    assert (
        "tema_natur.txt, afsnittet “Projekter” nævner “Fuglekasser på facaden”, "
        "som ikke findes i hubben" in imported["out"]
    )


def test_nested_theme_page_and_a_sub_page_of_running_text(imported, client):
    nested = _hub(client, "Vandhuller")
    assert nested["url"] == "/temasider/natur-i-gaarden/vandhuller/"
    assert nested["lead"] == (
        "Regnvand kan samles i små søer, hvor frøer og guldsmede slår sig ned."
    )
    assert nested["sections"]["Projekter"]["links"] == [
        (
            "Blomsterenge i boligområdet",
            _url(ProjectPage, "Blomsterenge i boligområdet"),
        )
    ]
    article = ContentPage.objects.get(title="Sådan kommer I i gang")
    assert article.get_parent().specific == ThemeHubPage.objects.get(
        title="Natur i gården"
    )
    soup = _soup(client, article.url)
    crumbs = [a.get_text(strip=True) for a in soup.select("nav.breadcrumbs a")]
    assert crumbs[-2:] == ["Temasider", "Natur i gården"]
    body = soup.select_one("article.content-page")
    assert body.select_one(".lead").get_text(strip=True) == (
        "En trin-for-trin-vejledning til afdelingsbestyrelsen."
    )
    prose = body.select_one(".prose")
    assert [
        (el.name, el.get_text(" ", strip=True))
        for el in prose.find_all(["h2", "p"])
        if not el.find_parent("figure")
    ] == [
        (
            "p",
            "Start med et møde, hvor beboerne kan sige, hvad de ønsker sig af "
            "gårdens grønne arealer.",
        ),
        ("h2", "Lav en plan"),
        ("p", "Tegn gården og marker de steder, hvor græsset må gro højt."),
    ]
    quote = prose.select_one("figure.quote")
    assert quote.blockquote.get_text(strip=True) == (
        "Det vigtigste er at spørge beboerne først."
    )
    assert quote.figcaption.get_text(strip=True) == "Pia Holm, driftschef"


def test_html_theme_page_with_its_canonical_address(imported, client):
    hub = _hub(client, "Tryghed i boligområdet")
    assert hub["url"] == "/temasider/tryghed/"
    assert hub["lead"] == "Lys, udsyn og fællesskab gør det trygt at færdes om aftenen."
    assert hub["intro"] == [
        ("p", "Temaet samler projekter om belysning, beplantning og naboskab.")
    ]
    assert hub["sections"]["Projekter"]["links"] == [
        ("Insekthoteller i gården", _url(ProjectPage, "Insekthoteller i gården"))
    ]
    assert hub["sections"]["Projekter"]["text"] == ["Lys på stierne"]
    assert hub["sections"]["Værktøjer"]["links"] == [
        ("Sorteringsguiden", _url(ContentPage, "Sorteringsguiden"))
    ]


def _content(client, title: str) -> dict:
    page = ContentPage.objects.get(title=title)
    body = _soup(client, page.url).select_one("article.content-page")
    prose = body.select_one(".prose")
    return {
        "url": urlsplit(page.url).path,
        "kind": page.kind,
        "parent": page.get_parent().title,
        "title": body.h1.get_text(strip=True),
        "lead": body.select_one(".lead").get_text(strip=True),
        "body": [
            (el.name, el.get_text(" ", strip=True))
            for el in prose.find_all(["h2", "p", "li"])
            if not el.find_parent("figure")
        ],
        "subpages": [a.get_text(strip=True) for a in body.select("nav.related a")],
    }


def test_tool_pages_nested_under_their_platform(imported, client):
    platform = _content(client, "Værktøjsplatform om natur")
    assert platform == {
        "url": "/vaerktoejsplatform-om-natur/",
        "kind": ContentKind.TOOL,
        "parent": HomePage.objects.get().title,
        "title": "Værktøjsplatform om natur",
        "lead": "Værktøjer til driften af grønne arealer med plads til vild natur.",
        "body": [
            (
                "p",
                "Platformen samler skemaer, tjeklister og vejledninger, som "
                "ejendomsfunktionærer kan bruge direkte.",
            )
        ],
        "subpages": ["Naturtjekket"],
    }
    tool = _content(client, "Naturtjekket")
    assert tool["url"] == "/vaerktoejsplatform-om-natur/naturtjekket/"
    assert tool["kind"] == ContentKind.TOOL
    assert (
        tool["lead"] == "Et skema, der gør status over naturen i afdelingen på en time."
    )
    assert tool["body"] == [
        ("h2", "Sådan bruger du det"),
        ("p", "Gå en tur rundt i afdelingen og sæt kryds ved det, du ser."),
        ("p", "Skemaet spørger blandt andet om:"),
        ("li", "Blomstrende planter"),
        ("li", "Gamle træer"),
        ("li", "Vand og fugtige steder"),
    ]
    # A tool whose platform page was not imported goes under the home page.
    guide = _content(client, "Sorteringsguiden")
    assert guide["url"] == "/sorteringsguiden/"
    assert guide["kind"] == ContentKind.TOOL
    assert guide["lead"] == "En guide til skilte og farver ved affaldsøerne."


def test_about_membership_and_contact_pages(imported, client):
    about = _content(client, "Om foreningen")
    assert about["url"] == "/om-foreningen/"
    assert about["kind"] == ContentKind.ABOUT
    assert about["lead"] == (
        "Foreningen udvikler driften af de almene boliger sammen med medlemmerne."
    )
    assert about["body"] == [
        ("p", "Vi samler erfaringer, holder ERFA-møder og udgiver vejledninger."),
        ("h2", "Vores arbejde"),
        (
            "p",
            "Sekretariatet har ti medarbejdere og en bestyrelse valgt af medlemmerne.",
        ),
    ]
    assert about["subpages"] == ["Medlemskab"]
    membership = _content(client, "Medlemskab")
    assert membership["url"] == "/om-foreningen/medlemskab/"
    assert membership["kind"] == ContentKind.MEMBERSHIP
    assert membership["body"][-2:] == [
        ("h2", "Hvad koster det"),
        ("p", "Kontingentet afhænger af antallet af boliger."),
    ]
    contact = _content(client, "Kontakt")
    assert contact["url"] == "/kontakt/"
    assert contact["kind"] == ContentKind.CONTACT
    assert contact["body"] == [
        ("p", "Skriv til sekretariatet@almennet.example eller ring på 70 20 30 40.")
    ]


def _addresses(folder: Path) -> list[tuple[str, str]]:
    rows = csv.DictReader((folder / "addresses.csv").open(encoding="utf-8"))
    found = [(str(folder / r["file"]), r["url"]) for r in rows]
    return found + [(str(folder / "tema_tryghed.html"), f"{MAIN}/temasider/tryghed/")]


def test_every_old_address_leads_to_its_new_page(imported, client):
    report = {r["fil"]: r for r in csv.DictReader(imported["report"].open())}
    checked = 0
    for file, url in _addresses(imported["folder"]):
        row = report[file]
        if row["udfald"] == "fejl":
            assert file.endswith("om_uden_titel.txt")
            continue
        page = Page.objects.get(pk=int(row["side_id"])).specific
        old = urlsplit(url).path
        redirect = Redirect.objects.get(old_path=Redirect.normalise_path(old))
        assert redirect.redirect_page_id == page.pk and redirect.is_permanent
        response = client.get(old)
        if old == urlsplit(page.url).path:
            # Kept its address: the page itself answers (the redirect is for
            # when an editor moves it).
            assert response.status_code == 200, url
        else:
            assert response.status_code == 301, url
            assert response["Location"].endswith(page.url), url
        checked += 1
    assert checked == 12


def test_summary_per_kind_and_a_page_without_a_title(imported):
    out, err = imported["out"], imported["err"]
    assert (
        "Temasider: Fundet: 4 · Oprettet: 4 · Opdateret: 0 · Uændret: 0 · "
        "Omdirigeringer: 4 · Advarsler: 2 · Konflikter: 0 · Fejl: 0"
    ) in out
    assert "Værktøjer: Fundet: 3 · Oprettet: 3" in out
    assert (
        "Indholdssider: Fundet: 4 · Oprettet: 3 · Opdateret: 0 · Uændret: 0 · "
        "Omdirigeringer: 3 · Advarsler: 0 · Konflikter: 0 · Fejl: 1"
    ) in out
    assert (
        "om_uden_titel.txt, linje 1: Siden har ingen titellinje: den første linje "
        "er et afsnit (" in err
    )


def test_reimport_links_a_title_imported_since_and_respects_a_draft(imported, client):
    folder = imported["folder"]
    out, _ = run_import(folder)
    assert "Temasider: Fundet: 4 · Oprettet: 0 · Opdateret: 0 · Uændret: 4" in out
    # The missing project arrives in a later import: the theme page links it.
    (folder / "z_projekt_fugle.txt").write_text(
        "Fuglekasser på facaden\n\nStrandbo\n\nBeboerne satte fuglekasser op.\n",
        encoding="utf-8",
    )
    with (folder / "addresses.csv").open("a", encoding="utf-8") as rows:
        rows.write(f"z_projekt_fugle.txt,{MAIN}/projekter/forsoegspuljen/fugle/\n")
    hub = ThemeHubPage.objects.get(title="Natur i gården")
    # An editor's draft of another theme page is not published over.
    tryghed = ThemeHubPage.objects.get(title="Tryghed i boligområdet")
    tryghed.teaser = "Redaktørens udkast."
    tryghed.save_revision()
    (folder / "tema_tryghed.html").write_text(
        (folder / "tema_tryghed.html").read_text().replace("Lys på stierne", "Lys"),
        encoding="utf-8",
    )
    out, err = run_import(folder)
    assert "Temasider: Fundet: 4 · Oprettet: 0 · Opdateret: 1 · Uændret: 2" in out
    assert "Konflikter: 1" in out
    assert "“Tryghed i boligområdet” har en kladde" in err
    links = _hub(client, "Natur i gården")["sections"]["Projekter"]
    assert links["links"][-1] == (
        "Fuglekasser på facaden",
        _url(ProjectPage, "Fuglekasser på facaden"),
    )
    assert links["text"] == []
    assert Revision.page_revisions.filter(object_id=str(hub.pk)).count() == 2
