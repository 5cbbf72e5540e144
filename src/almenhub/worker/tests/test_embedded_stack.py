"""What `make run` starts (scripts/run.sh): granian with DEBUG off and the
hub's own error pages, the task worker and the scheduler, stopping together.

The hub runs on a copy of this test's database (hub_environment) with its
own data folder, as a fresh start would, less the demo content (its loading
is the demo's tests' business, and slow).
"""

from __future__ import annotations

import http.cookiejar
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings

from almenhub.meetings.factories import meeting_create
from almenhub.meetings.models import MeetingSeriesPage
from almenhub.worker.testing import free_port

ROOT = Path(settings.BASE_DIR)


@pytest.mark.isolated
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_make_run_serves_without_debug_and_its_worker_sends_the_mail(
    home_page, hub_environment, tmp_path
):
    series = MeetingSeriesPage(title="Drift", slug="drift", teaser="Møder.")
    home_page.add_child(instance=series)
    meeting = meeting_create(series, capacity=50)
    port = free_port()
    data = tmp_path / "data"
    env = {
        **hub_environment(),
        "DJANGO_SETTINGS_MODULE": "almenhub.settings.embedded",
        "ALMENHUB_DATA_DIR": str(data),
        "ALMENHUB_DEMO": "0",
        "PORT": str(port),
        "WEB_WORKERS": "2",
        "BIN": str(Path(sys.executable).parent),
        # Collected once for every run of this test on the machine (run.sh
        # collects again only when the static files change).
        "ALMENHUB_STATIC_ROOT": str(Path(tempfile.gettempdir()) / "almenhub-static"),
    }
    env.pop("SECRET_KEY", None)
    hub = subprocess.Popen(
        ["scripts/run.sh"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    try:
        deadline = time.monotonic() + 240
        while True:
            assert hub.poll() is None, hub.stdout.read()
            try:
                opener.open(base + "/robots.txt", timeout=5).read()
                break
            except OSError:
                assert time.monotonic() < deadline, "the hub did not start"
                time.sleep(0.3)

        with pytest.raises(urllib.error.HTTPError) as missing:
            opener.open(base + "/findes-ikke/", timeout=10)
        body = missing.value.read().decode()
        assert missing.value.code == 404
        assert "Siden findes ikke" in body and "forsiden" in body
        assert "DEBUG = True" not in body and "Django" not in body
        # Where the console says the logs go: the server's access lines, the
        # hub's own warnings.
        logs = data / "logs"
        deadline = time.monotonic() + 5
        while '"GET /findes-ikke/ HTTP/1.1" 404' not in (
            (logs / "access.log").read_text()
        ):
            assert time.monotonic() < deadline, (logs / "access.log").read_text()
            time.sleep(0.2)
        assert "Not Found: /findes-ikke/" in (logs / "web.log").read_text()

        form_url = base + meeting.url + "tilmeld/"
        form = opener.open(form_url, timeout=10).read().decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form)[1]
        fields = {
            "csrfmiddlewaretoken": token,
            "name": "Karen Holm",
            "organisation": "Fjordbo",
            "email": "karen@example.dk",
            "job_title": "Driftschef",
            "dietary_needs": "",
            "consent": "on",
            "website": "",
        }
        done = opener.open(
            urllib.request.Request(
                form_url,
                data=urllib.parse.urlencode(fields).encode(),
                headers={"Referer": form_url},
            ),
            timeout=10,
        )
        assert "Tak for din tilmelding" in done.read().decode()

        mail_dir = data / "mail"
        deadline = time.monotonic() + 10
        found = ""
        while time.monotonic() < deadline and "karen@example.dk" not in found:
            found = "".join(p.read_text() for p in mail_dir.glob("*.log"))
            time.sleep(0.2)
        assert "karen@example.dk" in found, "the worker sent no mail in 10 s"
    finally:
        os.killpg(hub.pid, signal.SIGTERM)
        output = hub.communicate(timeout=30)[0]
    assert "almenhub kører på http://127.0.0.1" in output
    # Stopped together: nothing of the group is left once granian's workers
    # and the task worker have finished their graceful stop.
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            os.killpg(hub.pid, 0)
        except ProcessLookupError:
            break
        time.sleep(0.2)
    with pytest.raises(ProcessLookupError):
        os.killpg(hub.pid, 0)
