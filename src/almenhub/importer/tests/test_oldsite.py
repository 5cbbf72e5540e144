"""The old site as it is: both generations of project pages and their
variants, pool pages, two versions of one address, old addresses and their
redirects, re-imports that meet an editor's draft. Every fixture in
fixtures/oldsite is made up; each test reads the page as a visitor sees it."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Revision

from almenhub.home.models import HomePage
from almenhub.organisations.models import Organisation
from almenhub.projects.models import ProgrammePage, ProjectPage

from .conftest import FIXTURES, run_import

pytestmark = pytest.mark.django_db

OLDSITE = FIXTURES / "oldsite"
# Organisations the hub has before the import: partners and funders match
# them, and they mark where a "Name, Organisation" run may be cut.
KNOWN = [
    "Strandbo",
    "Egeparken Bolig",
    "Boligselskabet Kildebo",
    "Fonden for Lyse Boliger",
]
MAIN = "https://www.almennet.example"
HEADING = "h3"  # the body's sub-headings, as the body block renders them


@pytest.fixture
def oldsite(tmp_path) -> Path:
    folder = tmp_path / "oldsite"
    shutil.copytree(OLDSITE, folder)
    for name in KNOWN:
        Organisation.objects.create(name=name)
    return folder


@pytest.fixture
def imported(oldsite, tmp_path) -> dict:
    report = tmp_path / "report.csv"
    out, err = run_import(oldsite, report)
    return {"out": out, "err": err, "report": report, "folder": oldsite}


def _page(title: str) -> ProjectPage:
    return ProjectPage.objects.get(title=title)


def _read(client, title: str) -> dict:
    """The rendered page as a visitor reads it: title, lead, credit, the
    facts (label → values), contact cards, body, deliverables, quotes."""
    response = client.get(_page(title).url)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    article = soup.select_one("article.project")
    facts: dict[str, list[str]] = {}
    for row in article.select(".facts-list > div"):
        label = row.dt.get_text(" ", strip=True)
        dd = row.dd
        items = [li.get_text(" ", strip=True) for li in dd.select(":scope > ul > li")]
        texts = [p.get_text(" ", strip=True) for p in dd.select(":scope > p")]
        cards = dd.select(".contact-card")
        if cards:
            # Phone numbers group with non-breaking spaces; read as spaces.
            facts[label] = [
                [p.get_text(" ", strip=True).replace("\xa0", " ") for p in card("p")]
                for card in cards
            ]
        else:
            facts[label] = items + texts or [dd.get_text(" ", strip=True)]
    prose = article.select_one(".prose")
    body = (
        [
            (el.name, el.get_text(" ", strip=True))
            for el in prose.find_all(["h3", "h2", "p", "li"])
            if el.get("id") != "om-projektet"
        ]
        if prose
        else []
    )
    credit = article.select_one(".photo-credit")
    lead = article.select_one(".lead")
    return {
        "title": article.h1.get_text(strip=True),
        "lead": lead.get_text(strip=True) if lead else "",
        "credit": credit.get_text(strip=True) if credit else "",
        "themes": [
            li.get_text(" ", strip=True) for li in soup.select(".theme-list li")
        ],
        "facts": facts,
        "body": body,
        "deliverables": [
            (
                li.select_one(".deliverable__kind").get_text(strip=True),
                li.select_one(".deliverable__title").get_text(strip=True),
                " ".join(p.get_text(strip=True) for p in li.find_all("p")[1:]),
            )
            for li in article.select(".deliverable")
        ],
        "quotes": [
            (
                fig.blockquote.get_text(" ", strip=True),
                fig.figcaption.get_text("", strip=True) if fig.figcaption else "",
            )
            for fig in article.select("figure.quote")
        ],
        "html": response.content.decode(),
        "facts_html": str(article.select_one(".project-facts")),
    }


def test_newer_page_with_several_children_partners_funders_and_an_organisation_contact(
    imported, client
):
    page = _read(client, "Lys i opgangene")
    assert (
        page["lead"]
        == "Et forsøg med bevægelsesstyret lys og nye farver i tre opgange."
    )
    assert page["credit"] == ""
    assert sorted(page["themes"]) == [
        "Beboere og fællesskab › Tryghed og trivsel",
        "Byggeri og renovering › Beboerinddragelse",
        "Byggeri og renovering › Projektledelse",
    ]
    assert page["facts"] == {
        "Status": ["Igangværende"],
        "Udgivelsesår": ["2024"],
        "Projektejer": ["Boligselskabet Kildebo"],
        # "A, B og C" is three, in the page's order.
        "Projektdeltagere": ["Boligselskabet Kildebo", "Egeparken Bolig", "Strandbo"],
        # Not organisations of the hub: kept as text, "Se alle" dropped.
        "Samarbejdspartnere": [
            "Lysfabrikken Nord; Tegnestuen Vinkel; Kildebo Beboerforening"
        ],
        "Støttet af": ["Fonden for Lyse Boliger"],
        "Kontaktperson": [
            [
                "Kildebo Driftscenter",
                "Kildebo Driftscenter",
                "Mail: drift@kildebo.example",
                "Telefon: 70 11 22 33",
            ]
        ],
    }
    assert page["body"] == [
        (
            "p",
            "Opgangene i afdelingen var mørke, og beboerne følte sig utrygge "
            "om aftenen.",
        ),
        (HEADING, "Hvad vi gjorde"),
        ("p", "Vi satte sensorer op og malede vægge og lofter i lyse farver."),
    ]
    assert page["deliverables"] == [
        ("AlmenHæfte", "Lys i opgangene", "Et kort hæfte om erfaringerne fra forsøget.")
    ]
    assert page["quotes"] == []
    assert "Se alle" not in page["html"]


def test_newer_page_with_a_run_of_people_and_an_unknown_label(imported, client):
    page = _read(client, "Fælles driftsdata")
    assert page["lead"] == (
        "Afdelingerne deler data om vedligehold på tværs af boligorganisationer."
    )
    assert sorted(page["themes"]) == [
        "Drift og administration › Digitalisering",
        "Drift og administration › Ny driftsplatform",
    ]
    assert page["facts"] == {
        "Status": ["Afsluttet"],
        "Udgivelsesår": ["2022"],
        "Projektejer": ["Egeparken Bolig"],
        # Cut only after the organisations the hub knows; every word kept.
        "Projektdeltagere": [
            "Strandbo",
            "Egeparken Bolig",
            "Boligselskabet Kildebo",
            "Ida Lund, Strandbo; Mads Berg, Egeparken Bolig; "
            "Sofie Dahl, Boligselskabet Kildebo",
        ],
        "Samarbejdspartnere": ["Strandbo"],
        "Støttet af": ["Fonden for Lyse Boliger", "Datapuljen"],
        "Kontaktperson": [
            [
                "Rasmus Kjær",
                "Driftschef",
                "Egeparken Bolig",
                "Mail: rk@egeparken.example",
                "Telefon: 22 33 44 55",
            ]
        ],
    }
    # The label the parser does not know is a section of the body.
    assert page["body"] == [
        (
            "p",
            "Tre boligorganisationer samlede deres data om vedligehold i en "
            "fælles platform.",
        ),
        (HEADING, "Målgruppe"),
        ("p", "Driftschefer og inspektører"),
    ]
    assert page["deliverables"] == [
        (
            "Værktøj",
            "Driftsdata-skabelon",
            "Et regneark til at samle data om vedligehold.",
        )
    ]
    assert "linje 19: Ukendt felt “Målgruppe” er lagt i teksten." in imported["out"]


def test_older_page_with_credit_owner_tabs_bullets_quote_and_extra_sections(
    imported, client
):
    page = _read(client, "Grønne gårde")
    assert page["lead"] == (
        "Gårdene i afdelingen blev omlagt til vild natur med hjælp fra beboerne."
    )
    assert page["credit"] == "Foto: Karl Vester"
    assert page["themes"] == []
    # The page states no status and no year: none is shown.
    assert page["facts"] == {
        "Projektejer": ["Strandbo"],
        "Samarbejdspartnere": ["Haveforeningen Kløver; Naturskolen Syd"],
        "Støttet af": ["Fonden for Lyse Boliger"],
    }
    assert "status--" not in page["facts_html"]
    assert "Om projektet Fakta Værktøjer" not in page["html"]
    assert page["body"] == [
        (HEADING, "Tanken bag projektet"),
        ("p", "Græsplænerne krævede meget slåning og gav kun lidt liv."),
        ("p", "Beboerne ønskede mere natur tæt på boligen."),
        ("p", "Efter to år var der flere insekter og fugle i gårdene."),
        (HEADING, "Resultater"),
        ("p", "Slåningen faldt til en tredjedel, og beboerne bruger gårdene mere."),
    ]
    assert page["deliverables"] == [
        ("Rapport", "Guide til vilde gårde", ""),
        ("Rapport", "Plantekort for skyggefulde hjørner", ""),
    ]
    assert page["quotes"] == [
        (
            "Vi har fået en gård, hvor børnene finder biller og sommerfugle.",
            "Lone Bak, formand for afdelingsbestyrelsen",
        )
    ]
    assert _page("Grønne gårde").status == ""


def test_older_page_with_a_bare_owner_name_tools_and_no_status(imported, client):
    page = _read(client, "Grønne gårde i Strandparken")
    assert page["lead"] == "Nye regnbede og vilde gårde i Strandparken."
    assert page["credit"] == ""
    assert page["facts"] == {"Projektejer": ["Strandbo"]}
    assert "status--" not in page["facts_html"]
    assert page["body"] == [
        ("p", "Strandparken havde problemer med vand i kældrene ved skybrud."),
        (HEADING, "Formål og fremgangsmåde"),
        ("p", "Vi gravede regnbede og plantede hjemmehørende arter."),
    ]
    assert page["deliverables"] == [
        (
            "Værktøj",
            "Tjekliste til regnbede",
            "En kort liste over, hvad der skal med, når man anlægger et regnbed.",
        )
    ]
    assert page["quotes"] == [
        ("Nu løber vandet ikke længere ned i kælderen.", "Bent Holm, vicevært")
    ]


def test_pool_pages_have_their_project_leader_as_contact_and_theme_line(
    imported, client
):
    rain = _read(client, "Regnbede i Lyngdalen")
    assert rain["lead"] == "Beboerne i Lyngdalen har anlagt regnbede ved blokkene."
    assert rain["credit"] == "Foto: Pia Sand"
    assert rain["themes"] == ["Energi, klima og miljø › Klimatilpasning"]
    assert rain["facts"] == {
        "Kontaktperson": [
            [
                "Jonas Krog",
                "Projektleder",
                "Boligforeningen Lyset",
                "Telefon: 12 34 56 78",
            ]
        ]
    }
    assert [t for _, t in rain["body"]] == [
        "Regnvandet fra tagene ledes nu ud i bede i stedet for i kloakken."
    ]
    assert rain["deliverables"] == [] and rain["quotes"] == []

    swap = _read(client, "Genbrugshjørnet")
    assert swap["lead"] == "Et hjørne i kælderen, hvor beboerne bytter ting."
    assert swap["credit"] == "" and swap["themes"] == []
    assert swap["facts"] == {
        "Kontaktperson": [
            ["Eva Ravn", "Projektleder", "Strandbo", "Telefon: 87 65 43 21"]
        ]
    }
    # A theme the hub does not know: the line stays, with a warning.
    assert [t for _, t in swap["body"]] == [
        "Beboerne bytter møbler og legetøj i stedet for at smide det ud.",
        "Læs mere om temaet Cirkulær drift",
    ]
    assert swap["quotes"] == [
        (
            "Jeg har fået en cykel til min datter uden at betale en krone.",
            "Mona Ali, beboer",
        )
    ]
    assert "Cirkulær drift" in imported["out"]
    # Each pool is a programme of its own.
    assert _page("Regnbede i Lyngdalen").get_parent().slug == "klimapulje"
    assert _page("Genbrugshjørnet").get_parent().slug == "genbrugspulje"


def test_html_page_gives_its_own_address_and_partners_match_organisations(
    imported, client
):
    page = _read(client, "Vaskeri med app")
    assert page["lead"] == "Beboerne booker vasketider på telefonen."
    assert page["themes"] == ["Drift og administration › Digitalisering"]
    assert page["facts"] == {
        "Status": ["Afsluttet"],
        "Projektejer": ["Egeparken Bolig"],
        "Samarbejdspartnere": ["Strandbo", "Vaskeriet Skum"],
    }
    assert [t for _, t in page["body"]] == [
        "Et nyt bookingsystem erstattede tavlen i kælderen."
    ]
    project = _page("Vaskeri med app")
    assert list(project.partners.values_list("name", flat=True)) == ["Strandbo"]
    assert project.partners_text == "Vaskeriet Skum"
    assert project.source_key == "oldsite:/udviklingsprojekter/q-v/vaskeri-med-app"


def test_two_versions_of_one_address_are_one_page_with_two_revisions(imported, client):
    pages = ProjectPage.objects.filter(title="Støjfri nætter")
    assert pages.count() == 1
    page = pages.get()
    assert Revision.page_revisions.filter(object_id=str(page.pk)).count() == 2
    # The later (finished) version is live; the ongoing one is its history.
    read = _read(client, "Støjfri nætter")
    assert read["facts"]["Status"] == ["Afsluttet"]
    assert read["facts"]["Udgivelsesår"] == ["2021"]
    assert [t for _, t in read["body"]] == [
        "Vi målte støjen i tyve boliger og skiftede ventilatorerne i dem alle."
    ]
    first = Revision.page_revisions.filter(object_id=str(page.pk)).order_by("pk")[0]
    assert first.content["status"] == "ongoing"
    assert page.live_revision == page.latest_revision
    assert not page.has_unpublished_changes


def _all_addresses(folder: Path) -> list[tuple[str, str]]:
    found = []
    for table in folder.rglob("addresses.csv"):
        with table.open(encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle))
        found += [(str(table.parent / r["file"]), r["url"]) for r in rows]
    found.append(
        (
            str(folder / "ny_kanonisk.html"),
            f"{MAIN}/udviklingsprojekter/q-v/vaskeri-med-app/",
        )
    )
    return found


def test_every_old_address_answers_301_to_its_new_page(imported, client, settings):
    settings.ALLOWED_HOSTS = ["*"]
    report = {row["fil"]: row for row in csv.DictReader(imported["report"].open())}
    checked = 0
    for file, url in _all_addresses(imported["folder"]):
        row = report[file]
        if row["udfald"] == "fejl":
            assert file.endswith("uden_titel.txt")
            continue
        page = ProjectPage.objects.get(pk=int(row["side_id"]))
        host = url.split("/")[2] if "://" in url else "testserver"
        path = "/" + url.split("/", 3)[3] if "://" in url else url
        response = client.get(path, HTTP_HOST=host)
        assert response.status_code == 301, url
        assert response["Location"].endswith(page.url), url
        checked += 1
    assert checked == 9


def test_summary_counts_per_kind_reports_duplicates_errors_and_a_row_per_file(
    imported,
):
    out, err = imported["out"], imported["err"]
    # Ten files; the one without a title is an error naming the file.
    assert (
        "Fundet: 10 · Oprettet: 8 · Opdateret: 1 · Uændret: 0 · Omdirigeringer: 8 · "
        "Advarsler: 2 · Konflikter: 0 · Fejl: 1"
    ) in out
    assert "Projekter: Fundet: 10" in out
    assert "uden_titel.txt, linje 1: Siden har ingen titellinje" in err
    assert (
        "DUBLET? Muligvis samme projekt: “Grønne gårde i Strandparken” "
        f"({MAIN}/udviklingsprojekter/f-k/groenne-gaarde-i-strandparken/) og "
        f"“Grønne gårde” ({MAIN}/projekter/forsoegspuljen/groenne-gaarde/)"
    ) in out
    rows = list(csv.DictReader(imported["report"].open(encoding="utf-8")))
    assert len(rows) == 10
    by_file = {Path(r["fil"]).name: r for r in rows}
    assert by_file["uden_titel.txt"]["udfald"] == "fejl"
    assert by_file["lyd_igang.txt"]["udfald"] == "oprettet"
    assert by_file["lyd_afsluttet.txt"]["udfald"] == "opdateret"
    assert by_file["ny_deltagerraekke.txt"]["advarsler"].startswith("linje 19:")
    assert {r["type"] for r in rows} == {"Projekter"}


def test_reimport_updates_with_a_revision_and_respects_an_editors_draft(
    imported, client
):
    folder = imported["folder"]
    out, _ = run_import(folder)
    assert "Oprettet: 0 · Opdateret: 0 · Uændret: 9 · Omdirigeringer: 0" in out

    # An editor works on one page and leaves a draft.
    drafted = _page("Grønne gårde i Strandparken")
    drafted.teaser = "Redaktørens nye manchet."
    drafted.save_revision()
    changed = _page("Lys i opgangene")
    revisions = Revision.page_revisions.filter(object_id=str(changed.pk)).count()

    for name, old, new in [
        ("gl_ejer.txt", "Nye regnbede", "Flere regnbede"),
        ("ny_undertemaer.txt", "tre opgange", "fire opgange"),
    ]:
        path = folder / name
        path.write_text(path.read_text(encoding="utf-8").replace(old, new), "utf-8")
    out, err = run_import(folder)
    assert (
        "Opdateret: 1 · Uændret: 7 · Omdirigeringer: 0 · Advarsler: 2 · Konflikter: 1"
        in out
    )
    assert "har en kladde, som en redaktør ikke har udgivet" in err

    # The draft stays the editor's; the live page is untouched.
    drafted.refresh_from_db()
    assert drafted.has_unpublished_changes
    assert drafted.get_latest_revision_as_object().teaser == "Redaktørens nye manchet."
    assert _read(client, "Grønne gårde i Strandparken")["lead"] == (
        "Nye regnbede og vilde gårde i Strandparken."
    )
    # The other page has a new revision, published.
    assert (
        Revision.page_revisions.filter(object_id=str(changed.pk)).count()
        == revisions + 1
    )
    assert _read(client, "Lys i opgangene")["lead"].endswith("fire opgange.")


def test_programmes_come_from_the_addresses(imported):
    slugs = set(ProgrammePage.objects.values_list("slug", flat=True))
    assert {
        "forsoegspuljen",
        "udviklingsprojekter",
        "klimapulje",
        "genbrugspulje",
    } <= slugs
    assert _page("Grønne gårde").get_parent().slug == "forsoegspuljen"
    assert _page("Fælles driftsdata").get_parent().slug == "udviklingsprojekter"
    assert HomePage.objects.count() == 1
