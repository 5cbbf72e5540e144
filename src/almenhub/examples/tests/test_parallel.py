"""One member sends the submission form 30 times at once against an hourly
allowance of 10: exactly 10 are accepted, the others get 429, none fails.

Against a live hub in its own process (core.tests.liveserver), one database
connection per request thread, so the requests really overlap in the
database and in the limiter.
"""

from __future__ import annotations

import re
import threading
import urllib.error
import urllib.parse
import urllib.request
from http.cookies import SimpleCookie

import pytest
from django.conf import settings
from django.test import Client

from almenhub.core.tests.liveserver import live_hub
from almenhub.examples import services
from almenhub.examples.models import ExamplePage

from .test_member import SUBMIT, form_data

PARALLEL = 30


def _session(member) -> str:
    client = Client()
    client.force_login(member)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def _post(url: str, body: bytes, cookie: str) -> int:
    request = urllib.request.Request(
        url,
        data=body,
        headers={
            "Cookie": cookie,
            "Content-Type": "application/x-www-form-urlencoded",
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@pytest.mark.isolated
@pytest.mark.django_db(transaction=True)
def test_parallel_submissions_accept_exactly_the_allowance(
    member, organisation, example_index, tmp_path
):
    assert services.SUBMISSIONS_PER_HOUR == 10
    session = _session(member)
    # The form's choices, made here so that the server's copy has them.
    bodies = [form_data(organisation, title=f"Eksempel {n}") for n in range(PARALLEL)]
    with live_hub(tmp_path) as server_url:
        statuses = _submit_all(server_url, session, bodies)
    assert sorted(statuses) == [302] * 10 + [429] * (PARALLEL - 10)
    assert ExamplePage.objects.count() == 10
    assert ExamplePage.objects.filter(owner=member).count() == 10


def _submit_all(server_url: str, session: str, forms: list[dict]) -> list[int]:
    with urllib.request.urlopen(
        urllib.request.Request(
            server_url + SUBMIT,
            headers={"Cookie": f"{settings.SESSION_COOKIE_NAME}={session}"},
        ),
        timeout=30,
    ) as response:
        page = response.read().decode()
        cookies = SimpleCookie()
        for header in response.headers.get_all("Set-Cookie") or []:
            cookies.load(header)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    cookie = (
        f"{settings.SESSION_COOKIE_NAME}={session}; "
        f"{settings.CSRF_COOKIE_NAME}={cookies[settings.CSRF_COOKIE_NAME].value}"
    )
    bodies = [
        urllib.parse.urlencode(
            {**form, "csrfmiddlewaretoken": token}, doseq=True
        ).encode()
        for form in forms
    ]
    urllib.request.install_opener(urllib.request.build_opener(_NoRedirect))
    barrier = threading.Barrier(PARALLEL)
    statuses: list[int] = []

    def submit(body: bytes) -> None:
        barrier.wait(timeout=30)
        statuses.append(_post(server_url + SUBMIT, body, cookie))

    threads = [threading.Thread(target=submit, args=(b,)) for b in bodies]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    urllib.request.install_opener(None)
    return statuses
