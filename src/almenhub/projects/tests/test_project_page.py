"""The project page shows every field of the old site's page, once, in Danish."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from almenhub.people.models import Person
from almenhub.projects.models import ProjectPage
from almenhub.projects.services import Outcome, project_upsert
from almenhub.publications.models import PublicationPage

pytestmark = pytest.mark.django_db


def render(client, page) -> BeautifulSoup:
    response = client.get(page.url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


@pytest.fixture
def seed_page(programme, seed_record) -> ProjectPage:
    return project_upsert(
        programme=programme, record=seed_record, source_key="seed"
    ).page


def text_of(node) -> str:
    return " ".join(node.get_text(" ", strip=True).split())


def test_every_seed_field_is_rendered(client, seed_page):
    soup = render(client, seed_page)
    assert soup.html["lang"] == "da"

    theme_links = {
        a.get_text(strip=True): a["href"] for a in soup.select(".theme-list a")
    }
    for name in (
        "Drift og administration",
        "Drift og vedligehold",
        "Energi, klima og miljø",
        "Natur og biodiversitet",
    ):
        assert name in theme_links
        assert theme_links[name].startswith("/tema/")

    assert soup.h1.get_text(strip=True) == "Værdiskabende gentagelser"
    assert "biodiversitet og socialt ansvar i driften" in text_of(
        soup.select_one(".lead")
    )

    facts = {
        text_of(div.dt): div.dd
        for div in soup.select(".project-facts .facts-list > div")
    }
    assert text_of(facts["Status"]) == "Afsluttet"
    assert text_of(facts["Udgivelsesår"]) == "2023"
    assert text_of(facts["Projektejer"]) == "AlmenNet"
    assert text_of(facts["Projektdeltagere"]) == "Deltagerne på AlmenNets ERFA-møder"
    contact = facts["Kontaktperson"]
    assert "Niklas Jarnit" in text_of(contact)
    assert "Sekretariatsleder" in text_of(contact)

    about = soup.find(id="om-projektet").parent
    assert [h.get_text(strip=True) for h in about.find_all("h3")] == [
        "Værdiskabende gentagelser",
        "Driftens udvikling",
    ]
    assert [li.get_text(strip=True) for li in about.select("ul li")] == [
        "Biodiversitet",
        "Vilde velfærdsproblemer",
    ]
    assert "I maj 2023 afholdt AlmenNet fire ERFA-møder." in text_of(about)

    deliverable = soup.select_one(".deliverable")
    assert text_of(deliverable.select_one(".deliverable__kind")) == "AlmenRapport"
    link = deliverable.select_one(".deliverable__title a")
    assert link.get_text(strip=True) == "Værdiskabende gentagelser"
    publication = PublicationPage.objects.get(title="Værdiskabende gentagelser")
    assert link["href"] == publication.url
    assert "En eksempelsamling over tiltag" in text_of(deliverable)

    quote = soup.select_one("figure.quote")
    assert "ufortalt succes" in text_of(quote.blockquote)
    caption = " ".join(quote.figcaption.get_text().split())
    assert caption == "Nina Smith, formand for Reformkommissionen"

    factbox = soup.select_one("aside.factbox")
    assert "Vidste du..." in text_of(factbox.h2)
    assert "4.000 mia. kr." in text_of(factbox)


def test_metadata_block_is_shown_once(client, seed_page):
    soup = render(client, seed_page)
    labels = [text_of(dt) for dt in soup.select("dt")]
    for label in ("Status", "Udgivelsesår", "Projektejer", "Kontaktperson"):
        assert labels.count(label) == 1, label
    assert soup.get_text().count("Niklas Jarnit") == 1


def test_contact_links(client, seed_page):
    soup = render(client, seed_page)
    card = soup.select_one(".contact-card")
    mail = card.select_one('a[href^="mailto:"]')
    tel = card.select_one('a[href^="tel:"]')
    assert mail["href"] == "mailto:nja@almennet.dk"
    assert tel["href"] == "tel:+4533762071"
    assert "33\u00a076\u00a020\u00a071" in tel.get_text()


def test_contact_without_public_details_shows_no_email_or_phone(client, seed_page):
    Person.objects.filter(email="nja@almennet.dk").update(show_contact_details=False)
    response = client.get(seed_page.url)
    html = response.content.decode()
    assert "Niklas Jarnit" in html
    assert "Sekretariatsleder" in html
    assert "nja@almennet.dk" not in html
    assert "33762071" not in html and "33\u00a076\u00a020\u00a071" not in html
    assert "mailto:" not in html and "tel:" not in html


def test_several_contacts_are_listed(client, programme, seed_record):
    from almenhub.projects.records import ContactRecord

    seed_record.contacts.append(
        ContactRecord(name="Anne Holm", job_title="Driftschef", email="ah@example.dk")
    )
    page = project_upsert(programme=programme, record=seed_record).page
    soup = render(client, page)
    names = [text_of(n) for n in soup.select(".contact-card__name")]
    assert names == ["Niklas Jarnit", "Anne Holm"]
    assert soup.find("dt", string="Kontaktpersoner") is not None


def test_user_text_is_escaped(client, programme, seed_record):
    seed_record.title = "<script>alert(1)</script>Tryghed"
    seed_record.teaser = '<img src=x onerror="alert(2)">'
    seed_record.quotes[0].author = "<b>Ond</b>"
    page = project_upsert(programme=programme, record=seed_record).page
    html = client.get(page.url).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;Tryghed" in html
    assert "<img src=x" not in html
    assert "<b>Ond</b>" not in html


def test_related_projects_fall_back_to_shared_themes(client, programme, seed_record):
    first = project_upsert(programme=programme, record=seed_record, source_key="a").page
    seed_record.title = "Grønne arbejdspladser"
    second = project_upsert(
        programme=programme, record=seed_record, source_key="b"
    ).page
    soup = render(client, first)
    related = [a["href"] for a in soup.select(".related a")]
    assert related == [second.url]


def test_upsert_is_idempotent_and_updates_in_place(programme, seed_record):
    first = project_upsert(programme=programme, record=seed_record, source_key="k")
    again = project_upsert(programme=programme, record=seed_record, source_key="k")
    assert first.outcome is Outcome.CREATED
    assert again.outcome is Outcome.UNCHANGED
    seed_record.teaser = "Ny manchet"
    changed = project_upsert(programme=programme, record=seed_record, source_key="k")
    assert changed.outcome is Outcome.UPDATED
    assert changed.page.pk == first.page.pk
    assert ProjectPage.objects.count() == 1
    assert ProjectPage.objects.get().teaser == "Ny manchet"
    assert PublicationPage.objects.count() == 1


def test_publication_titles_match_regardless_of_case_and_spaces(programme, seed_record):
    from almenhub.publications.services import publication_get_or_create, series_find

    series = series_find(name="AlmenRapport")
    first, created = publication_get_or_create(title="Ærlige tal", series=series)
    again, created_again = publication_get_or_create(title="ærlige  tal", series=series)
    assert created and not created_again and again.pk == first.pk


def test_imported_pages_have_publication_dates(programme, seed_record):
    page = project_upsert(programme=programme, record=seed_record, source_key="d").page
    assert page.first_published_at is not None
    assert page.last_published_at is not None
    assert page.publications.count() == 1
