"""The OpenAPI document names the values the server accepts: enums for the
managed vocabularies, a pattern of the operation's own field names for
`fields=`, and a date-time that is text, not a number."""

from __future__ import annotations

import re

import pytest

from almenhub.taxonomy.models import Theme

pytestmark = pytest.mark.django_db

API = "/api/v1"


def parameter(document: dict, path: str, name: str) -> dict:
    operation = document["paths"][path]["get"]
    return next(p for p in operation["parameters"] if p["name"] == name)["schema"]


def test_theme_parameters_list_the_themes(client, catalogue):
    document = client.get(f"{API}/openapi.json").json()
    themes = sorted(Theme.objects.values_list("slug", flat=True))
    assert parameter(document, f"{API}/projects/", "theme")["enum"] == themes
    assert parameter(document, f"{API}/search/", "tema")["enum"] == themes
    parents = sorted(
        Theme.objects.filter(parent__isnull=True).values_list("slug", flat=True)
    )
    assert parameter(document, f"{API}/themes/", "parent")["enum"] == parents
    for slug in themes[:3]:
        assert client.get(f"{API}/projects/", {"theme": slug}).status_code == 200
    assert client.get(f"{API}/projects/", {"theme": "findes-ikke"}).status_code == 400


def test_fields_pattern_allows_exactly_the_operations_fields(client, catalogue):
    document = client.get(f"{API}/openapi.json").json()
    pattern = re.compile(parameter(document, f"{API}/projects/", "fields")["pattern"])
    for value in ("id", "id,title", " id , url ,", "", ",,"):
        assert pattern.search(value), value
        assert client.get(f"{API}/projects/", {"fields": value}).status_code == 200
    for value in ("idtitle", "id title", "nope", "id,nope"):
        assert not pattern.search(value), value
        assert client.get(f"{API}/projects/", {"fields": value}).status_code == 400


@pytest.mark.parametrize("value", ["0.5", "1700000000", "1e9", "-1"])
def test_updated_since_is_a_time_not_a_number(client, catalogue, value):
    response = client.get(f"{API}/projects/", {"updated_since": value})
    assert response.status_code == 400
    assert "updated_since" in response.json()["detail"]
