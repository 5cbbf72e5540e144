"""An import killed at any moment leaves nothing out of the search for good.

`manage.py import_pages` runs in a process of its own and is killed with
SIGKILL, once exactly between a batch's commit and its index update, then at
random moments. The pages it committed are then in the outbox; the next
import applies them, and the public pages, the document table and the
engine agree exactly.

The imports are forked from one process that has set Django up, so that
each costs the import and not the second or two of start-up; what a kill
interrupts is the same.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings

from almenhub.search.engines import available_engine_names

ROOT = Path(settings.BASE_DIR)
# Small batches, so that a short import has several commits to die between.
BATCH = 25
PAGES = 4 * BATCH + 10
THEMES = [
    ("Drift og administration", "Drift og vedligehold"),
    ("Energi, klima og miljø", "Natur og biodiversitet"),
    ("Beboere og fællesskab", "Tryghed og trivsel"),
]
OWNERS = ["AlmenNet", "KAB", "Lejerbo", "Boligselskabet Sjælland"]
STATUSES = ["Afsluttet", "I gang", "Planlagt"]

# Small batches, so that a short import has several commits to die between.
BATCH = 25
PAGES = 4 * BATCH + 10

# One process set up once; for each line it reads it forks a child that runs
# `manage.py import_pages FOLDER` ("import"), the same dying as its first
# batch is committed and its index update is due ("import-and-die"), or
# writes what the search holds and what is public, read independently of
# the drift check, and then what `manage.py search_check` says ("state").
FORK_SERVER = f"""
import json, os, signal, sys
from io import StringIO
import django
django.setup()
from django.apps import apps
from django.core.management import CommandError, call_command
from almenhub.importer import batches as importer
from almenhub.search import services
from almenhub.search.builders import kind_queryset
from almenhub.search.engines import get_engine
from almenhub.search.engines.base import SearchFilters
from almenhub.search.models import PendingIndexChange, SearchDocument
from almenhub.search.registry import kinds

importer.BATCH_SIZE = {BATCH}
folder, state_file = sys.argv[1:3]
print("ready", flush=True)


def state():
    public, entries = [], []
    for kind in kinds():
        pks = kind_queryset(kind).values_list("pk", flat=True)
        found = entries if kind.is_register else public
        found += [f"{{kind.kind}}:{{pk}}" for pk in pks]
    hits = get_engine().search(None, SearchFilters(), limit=100000, facets=False)
    out = StringIO()
    try:
        call_command("search_check", stdout=out)
        agrees = True
    except CommandError as error:
        out.write(str(error))
        agrees = False
    return {{
        "public": sorted(public),
        "findable": sorted(public + entries),
        "documents": sorted(SearchDocument.objects.values_list("key", flat=True)),
        "engine": sorted(hits.keys),
        "pending": PendingIndexChange.objects.count(),
        "check": out.getvalue(),
        "agrees": agrees,
    }}


for line in sys.stdin:
    command = line.strip()
    pid = os.fork()
    if pid == 0:
        code = 1
        try:
            if command == "import-and-die":
                services.search_outbox_drain = lambda: os.kill(
                    os.getpid(), signal.SIGKILL
                )
            if command.startswith("import"):
                call_command("import_pages", folder, stdout=StringIO())
            else:
                with open(state_file, "w") as file:
                    json.dump(state(), file)
            code = 0
        finally:
            os._exit(code)
    print(pid, flush=True)
    if command == "state" or sys.stdin.readline().strip() == "wait":
        print(os.waitpid(pid, 0)[1], flush=True)
"""


def write_pages(folder: Path, count: int) -> None:
    folder.mkdir()
    for i in range(count):
        parent, child = THEMES[i % len(THEMES)]
        (folder / f"{i:04d}_forsoeg.txt").write_text(
            f"• {parent} {child}\n\n"
            f"Forsøg nummer {i} med driften\n\n"
            f"Afdeling {i} prøver en ny måde at passe arealerne på.\n\n"
            f"Status\n\n{STATUSES[i % len(STATUSES)]}\n\n"
            f"Projektejer\n\n{OWNERS[i % len(OWNERS)]}\n\n"
            f"Kontaktperson\n\nKontakt Nummer{i}\n\n"
            f"Om projektet\n\nBeboerne og driften i afdeling {i} samarbejder.\n",
            encoding="utf-8",
        )


class Hub:
    """The fork server, on the test's database (see `hub_environment`)."""

    def __init__(self, env: dict[str, str], folder: Path, state_file: Path) -> None:
        self.state_file = state_file
        self.server = subprocess.Popen(
            [sys.executable, "-c", FORK_SERVER, str(folder), str(self.state_file)],
            cwd=ROOT,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.server.stdout.readline().strip() == "ready"

    def _send(self, line: str) -> None:
        self.server.stdin.write(line + "\n")
        self.server.stdin.flush()

    def _read(self) -> int:
        line = self.server.stdout.readline()
        assert line, "the fork server stopped"
        return int(line)

    def start(self, command: str) -> int:
        self._send(command)
        return self._read()

    def wait(self) -> int:
        """The exit status of the child just started, once it has ended."""
        self._send("wait")
        return os.waitstatus_to_exitcode(self._read())

    def kill(self, pid: int) -> int:
        os.kill(pid, signal.SIGKILL)
        return self.wait()

    def run(self, command: str) -> int:
        self.start(command)
        return self.wait()

    def state(self) -> dict:
        self._send("state")
        self._read()
        assert os.waitstatus_to_exitcode(self._read()) == 0
        return json.loads(self.state_file.read_text())

    def close(self) -> None:
        self.server.stdin.close()
        self.server.wait(timeout=30)


@pytest.mark.isolated
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("engine", available_engine_names())
def test_an_import_killed_anywhere_is_indexed_in_full_afterwards(
    tmp_path, engine, hub_environment
):
    folder = tmp_path / "sider"
    write_pages(folder, PAGES)
    env = {**hub_environment(), "ALMENHUB_SEARCH_ENGINE": engine}
    hub = Hub(env, folder, tmp_path / "state.json")
    seed = int(os.environ.get("CRASH_SEED") or time.time_ns() % 10**6)
    chance = random.Random(seed)
    try:
        # Killed first where it hurt: after the first batch's commit.
        started = time.monotonic()
        assert hub.run("import-and-die") == -signal.SIGKILL
        one_batch = time.monotonic() - started

        # Its pages are committed and out of the search, the outbox holds
        # them, and the check says so.
        state = hub.state()
        unindexed = set(state["public"]) - set(state["documents"])
        assert len(unindexed) == BATCH
        assert state["pending"] >= BATCH
        assert not state["agrees"]
        assert f"Ventende ændringer i køen: {state['pending']}" in state["check"]

        # Then anywhere: four more imports killed at random moments, from
        # their start to about their end (the pages left take no longer than
        # the first batch and the start-up did).
        for _ in range(4):
            pid = hub.start("import")
            time.sleep(one_batch * chance.uniform(0.0, 1.5))
            assert hub.kill(pid) in (-signal.SIGKILL, 0)

        # The operator runs the import again: it finishes, and all agree.
        assert hub.run("import") == 0
        state = hub.state()
    finally:
        hub.close()
    assert len(state["public"]) == PAGES + 1  # the pages and their programme
    # Pages and the register entries the import made (owners) alike.
    assert state["documents"] == state["findable"], f"seed {seed}"
    assert state["engine"] == state["findable"], f"seed {seed}"
    assert state["pending"] == 0
    assert state["agrees"], state["check"]
