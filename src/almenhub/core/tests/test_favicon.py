"""/favicon.ico answers with the site's icon (browsers ask for it anyway)."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.contrib.staticfiles import finders
from django.templatetags.static import static
from PIL import Image

pytestmark = pytest.mark.django_db


def test_favicon_ico_leads_to_a_real_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    assert response["Location"] == static("favicon.ico")
    assert "max-age=86400" in response["Cache-Control"]
    assert client.head("/favicon.ico").status_code == 302
    assert client.post("/favicon.ico").status_code == 405
    path = finders.find("favicon.ico")
    assert path is not None
    with Image.open(path) as icon:
        assert icon.format == "ICO"
        assert {(16, 16), (32, 32)} <= set(icon.info["sizes"])


def test_pages_name_the_icon(client, home_page):
    soup = BeautifulSoup(client.get("/").content, "html.parser")
    link = soup.find("link", rel="icon")
    assert link["href"] == static("favicon.ico")


def test_the_touch_icon_is_a_180_pixel_square(client, home_page):
    for url in ("/apple-touch-icon.png", "/apple-touch-icon-precomposed.png"):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"] == static("apple-touch-icon.png")
    with Image.open(finders.find("apple-touch-icon.png")) as icon:
        # Opaque: a phone shows transparency as black.
        assert (icon.format, icon.size, icon.mode) == ("PNG", (180, 180), "RGB")
    soup = BeautifulSoup(client.get("/").content, "html.parser")
    link = soup.find("link", rel="apple-touch-icon")
    assert link["href"] == static("apple-touch-icon.png")
