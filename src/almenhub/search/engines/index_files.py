"""The embedded index's files: what a Tantivy index directory holds, how a
file is checked against the CRC in its footer, and how files are replaced
atomically, for the engine's private copies and the shared folder (see
engines/embedded.py for why there are both)."""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import struct
import threading
import zlib
from dataclasses import dataclass
from pathlib import Path

import tantivy

VERSION_FILE = "almenhub-schema-version"
META_FILE = "meta.json"
# The files of one segment (tantivy's SegmentComponent), and its deletes.
COMPONENTS = ("idx", "pos", "term", "store", "fast", "fieldnorm")
SEGMENT_FILE = re.compile(
    r"[0-9a-f]{32}\.(?:idx|pos|term|store|fast|fieldnorm|\d+\.del)"
)
FOOTER_MAGIC = 1337
TAIL_BYTES = 128  # enough to hold a file's footer: its CRC and version
LOCK_FILE = ".almenhub-write.lock"


class IndexDamaged(Exception):
    """The shared index cannot be used as it is; it must be rebuilt."""


def referenced_files(meta: dict) -> list[str]:
    """The segment files an index's meta.json points at."""
    try:
        names = []
        for segment in meta["segments"]:
            prefix = str(segment["segment_id"]).replace("-", "")
            names += [f"{prefix}.{component}" for component in COMPONENTS]
            if segment.get("deletes"):
                names.append(f"{prefix}.{int(segment['deletes']['opstamp'])}.del")
        return names
    except (KeyError, TypeError, ValueError) as error:
        raise IndexDamaged(f"meta.json: {error!r}") from error


def is_intact(data: bytes) -> bool:
    """Whether a segment file ends in tantivy's footer and its CRC matches:
    <body> <json {"version": …, "crc": n}> <u32 json length> <u32 magic>."""
    if len(data) < 8:
        return False
    length, magic = struct.unpack("<II", data[-8:])
    if magic != FOOTER_MAGIC or length + 8 > len(data):
        return False
    try:
        crc = json.loads(data[-8 - length : -8])["crc"]
    except (ValueError, KeyError, TypeError):
        return False
    return zlib.crc32(data[: -8 - length]) == crc


def write_atomic(target: Path, data: bytes) -> None:
    temporary = target.with_name(
        f".{target.name}.{os.getpid()}.{threading.get_ident()}.tmp"
    )
    temporary.write_bytes(data)
    os.replace(temporary, target)


def file_tail(path: Path) -> tuple[int, bytes]:
    with path.open("rb") as file:
        size = os.fstat(file.fileno()).st_size
        file.seek(max(0, size - TAIL_BYTES))
        return size, file.read()


def meta_signature(path: Path) -> tuple[int, int, int] | None:
    """What tells one meta.json from the next: publishing renames a new file
    over it, so its inode changes with every change."""
    try:
        stat = os.stat(path / META_FILE)
    except OSError:
        return None
    return (stat.st_ino, stat.st_size, stat.st_mtime_ns)


def discard(directory: Path) -> None:
    shutil.rmtree(directory, ignore_errors=True)


def discard_own(directory: Path, pid: int) -> None:
    """At exit: a forked child inherits the finalizer, not the folder."""
    if os.getpid() == pid:
        discard(directory)


def collect(directory: Path, keep: set[str]) -> None:
    """Remove segment files no longer referenced, and leftover temporary
    files. Removing a file another reader has mapped is safe (the mapping
    stays valid); only shrinking it is not, and nothing here shrinks one."""
    for file in directory.iterdir():
        name = file.name
        if (SEGMENT_FILE.fullmatch(name) and name not in keep) or name.endswith(".tmp"):
            with contextlib.suppress(OSError):
                file.unlink()


@dataclass
class IndexCopy:
    """A process's private copy of the index, and what it was copied from."""

    directory: Path
    index: tantivy.Index
    files: set[str]
    meta: bytes
    signature: tuple[int, int, int] | None
