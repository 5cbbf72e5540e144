"""Following from a page: members at once, addresses by double opt-in."""

from __future__ import annotations

import datetime
import re

import pytest
from django.core import mail
from django.utils import timezone

from almenhub.follows.models import Follow
from almenhub.follows.services import follows_prune_unconfirmed
from almenhub.taxonomy.models import Theme

pytestmark = pytest.mark.django_db


@pytest.fixture
def nature(db) -> Theme:
    return Theme.objects.get(name="Natur og biodiversitet", parent__isnull=False)


def confirm_path(message) -> str:
    return re.search(r"https?://[^/\s]+(/foelg/bekraeft/\S+)", message.body).group(1)


def without_token(response) -> str:
    return re.sub(
        r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode()
    )


def follow_by_address(client, theme, email="ole@example.dk", **extra):
    return client.post(
        "/foelg/",
        {
            "type": "theme",
            "target": theme.slug,
            "frequency": "daily",
            "email": email,
            **extra,
        },
    )


def test_address_follows_only_after_confirming(client, nature):
    page = client.get(f"/foelg/?type=theme&target={nature.slug}")
    assert page.status_code == 200
    assert "Følg Tema: Natur og biodiversitet" in page.content.decode()
    response = follow_by_address(client, nature)
    assert response.status_code == 200
    assert "Se din mail" in response.content.decode()
    follow = Follow.objects.get(email="ole@example.dk")
    assert follow.confirmed_at is None and follow.frequency == "daily"

    link = confirm_path(mail.outbox[-1])
    # Opening the link (a mail scanner does) confirms nothing.
    assert client.get(link).status_code == 200
    follow.refresh_from_db()
    assert follow.confirmed_at is None
    assert client.post(link).status_code == 200
    follow.refresh_from_db()
    assert follow.confirmed_at is not None


def test_tampered_or_old_confirmation_is_refused(client, nature):
    follow_by_address(client, nature)
    link = confirm_path(mail.outbox[-1])
    assert client.post(link[:-3] + "xx/").status_code == 400
    later = timezone.now() + datetime.timedelta(days=8)
    from unittest import mock

    with mock.patch("django.core.signing.time.time", return_value=later.timestamp()):
        assert client.post(link).status_code == 400
    assert Follow.objects.get(email="ole@example.dk").confirmed_at is None


def test_same_answer_whether_the_address_already_follows(client, nature):
    first = follow_by_address(client, nature)
    client.post(confirm_path(mail.outbox[-1]))
    again = follow_by_address(client, nature)
    other = follow_by_address(client, nature, email="ny@example.dk")
    assert again.status_code == other.status_code == 200
    assert without_token(again) == without_token(other) == without_token(first)
    assert Follow.objects.filter(email="ole@example.dk").count() == 1


def test_honeypot_answers_alike_and_stores_nothing(client, nature):
    response = follow_by_address(client, nature, website="http://spam")
    assert "Se din mail" in response.content.decode()
    assert not Follow.objects.exists() and mail.outbox == []


def test_unknown_theme_is_a_clear_400(client):
    response = client.get("/foelg/?type=theme&target=findes-ikke")
    assert response.status_code == 400
    assert "Temaet “findes-ikke” findes ikke." in response.content.decode()


def test_member_follows_at_once_and_sees_it_on_my_page(client, member, nature):
    client.force_login(member)
    response = client.post(
        "/foelg/",
        {
            "type": "search",
            "target": "q=eng&tema=" + nature.slug,
            "frequency": "weekly",
        },
    )
    assert response.status_code == 302
    follow = Follow.objects.get(user=member)
    assert follow.confirmed_at is not None
    assert follow.target == f"q=eng&tema={nature.slug}"
    page = client.get("/konto/").content.decode()
    assert follow.label in page


def test_unconfirmed_follows_are_forgotten_after_a_week(client, nature):
    follow_by_address(client, nature)
    follow_by_address(client, nature, email="bekraeftet@example.dk")
    client.post(confirm_path(mail.outbox[-1]))
    Follow.objects.update(created_at=timezone.now() - datetime.timedelta(days=8))
    assert follows_prune_unconfirmed() == 1
    assert list(Follow.objects.values_list("email", flat=True)) == [
        "bekraeftet@example.dk"
    ]


def test_manage_link_changes_frequency_and_stops_one(client, member, nature):
    from almenhub.follows.services import recipient_token

    client.force_login(member)
    client.post(
        "/foelg/", {"type": "theme", "target": nature.slug, "frequency": "weekly"}
    )
    client.post("/foelg/", {"type": "news", "target": "", "frequency": "weekly"})
    client.logout()
    url = f"/foelg/mine/{recipient_token(f'u:{member.pk}')}/"
    theme_follow = Follow.objects.get(kind="theme")
    client.post(
        url, {"id": theme_follow.pk, "frequency": "daily", "action": "frequency"}
    )
    theme_follow.refresh_from_db()
    assert theme_follow.frequency == "daily"
    client.post(url, {"id": theme_follow.pk, "action": "stop"})
    assert list(Follow.objects.values_list("kind", flat=True)) == ["news"]


def test_a_saved_search_is_named_as_the_search_page_names_its_filters(
    client, member, nature
):
    """The label reads the search's facet declarations (the project statuses
    as the model words them), and the follow goes back to the same search."""
    client.force_login(member)
    response = client.post(
        "/foelg/",
        {
            "type": "search",
            "target": f"status=ongoing&tema={nature.slug}&q=eng&side=3&sort=nyeste",
            "frequency": "weekly",
        },
    )
    assert response.status_code == 302
    follow = Follow.objects.get(user=member)
    # Only the search's own parameters, in its order; not the page or sort.
    assert follow.target == f"q=eng&tema={nature.slug}&status=ongoing"
    assert follow.label == "Søgning: “eng”, Natur og biodiversitet, Igangværende"
    assert response["Location"] == f"/soeg/?{follow.target}"
