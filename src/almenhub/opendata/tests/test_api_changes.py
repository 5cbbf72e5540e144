"""The API follows changes to the content: unpublished pages leave it, a
contact who agrees is shown, an edited organisation is read anew."""

from __future__ import annotations

import pytest

from almenhub.opendata.tests.conftest import API, SECRET_EMAIL, SECRET_PHONE, ok
from almenhub.organisations.models import Department

pytestmark = pytest.mark.django_db


def test_unpublished_and_private_projects_are_not_shown(client, fresh_catalogue):
    from wagtail.models import PageViewRestriction

    assert ok(client, "/projects/")["count"] == 6
    gone = fresh_catalogue.projects[1]
    gone.unpublish()
    response = client.get(f"{API}/projects/{gone.pk}/")
    assert response.status_code == 404
    assert "findes ikke" in response.json()["detail"]
    private = fresh_catalogue.projects[2]
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.LOGIN
    )
    assert client.get(f"{API}/projects/{private.pk}/").status_code == 404
    ids = [row["id"] for row in ok(client, "/projects/")["results"]]
    assert gone.pk not in ids and private.pk not in ids
    assert len(ids) == 4


def test_consent_given_later_shows_the_contact(client, fresh_catalogue):
    project = fresh_catalogue.secret_project
    assert ok(client, f"/projects/{project.pk}/")["contacts"] == []
    person = fresh_catalogue.secret_person
    person.show_contact_details = True
    person.save()
    detail = ok(client, f"/projects/{project.pk}/")
    assert detail["contacts"][0]["email"] == SECRET_EMAIL
    assert detail["contacts"][0]["phone"] == SECRET_PHONE


def test_organisations(client, fresh_catalogue):
    data = ok(client, "/organisations/", page_size=100)
    names = [row["name"] for row in data["results"]]
    assert "AlmenNet" in names and "Solstrand Boligforening" in names
    owner = fresh_catalogue.seed.owner_organisation
    owner.municipality = "København"
    owner.kind = "association"
    owner.save()
    Department.objects.create(
        organisation=owner, name="Afdeling 12", city="Valby", homes=120
    )
    filtered = ok(
        client, "/organisations/", kind="association", municipality="københavn"
    )
    assert [row["name"] for row in filtered["results"]] == ["AlmenNet"]
    detail = ok(client, f"/organisations/{owner.pk}/")
    assert detail["kind_label"] == "Forening"
    assert detail["departments"][0]["name"] == "Afdeling 12"
    assert detail["departments"][0]["homes"] == 120
    owned = client.get(detail["projects_api_url"]).json()
    assert owned["count"] == 3


def test_cached_answers_follow_publishing(client, fresh_catalogue):
    before = client.get(f"{API}/projects/")
    etag = before["ETag"]
    assert client.get(f"{API}/projects/").content == before.content
    page = fresh_catalogue.projects[1]
    page.title = "Trappevask uden kemi"
    page.save_revision().publish()
    after = client.get(f"{API}/projects/", headers={"if-none-match": etag})
    assert after.status_code == 200
    assert "Trappevask uden kemi" in after.content.decode()
    page.unpublish()
    assert client.get(f"{API}/projects/").json()["count"] == 5


def test_a_publish_retires_the_api_answers_in_the_page_cache(
    client, fresh_catalogue, page_cache
):
    project = fresh_catalogue.projects[1]
    url = f"{API}/projects/{project.pk}/"
    client.get(url)
    assert client.get(url)["X-Page-Cache"] == "hit"
    assert client.get(f"{API}/projects/")["X-Page-Cache"] == "miss"
    project.title = "Et nyt navn efter udgivelsen"
    project.save_revision().publish()
    detail = client.get(url)
    assert detail["X-Page-Cache"] == "miss"
    assert detail.json()["title"] == "Et nyt navn efter udgivelsen"
    listing = client.get(f"{API}/projects/", {"page_size": 100})
    assert "Et nyt navn efter udgivelsen" in listing.content.decode()
    project.unpublish()
    assert client.get(url).status_code == 404
