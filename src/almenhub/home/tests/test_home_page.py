"""The home page: the newest public projects and news, and the programmes."""

from __future__ import annotations

import datetime

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from almenhub.home.models import NEWEST_NEWS, NEWEST_PROJECTS
from almenhub.news.factories import news_create
from almenhub.projects.factories import project_create
from almenhub.projects.models import ProjectPage

pytestmark = pytest.mark.django_db


def card_titles(soup: BeautifulSoup, section_id: str) -> list[str]:
    section = soup.find("section", attrs={"aria-labelledby": section_id})
    return [a.get_text(strip=True) for a in section.select(".card__title a")]


def test_the_home_page_shows_the_newest_public_projects_and_news(client, programme):
    now = timezone.now()
    for n in range(NEWEST_PROJECTS + 1):
        page = project_create(programme=programme, title=f"Projekt {n}")
        ProjectPage.objects.filter(pk=page.pk).update(
            first_published_at=now - datetime.timedelta(days=10 - n)
        )
    project_create(programme=programme, title="Kladde", live=False)
    for n in range(NEWEST_NEWS + 1):
        news_create(title=f"Nyhed {n}", date=datetime.date(2024, 3, 1 + n))

    response = client.get("/")
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    # Newest first; the oldest of seven and the draft are left out.
    assert card_titles(soup, "nyeste") == [
        f"Projekt {n}" for n in range(NEWEST_PROJECTS, 0, -1)
    ]
    assert card_titles(soup, "nyheder") == [
        f"Nyhed {n}" for n in range(NEWEST_NEWS, 0, -1)
    ]
    programmes = soup.find("section", attrs={"aria-labelledby": "programmer"})
    assert programme.title in programmes.get_text()
