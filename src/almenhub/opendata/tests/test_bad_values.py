"""Values that look like numbers or dates to Python but are not ones the
database can take: each is refused (the API) or reported and ignored (the
search page and the exports, as they do with any bad value), never a 500."""

from __future__ import annotations

import pytest

from .conftest import HAS_EXAMPLES, HAS_MEETINGS, get_json

pytestmark = pytest.mark.django_db

# Each is a digit to str.isdigit() and none is one to int().
UNICODE_DIGITS = ["²", "¹", "①", "12²"]
# Valid ISO 8601, but outside what a datetime holds once moved to UTC.
OVERFLOWING = ["0001-01-01T00:00:00+01:00", "9999-12-31T23:59:59-12:00"]

DATED_LISTS = [
    ("/api/v1/projects/", "updated_since"),
    ("/api/v1/publications/", "updated_since"),
]
if HAS_EXAMPLES:
    DATED_LISTS.append(("/api/v1/examples/", "updated_since"))
if HAS_MEETINGS:
    DATED_LISTS += [
        ("/api/v1/meetings/", "starts_after"),
        ("/api/v1/meetings/", "starts_before"),
        ("/api/v1/meetings/", "updated_since"),
    ]


@pytest.mark.parametrize("value", OVERFLOWING)
@pytest.mark.parametrize(("url", "parameter"), DATED_LISTS)
def test_api_refuses_a_time_out_of_range(client, catalogue, url, parameter, value):
    response, body = get_json(client, url, {parameter: value})
    assert response.status_code == 400, body
    assert body["errors"] == [
        {"parameter": parameter, "message": body["errors"][0]["message"]}
    ]
    assert "år 1 og 9999" in body["errors"][0]["message"]


def test_api_still_takes_a_time_in_range(client, catalogue):
    response, body = get_json(
        client, "/api/v1/projects/", {"updated_since": "2000-01-01T00:00:00+01:00"}
    )
    assert response.status_code == 200
    assert body["count"] > 0


@pytest.mark.parametrize("value", UNICODE_DIGITS)
@pytest.mark.parametrize("parameter", ["aar", "side", "ejer", "program"])
def test_api_search_refuses_unicode_digits(client, catalogue, parameter, value):
    response, body = get_json(client, "/api/v1/search/", {parameter: value})
    assert response.status_code == 400, body
    assert parameter in body["detail"]


@pytest.mark.parametrize("value", UNICODE_DIGITS)
@pytest.mark.parametrize("parameter", ["aar", "side"])
@pytest.mark.parametrize("url", ["/soeg/", "/soeg/projekter/"])
def test_search_pages_report_unicode_digits(client, catalogue, url, parameter, value):
    response = client.get(url, {parameter: value, "q": "eng"})
    assert response.status_code == 200
    text = response.content.decode()
    assert f"“{value}” er ugyldigt" in text
    assert "Vild <mark>eng</mark>" in text  # the search ran without the bad value


@pytest.mark.parametrize("value", UNICODE_DIGITS)
@pytest.mark.parametrize("url", ["/eksport/soeg.csv", "/eksport/soeg.json"])
def test_exports_ignore_unicode_digits(client, catalogue, url, value):
    response = client.get(url, {"aar": value, "side": value, "q": "eng"})
    assert response.status_code == 200
    assert "Vild eng" in b"".join(response.streaming_content).decode()
