"""The REST API: each endpoint, its filters, pagination, `fields=`, errors
and the personal-data rule."""

from __future__ import annotations

import json

import pytest

from almenhub.opendata.tests.conftest import (
    API,
    HAS_EXAMPLES,
    HAS_MEETINGS,
    SECRET_EMAIL,
    SECRET_NAME,
    SECRET_PHONE,
    get,
    ok,
    titles,
)

pytestmark = pytest.mark.django_db

# -- index, schema, documentation -------------------------------------------------


def test_index_lists_the_endpoints(client, catalogue):
    data = ok(client, "/")
    assert data["endpoints"]["projects"] == "http://testserver/api/v1/projects/"
    assert data["openapi"].endswith("/api/v1/openapi.json")
    assert set(data["endpoints"]) >= {
        "projects",
        "programmes",
        "publications",
        "organisations",
        "themes",
        "search",
    }


def test_openapi_document_is_generated_from_the_code(client, db):
    schema = ok(client, "/openapi.json")
    assert schema["openapi"].startswith("3.")
    assert schema["info"]["title"] == "almenhub API"
    paths = schema["paths"]
    for path in (
        "/api/v1/projects/",
        "/api/v1/projects/{id}/",
        "/api/v1/programmes/",
        "/api/v1/publications/",
        "/api/v1/organisations/",
        "/api/v1/themes/",
        "/api/v1/search/",
    ):
        assert "get" in paths[path]
    parameters = {p["name"] for p in paths["/api/v1/projects/"]["get"]["parameters"]}
    assert {"theme", "status", "year", "owner", "page", "page_size", "fields"} <= (
        parameters
    )
    search_params = {p["name"] for p in paths["/api/v1/search/"]["get"]["parameters"]}
    assert search_params == {
        "q",
        "type",
        "tema",
        "status",
        "aar",
        "ejer",
        "program",
        "sort",
        "side",
    }
    assert "400" in paths["/api/v1/projects/"]["get"]["responses"]


def test_documentation_page_is_danish_and_lists_every_path(client, db):
    response = client.get(f"{API}/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Åbne data og API" in html
    assert "/api/v1/projects/{id}/" in html
    assert "If-None-Match" in html
    assert client.get("/api/").url == f"{API}/docs/"


# -- projects ------------------------------------------------------------------------


def test_project_list_is_paginated_in_stable_order(client, catalogue):
    first = ok(client, "/projects/", page_size=2)
    assert first["count"] == 6
    assert first["previous"] is None
    assert first["next"] == "http://testserver/api/v1/projects/?page_size=2&page=2"
    ids = [row["id"] for row in first["results"]]
    seen = list(ids)
    url = first["next"]
    while url:
        data = client.get(url).json()
        seen += [row["id"] for row in data["results"]]
        url = data["next"]
    assert seen == sorted(p.pk for p in catalogue.projects)
    last = ok(client, "/projects/", page_size=2, page=3)
    assert last["next"] is None
    assert last["previous"].endswith("page=2")


def test_project_page_past_the_end_is_404(client, catalogue):
    response, data = get(client, "/projects/", page=9)
    assert response.status_code == 404
    assert "Side 9 findes ikke" in data["detail"]
    # An empty result still has its first page.
    assert ok(client, "/projects/", year=1999)["results"] == []


def test_project_list_item(client, catalogue):
    data = ok(client, "/projects/", fields="id,title,url,owner,programme,themes")
    seed = next(r for r in data["results"] if r["id"] == catalogue.seed.pk)
    assert seed == {
        "id": catalogue.seed.pk,
        "title": "Værdiskabende gentagelser",
        "url": "http://testserver/udviklingsprojekter/vaerdiskabende-gentagelser/",
        "owner": {
            "id": catalogue.seed.owner_organisation_id,
            "name": "AlmenNet",
            "api_url": (
                "http://testserver/api/v1/organisations/"
                f"{catalogue.seed.owner_organisation_id}/"
            ),
        },
        "programme": {
            "id": catalogue.programme.pk,
            "title": "Udviklingsprojekter",
            "url": "http://testserver/udviklingsprojekter/",
        },
        "themes": [
            {
                "slug": "drift-og-vedligehold",
                "name": "Drift og vedligehold",
                "parent": "drift-og-administration",
            },
            {
                "slug": "natur-og-biodiversitet",
                "name": "Natur og biodiversitet",
                "parent": "energi-klima-og-miljoe",
            },
        ],
    }


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        (
            {"status": "finished"},
            {
                "Værdiskabende gentagelser",
                "Vild eng i stedet for græsslåning",
                "Elektrisk snerydning",
            },
        ),
        ({"year": 2024}, {"Vild eng i stedet for græsslåning"}),
        (
            {"theme": "natur-og-biodiversitet"},
            {
                "Værdiskabende gentagelser",
                "Vild eng i stedet for græsslåning",
                "Grønne områder i byen",
            },
        ),
        # A parent theme takes its children along.
        (
            {"theme": "energi-klima-og-miljoe", "status": "finished"},
            {
                "Værdiskabende gentagelser",
                "Vild eng i stedet for græsslåning",
                "Elektrisk snerydning",
            },
        ),
        ({"year": 2022}, {"Beboerdemokrati i praksis"}),
    ],
)
def test_project_filters(client, catalogue, params, expected):
    assert set(titles(ok(client, "/projects/", **params))) == expected


def test_project_filters_by_owner_programme_and_date(client, catalogue):
    owner = catalogue.seed.owner_organisation_id
    assert set(titles(ok(client, "/projects/", owner=owner))) == {
        "Værdiskabende gentagelser",
        "Trappevask med grønne midler",
        "Beboerdemokrati i praksis",
    }
    other = ok(client, "/projects/", programme=catalogue.other_programme.pk)
    assert titles(other) == ["Beboerdemokrati i praksis"]
    assert ok(client, "/projects/", programme=catalogue.seed.pk)["count"] == 0
    since = catalogue.secret_project.last_published_at.isoformat()
    assert "Beboerdemokrati i praksis" in titles(
        ok(client, "/projects/", updated_since=since)
    )
    assert ok(client, "/projects/", updated_since="2100-01-01T00:00:00Z")["count"] == 0


def test_project_detail(client, catalogue):
    data = ok(client, f"/projects/{catalogue.seed.pk}/")
    assert data["status_label"] == "Afsluttet"
    assert data["year"] == 2023
    assert data["participants_text"] == "Deltagerne på AlmenNets ERFA-møder"
    assert "I maj 2023 afholdt AlmenNet fire ERFA-møder." in data["body_html"]
    assert data["quotes"][0]["author"] == "Nina Smith"
    assert data["facts"][0]["heading"] == "Vidste du..."
    assert data["deliverables"][0]["publication_id"] == catalogue.publication.pk
    assert data["publications"] == [
        {
            "id": catalogue.publication.pk,
            "title": "Værdiskabende gentagelser",
            "url": "http://testserver/publikationer/vaerdiskabende-gentagelser/",
        }
    ]
    assert data["contacts"] == [
        {
            "name": "Niklas Jarnit",
            "job_title": "Sekretariatsleder",
            "organisation": data["owner"],
            "email": "nja@almennet.dk",
            "phone": "33762071",
        }
    ]


def test_fields_choose_keys_on_list_and_detail(client, catalogue):
    data = ok(client, "/projects/", fields="title, id")
    assert all(list(row) == ["id", "title"] for row in data["results"])
    detail = ok(client, f"/projects/{catalogue.seed.pk}/", fields="contacts,title")
    assert list(detail) == ["title", "contacts"]


def test_unknown_field_is_named(client, catalogue):
    response, data = get(client, "/projects/", fields="id,titel")
    assert response.status_code == 400
    assert "“titel”" in data["detail"]
    assert "title" in data["detail"]


# -- the personal-data rule ---------------------------------------------------------


def test_contacts_without_consent_never_appear(client, catalogue):
    detail = ok(client, f"/projects/{catalogue.secret_project.pk}/")
    assert detail["contacts"] == []
    everything = [
        client.get(f"{API}/projects/{catalogue.secret_project.pk}/").content,
        client.get(f"{API}/projects/", {"page_size": 100}).content,
        client.get(f"{API}/search/", {"q": "beboerdemokrati"}).content,
        client.get(f"{API}/search/", {"q": "hemmelig"}).content,
        client.get(f"{API}/organisations/", {"page_size": 100}).content,
    ]
    if HAS_EXAMPLES:
        example = catalogue.extra["example"]
        data = ok(client, f"/examples/{example.pk}/")
        assert [c["name"] for c in data["contacts"]] == ["Niklas Jarnit"]
        everything.append(client.get(f"{API}/examples/{example.pk}/").content)
    if HAS_MEETINGS:
        meeting = catalogue.extra["meeting"]
        assert ok(client, f"/meetings/{meeting.pk}/")["contact"] is None
        everything.append(client.get(f"{API}/meetings/{meeting.pk}/").content)
    for body in everything:
        text = body.decode()
        for secret in (SECRET_EMAIL, SECRET_PHONE, SECRET_NAME):
            assert secret not in text


# -- programmes, publications, organisations, themes ----------------------------------


def test_programmes(client, catalogue):
    data = ok(client, "/programmes/")
    assert titles(data) == ["Udviklingsprojekter", "Eksperimenterende byggeri"]
    detail = ok(client, f"/programmes/{catalogue.programme.pk}/")
    assert detail["projects_api_url"].endswith(
        f"/api/v1/projects/?programme={catalogue.programme.pk}"
    )
    projects = client.get(detail["projects_api_url"]).json()
    assert projects["count"] == 5


def test_publications(client, catalogue):
    data = ok(client, "/publications/", series="almenrapport", year=2023)
    assert titles(data) == ["Værdiskabende gentagelser"]
    row = data["results"][0]
    assert row["series"] == {"slug": "almenrapport", "name": "AlmenRapport"}
    assert row["projects"][0]["id"] == catalogue.seed.pk
    assert ok(client, "/publications/", project=catalogue.seed.pk)["count"] == 1
    assert ok(client, "/publications/", year=2020)["count"] == 0
    response, error = get(client, "/publications/", series="findes-ikke")
    assert response.status_code == 400
    assert "Ukendt serie “findes-ikke”" in error["detail"]
    detail = ok(client, f"/publications/{catalogue.publication.pk}/")
    assert "body_html" in detail


def test_themes(client, catalogue):
    top = ok(client, "/themes/", top_level="true")
    assert all(row["parent"] is None for row in top["results"])
    children = ok(client, "/themes/", parent="energi-klima-og-miljoe")
    assert "natur-og-biodiversitet" in [row["slug"] for row in children["results"]]
    detail = ok(client, "/themes/energi-klima-og-miljoe/")
    assert "natur-og-biodiversitet" in detail["children"]
    assert detail["url"] == "http://testserver/tema/energi-klima-og-miljoe/"
    response, error = get(client, "/themes/findes-ikke/")
    assert response.status_code == 404
    assert "findes-ikke" in error["detail"]


# -- search ---------------------------------------------------------------------------


def test_search_matches_the_search_page(client, catalogue):
    from bs4 import BeautifulSoup

    params = {"q": "eng", "type": "projekt"}
    data = ok(client, "/search/", **params)
    page = BeautifulSoup(client.get("/soeg/", params).content, "html.parser")
    page_urls = [
        "http://testserver" + li.find("a")["href"]
        for li in page.select("ol#search-results > li")
    ]
    assert [hit["url"] for hit in data["hits"]] == page_urls
    assert data["total"] == len(page_urls) >= 1
    hit = data["hits"][0]
    assert hit["type"] == "projekt" and hit["type_label"] == "Projekt"
    assert "<mark>" in hit["snippet_html"]
    facet_params = {facet["param"] for facet in data["facets"]}
    assert {"type", "tema", "status", "aar"} <= facet_params
    assert data["export_csv"] == "http://testserver/eksport/soeg.csv?q=eng&type=projekt"


def test_search_filters_and_facets(client, catalogue):
    data = ok(client, "/search/", status="finished", aar=2024)
    assert [h["title"] for h in data["hits"]] == ["Vild eng i stedet for græsslåning"]
    status = next(f for f in data["facets"] if f["param"] == "status")
    assert status["options"][0]["selected"] is True
    by_theme = ok(client, "/search/", tema="natur-og-biodiversitet", type="projekt")
    assert by_theme["total"] == 3
    by_owner = ok(client, "/search/", ejer=catalogue.seed.owner_organisation_id)
    assert by_owner["total"] >= 3
    by_programme = ok(
        client, "/search/", program=catalogue.other_programme.pk, type="projekt"
    )
    assert [h["title"] for h in by_programme["hits"]] == ["Beboerdemokrati i praksis"]


def test_search_pages(client, catalogue):
    first = ok(client, "/search/", sort="nyeste")
    assert first["per_page"] == 20
    assert first["total"] == len(first["hits"]) and first["next"] is None
    response, data = get(client, "/search/", side=3)
    assert response.status_code == 404


@pytest.mark.parametrize(
    ("params", "reason"),
    [
        ({"aar": "abc"}, "“aar” skal være et helt tal"),
        ({"tema": "findes-ikke"}, "Ukendt tema “findes-ikke”"),
        ({"type": "ukendt"}, "“type” skal være en af"),
        ({"sort": "bedste"}, "“sort” skal være en af"),
        ({"side": "0"}, "“side” skal være mindst 1"),
        ({"q": "x" * 300}, "“q” må højst være 200 tegn"),
        ({"ejer": "1; DROP TABLE"}, "“ejer” skal være et helt tal"),
        ({"page": "2"}, "Ukendt parameter: “page”"),
    ],
)
def test_search_rejects_bad_values_with_a_reason(client, catalogue, params, reason):
    response, data = get(client, "/search/", **params)
    assert response.status_code == 400
    assert reason in data["detail"]


# -- errors ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "params", "reason"),
    [
        ("/projects/", {"yaer": "2023"}, "Ukendt parameter: “yaer”"),
        ("/projects/", {"year": "abc"}, "“year” skal være et helt tal"),
        ("/projects/", {"year": "1800"}, "“year” skal være mindst 1900"),
        ("/projects/", {"page": "0"}, "“page” skal være mindst 1"),
        ("/projects/", {"page_size": "500"}, "“page_size” må højst være 100"),
        ("/projects/", {"status": "måske"}, "“status” skal være en af"),
        ("/projects/", {"theme": "findes-ikke"}, "Ukendt tema “findes-ikke”"),
        ("/projects/", {"updated_since": "i går"}, "“updated_since” skal være"),
        ("/projects/", {"owner": "x"}, "“owner” skal være et helt tal"),
        ("/themes/", {"top_level": "måske"}, "“top_level” skal være true eller false"),
        ("/projects/0/", {}, "“id” skal være mindst 1"),
        ("/organisations/", {"kind": "klub"}, "“kind” skal være en af"),
    ],
)
def test_bad_requests_are_400_with_a_reason(client, catalogue, path, params, reason):
    response, data = get(client, path, **params)
    assert response.status_code == 400
    assert reason in data["detail"], data
    assert data["detail"].endswith(".")


def test_unknown_addresses_are_json_404(client, db):
    response, data = get(client, "/projekter/")
    assert response.status_code == 404
    assert "Ikke fundet" in data["detail"]
    response, data = get(client, "/projects/123456/")
    assert response.status_code == 404
    redirect = client.get(f"{API}/projects", {"year": 2023})
    assert redirect.status_code == 301
    assert redirect.url == f"{API}/projects/?year=2023"


def test_hostile_input_is_never_a_server_error(client, catalogue):
    for params in (
        {"theme": "x" * 1000},
        {"municipality": "a\x00b"},
        {"year": "9" * 50},
        {"fields": "id" * 2000},
        {"updated_since": "2024-13-45"},
        {"owner": "-1"},
    ):
        for path in ("/projects/", "/organisations/", "/examples/", "/search/"):
            response = client.get(f"{API}{path}", params)
            assert response.status_code in (400, 404), (path, params)
            json.loads(response.content)
