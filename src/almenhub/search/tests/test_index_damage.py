"""A damaged embedded index never takes the search down: each process serves
a private, checked copy, sees the damage to the shared folder and rebuilds it
from the document table (see engines/embedded.py). The same through a real
server process, with the files damaged while it serves: test_index_damage_server.
"""

from __future__ import annotations

import json
import os
import re
import struct
import zlib
from pathlib import Path

import pytest

from almenhub.search import engines
from almenhub.search.engines import embedded
from almenhub.search.selectors import search

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _embedded(settings, monkeypatch):
    settings.ALMENHUB_SEARCH_ENGINE = "embedded"
    monkeypatch.setattr(embedded, "CHECK_SECONDS", 0.0, raising=False)  # every search


def found(query: str) -> list[str]:
    return [hit.document.title for hit in search(query).hits]


SEGMENT_FILE = re.compile(
    r"[0-9a-f]{32}\.(?:idx|pos|term|store|fast|fieldnorm|\d+\.del)"
)


def segment_files(path: Path) -> list[Path]:
    files = [f for f in path.iterdir() if SEGMENT_FILE.fullmatch(f.name)]
    assert files, "expected the shared index to have segment files"
    return files


def truncate(file: Path) -> None:
    os.truncate(file, file.stat().st_size // 3)  # in place: the same inode


def overwrite(file: Path) -> None:
    size = file.stat().st_size
    with file.open("r+b") as handle:  # same size, same inode, other bytes
        handle.write(b"\x13\x37garbage" * (size // 9) + b"\0" * (size % 9))


def crc_matches(data: bytes) -> bool:
    """Tantivy's footer: <json {"crc": n, …}> <u32 its length> <u32 1337>."""
    length, magic = struct.unpack("<II", data[-8:])
    footer = json.loads(data[-8 - length : -8])
    return magic == 1337 and zlib.crc32(data[: -8 - length]) == footer["crc"]


def shared_is_intact(path: Path) -> bool:
    """Every file the shared meta.json names is there and checks out."""
    try:
        meta = json.loads((path / "meta.json").read_text())
        for segment in meta["segments"]:
            prefix = segment["segment_id"].replace("-", "")
            names = [f for f in path.iterdir() if f.name.startswith(prefix)]
            if len(names) < 6 or not all(crc_matches(f.read_bytes()) for f in names):
                return False
        return True
    except (OSError, ValueError, KeyError, struct.error):
        return False


def test_no_process_maps_the_shared_folder(extra_pages, settings):
    """SIGBUS comes from a mapped file that shrinks; the shared one never is."""
    assert found("snerydning") == ["Elektrisk snerydning"]
    shared = str(Path(settings.ALMENHUB_SEARCH_INDEX_DIR).resolve())
    mapped = {
        line.split(maxsplit=5)[-1]
        for line in Path("/proc/self/maps").read_text().splitlines()
        if line.rstrip().endswith(".store")
    }
    assert mapped  # the search really runs on mapped index files
    assert not [name for name in mapped if name.startswith(shared)]


@pytest.mark.parametrize("damage", [truncate, overwrite])
def test_damage_while_serving_keeps_results_and_is_repaired(
    extra_pages, settings, damage
):
    path = Path(settings.ALMENHUB_SEARCH_INDEX_DIR)
    assert found("snerydning") == ["Elektrisk snerydning"]
    for file in segment_files(path):
        damage(file)
    assert not shared_is_intact(path)

    assert found("snerydning") == ["Elektrisk snerydning"]
    assert shared_is_intact(path)  # rebuilt from the document table

    engines._engines.clear()  # a process that starts now finds it whole
    assert found("græsslåning") == ["Vild eng i stedet for græsslåning"]


def test_garbage_metadata_is_rebuilt(extra_pages, settings):
    path = Path(settings.ALMENHUB_SEARCH_INDEX_DIR)
    assert found("snerydning") == ["Elektrisk snerydning"]
    (path / "meta.json").write_bytes(b"\0not json")
    assert found("snerydning") == ["Elektrisk snerydning"]
    assert shared_is_intact(path)


def test_a_new_process_on_a_broken_folder_rebuilds_it(extra_pages, settings):
    path = Path(settings.ALMENHUB_SEARCH_INDEX_DIR)
    assert found("snerydning") == ["Elektrisk snerydning"]
    for file in segment_files(path):
        truncate(file)
    engines._engines.clear()
    assert found("snerydning") == ["Elektrisk snerydning"]
    assert shared_is_intact(path)


def test_writes_after_damage_are_kept(extra_pages, settings, programme):
    from .conftest import add_page

    path = Path(settings.ALMENHUB_SEARCH_INDEX_DIR)
    assert found("snerydning") == ["Elektrisk snerydning"]
    for file in segment_files(path):
        overwrite(file)
    add_page(programme, {"title": "Solceller på taget"}, "late")
    assert found("solceller") == ["Solceller på taget"]
    assert found("snerydning") == ["Elektrisk snerydning"]
    assert shared_is_intact(path)


def test_an_engine_error_is_a_danish_message_not_a_500(
    extra_pages, client, monkeypatch
):
    def broken(*args, **kwargs):
        raise ValueError("Unsupported dictionary type")  # what garbage gave

    assert found("snerydning") == ["Elektrisk snerydning"]
    monkeypatch.setattr(embedded.EmbeddedEngine, "_query", broken)
    response = client.get("/soeg/", {"q": "snerydning"})
    assert response.status_code == 200
    assert "søgeindekset genopbygges" in response.content.decode()
    response = client.get("/api/v1/search/", {"q": "snerydning"})
    assert response.status_code == 503
    assert "genopbygges" in response.json()["detail"]

    monkeypatch.undo()
    monkeypatch.setattr(embedded, "CHECK_SECONDS", 0.0, raising=False)
    assert found("snerydning") == ["Elektrisk snerydning"]  # a fresh copy


def test_a_forked_process_serves_a_copy_of_its_own(extra_pages):
    """A server that preloads the app forks after the engine was made."""
    assert found("snerydning") == ["Elektrisk snerydning"]
    engine = engines.get_engine()
    parent = engine._copy.directory
    read, write = os.pipe()
    child = os.fork()
    if child == 0:  # the child: search, and say from where
        try:
            titles = found("snerydning")
            os.write(write, f"{titles}|{engine._copy.directory}".encode())
        finally:
            os._exit(0)
    os.close(write)
    answer = os.read(read, 4096).decode()
    os.waitpid(child, 0)
    titles, directory = answer.split("|")
    assert titles == "['Elektrisk snerydning']"
    assert Path(directory) != parent and parent.is_dir()
