"""The demo's drawn pictures and how pages show them: responsive WebP
renditions with width, height, alt text and lazy loading; og:image and the
JSON-LD image from them."""

from __future__ import annotations

import datetime
import io
import json

import pytest
from bs4 import BeautifulSoup
from PIL import Image as PILImage

from almenhub.demo.images import CREDIT, cover, demo_images_load, scene
from almenhub.examples.factories import example_create
from almenhub.examples.services import example_index_get_or_create
from almenhub.news.factories import news_create
from almenhub.organisations.models import Organisation
from almenhub.projects.factories import project_create
from almenhub.publications.services import publication_get_or_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages(home_page, programme, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    organisation = Organisation.objects.create(name="Boligselskabet Test")
    news = news_create(title="Eng i gården", date=datetime.date(2024, 5, 1))
    publication, _ = publication_get_or_create(title="Håndbog om enge", year=2024)
    example = example_create(
        example_index_get_or_create(),
        title="Fra plæne til eng",
        organisation=organisation,
    )
    project = project_create(programme=programme, title="Vilde enge i gården")
    return {
        "news": news,
        "publication": publication,
        "example": example,
        "project": project,
    }


def test_drawings_are_made_here_the_same_each_time():
    first, again = scene("Fra plæne til eng"), scene("Fra plæne til eng")
    assert first.content == again.content and first.description.startswith("Tegning")
    assert scene("Noget andet").content != first.content
    with PILImage.open(io.BytesIO(first.content)) as picture:
        assert picture.size == (1200, 800)
    front = cover("Håndbog om enge", "AlmenRapport", 2024)
    with PILImage.open(io.BytesIO(front.content)) as picture:
        assert picture.size == (848, 1200)
    assert front.description == "Forsiden af “Håndbog om enge”."


def soup_of(client, page) -> BeautifulSoup:
    response = client.get(page.url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_every_page_type_gets_a_picture_shown_responsively(client, pages):
    assert demo_images_load() == 4
    assert demo_images_load() == 0  # a second load draws nothing
    for name, selector, lazy in [
        ("news", ".news__image img", False),  # on the first screen
        ("publication", "img.cover", True),
        ("example", ".example-image img", True),
        ("project", ".project__image img", False),  # on the first screen
    ]:
        soup = soup_of(client, pages[name])
        img = soup.select_one(selector)
        assert img is not None, name
        sources = [part.split() for part in img["srcset"].split(",")]
        assert len(sources) >= 2 and all(url.endswith(".webp") for url, _ in sources)
        assert int(img["width"]) > 0 and int(img["height"]) > 0, name
        assert img["alt"].startswith(("Tegning", "Forsiden")), name
        assert img.get("sizes"), name
        assert (img.get("loading") == "lazy") is lazy, name
        meta = {m["property"]: m["content"] for m in soup.select("meta[property]")}
        assert meta["og:image"].startswith("http://testserver/"), name
        assert meta["og:image"].endswith(".jpg"), name
        # Open Graph's 1.91:1, at most 1200 px wide (a smaller original is
        # not blown up).
        width, height = int(meta["og:image:width"]), int(meta["og:image:height"])
        assert width <= 1200 and abs(width / height - 1200 / 630) < 0.01, name
        assert meta["og:image:alt"] == img["alt"]
        card = soup.select_one('meta[name="twitter:card"]')["content"]
        assert card == "summary_large_image"
        data = json.loads(soup.select_one('script[type="application/ld+json"]').string)
        assert data["image"]["url"].startswith("http://testserver/"), name
    news = soup_of(client, pages["news"])
    assert news.select_one(".news__image figcaption").get_text() == CREDIT
    project = soup_of(client, pages["project"])
    credit = project.select_one(".project__image figcaption").get_text()
    assert credit == "Foto: almenhub (tegnet til demoen)"
    example = soup_of(client, pages["example"])
    assert example.select_one(".example-image figcaption").get_text() == CREDIT


def test_listings_show_the_pictures_as_decoration(client, pages):
    demo_images_load()
    for url, selector in [
        (pages["example"].get_parent().url, ".example-card img.card__image"),
        (pages["publication"].get_parent().url, ".card--cover img.card__cover"),
    ]:
        soup = BeautifulSoup(client.get(url).content, "html.parser")
        img = soup.select_one(selector)
        assert img is not None, url
        # Beside a linked title that says what it is: decorative.
        assert img["alt"] == "" and img["loading"] == "lazy"
        assert all(
            part.split()[0].endswith(".webp") for part in img["srcset"].split(",")
        )
        assert int(img["width"]) > 0 and int(img["height"]) > 0
