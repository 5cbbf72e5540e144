"""Editors' participant list, CSV export and attendance marking."""

from __future__ import annotations

import csv
import io

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from almenhub.meetings.factories import person
from almenhub.meetings.models import RegistrationStatus
from almenhub.meetings.services import RegistrationInput, registration_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def registrations(meeting):
    meeting.capacity = 2
    meeting.save()
    return [
        registration_create(meeting=meeting, data=person(1, "Fjordbo")),
        registration_create(
            meeting=meeting,
            data=RegistrationInput(
                name="Åse Ærø",
                organisation='=HYPERLINK("http://x")',
                email="aase@example.dk",
                dietary_needs="Vegetar",
                consent=True,
            ),
        ),
        registration_create(meeting=meeting, data=person(3, "Lyngbo")),
    ]


def urls(meeting):
    return {
        "list": reverse("meetings_admin:participants", args=[meeting.pk]),
        "csv": reverse("meetings_admin:participants_csv", args=[meeting.pk]),
        "attendance": reverse("meetings_admin:attendance", args=[meeting.pk]),
    }


def test_anonymous_is_sent_to_the_login(meeting, client):
    for url in urls(meeting).values():
        response = client.get(url)
        assert response.status_code == 302
        assert "/admin/login/" in response["Location"]


def test_a_user_without_admin_access_is_refused(meeting, client, django_user_model):
    user = django_user_model.objects.create_user("medlem", password="x")
    client.force_login(user)
    response = client.get(urls(meeting)["list"])
    assert response.status_code in (302, 403)
    assert response.status_code != 200


def test_an_admin_user_without_edit_permission_is_refused(
    meeting, client, django_user_model
):
    user = django_user_model.objects.create_user("gæst", password="x")
    group = Group.objects.create(name="Kun admin")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    user.groups.add(group)
    client.force_login(user)
    # Wagtail's admin turns a refusal into a redirect to its dashboard.
    for response in (
        client.get(urls(meeting)["list"]),
        client.get(urls(meeting)["csv"]),
        client.post(urls(meeting)["attendance"], {}),
    ):
        assert response.status_code == 302
        assert response["Location"] == "/admin/"


def test_the_editor_sees_the_lists(meeting, registrations, client, editor):
    client.force_login(editor)
    response = client.get(urls(meeting)["list"])
    assert response.status_code == 200
    html = response.content.decode()
    assert "Tilmeldte (2)" in html
    assert "Venteliste (1)" in html
    assert "deltager3@example.dk" in html
    assert "Statistik pr. organisation" in html


def test_the_csv_has_danish_headers_and_a_bom(meeting, registrations, client, editor):
    client.force_login(editor)
    response = client.get(urls(meeting)["csv"])
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    raw = response.content
    assert raw.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == [
        "Status",
        "Navn",
        "Organisation",
        "Arbejdsmail",
        "Stilling",
        "Hensyn til kost",
        "Tilmeldt",
        "Fremmøde",
    ]
    by_email = {row[3]: row for row in rows[1:]}
    assert by_email["aase@example.dk"][1] == "Åse Ærø"
    # A cell a spreadsheet would run as a formula is defused.
    assert by_email["aase@example.dk"][2].startswith("'=")
    assert by_email["deltager3@example.dk"][0] == "Venteliste"
    assert by_email["deltager1@example.dk"][7] == "Ikke registreret"


def test_marking_attendance_and_no_shows(meeting, registrations, client, editor):
    client.force_login(editor)
    first, second, third = registrations
    url = urls(meeting)["attendance"]
    response = client.post(url, {"registration": first.pk, "attendance": "attended"})
    assert response.status_code == 302
    client.post(url, {"registration": second.pk, "attendance": "no_show"})
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.attended is True
    assert second.attended is False
    client.post(url, {"registration": first.pk, "attendance": "unknown"})
    first.refresh_from_db()
    assert first.attended is None
    # Someone on the waitlist did not have a seat to attend.
    client.post(url, {"registration": third.pk, "attendance": "no_show"})
    third.refresh_from_db()
    assert third.status == RegistrationStatus.WAITLISTED and third.attended is None


def test_attendance_needs_a_post_with_csrf(meeting, registrations, editor):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    url = urls(meeting)["attendance"]
    assert client.get(url).status_code == 405
    response = client.post(
        url, {"registration": registrations[0].pk, "attendance": "attended"}
    )
    assert response.status_code == 403
    registrations[0].refresh_from_db()
    assert registrations[0].attended is None


def test_the_page_explorer_offers_the_participant_list(meeting, client, editor):
    client.force_login(editor)
    response = client.get(reverse("wagtailadmin_pages:edit", args=[meeting.pk]))
    assert urls(meeting)["list"] in response.content.decode()
