"""The files of an import and the order they are imported in: the page
files in the folders named (the command) or uploaded (the admin: files, or
zip archives of folders), their old addresses, and one order for both —
each address's versions next to each other, latest last, and the kinds of
page in the order their links need."""

from __future__ import annotations

import functools
import io
import re
import zipfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from .addresses import (
    ADDRESSES_FILE,
    CONTENT,
    NEWS,
    PROJECT,
    THEME,
    TOOL,
    AddressError,
    address_in_html,
    address_parse,
    addresses_parse,
    addresses_read,
)
from .parsing import SUPPORTED_SUFFIXES


class ImportSetupError(Exception):
    """The import cannot start (no such programme, no home page …)."""


def is_html_name(name: str) -> bool:
    return Path(name).suffix.lower() in (".html", ".htm")


@dataclass(frozen=True)
class PageFile:
    """One page of an import, from a folder or an upload: its name as the
    summary shows it, its old address when known, and how to read it (read
    when imported, so that one page at a time is in memory)."""

    name: str
    read: Callable[[], bytes]
    address: str = ""
    mtime: float = 0.0  # when the file was written, where that is known


def page_files_find(*, paths: Iterable[Path | str]) -> list[Path]:
    """The files named, and the page files inside the folders named."""
    files: list[Path] = []
    seen: set[Path] = set()
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(
                p
                for p in path.rglob("*")
                if p.is_file()
                and p.suffix.lower() in SUPPORTED_SUFFIXES
                and not p.name.startswith(".")
            )
        elif path.is_file():
            found = [path]
        else:
            raise ImportSetupError(f"Stien “{path}” findes ikke.")
        for file in found:
            key = file.resolve()
            if key not in seen:
                seen.add(key)
                files.append(file)
    return files


def file_addresses_find(*, files: Sequence[Path]) -> dict[Path, str]:
    """Each file's old address: from its folder's addresses.csv (by file
    name, or by path relative to the folder), else what an HTML page says."""
    tables: dict[Path, dict[str, str]] = {}
    found: dict[Path, str] = {}
    for path in files:
        url = ""
        # The file's own folder first, then a few above it (by relative path).
        for folder in [path.parent, *path.parent.parents][:4]:
            if folder not in tables:
                try:
                    tables[folder] = addresses_read(folder)
                except AddressError as error:
                    raise ImportSetupError(str(error)) from error
            table = tables[folder]
            url = table.get(path.relative_to(folder).as_posix(), "")
            if not url and folder == path.parent:
                url = table.get(path.name, "")
            if url:
                break
        if not url and is_html_name(path.name):
            try:
                with path.open("rb") as handle:
                    url = address_in_html(handle.read(32768))
            except OSError:
                url = ""
        if url:
            found[path] = url
    return found


_STATUS_LINE = re.compile(r"^\s*Status\s*:?\s*(?:\n\s*)*(\S[^\n]*)$", re.M | re.I)
_YEAR_LINE = re.compile(r"^\s*Udgivelses[åa]r\s*:?\s*(?:\n\s*)*(\d{4})", re.M | re.I)
_LIFECYCLE = {"planlagt": 0, "afsluttet": 2}


def _version_order(file: PageFile) -> tuple[int, int, float, str]:
    """How late a version of a page is: a project is planned, then ongoing,
    then finished; then the later year, the newer file."""
    try:
        text = file.read()[:65536].decode("utf-8", "ignore")
    except OSError:
        return (0, 0, 0.0, file.name)
    status = _STATUS_LINE.search(text)
    year = _YEAR_LINE.search(text)
    stage = _LIFECYCLE.get(status.group(1).strip().casefold(), 1) if status else 1
    return (stage, int(year.group(1)) if year else 0, file.mtime, file.name)


def _versions_ordered(files: Sequence[PageFile]) -> tuple[list[PageFile], set[int]]:
    """The files, each address's versions next to each other and the latest
    last, so that the latest content wins and the earlier ones are kept as
    revisions of the same page; and (by id) the versions that a later one
    follows."""
    groups: dict[str, list[PageFile]] = {}
    for file in files:
        try:
            key = address_parse(file.address).source_key if file.address else ""
        except AddressError:
            key = ""  # reported when the file is imported
        groups.setdefault(key or f"file:{file.name}", []).append(file)
    ordered: list[PageFile] = []
    superseded: set[int] = set()
    for versions in groups.values():
        if len(versions) > 1:
            versions.sort(key=_version_order)
            superseded.update(id(v) for v in versions[:-1])
        ordered += versions
    return ordered, superseded


# Theme pages last: they link the projects, publications and tools they name.
_KIND_ORDER = {PROJECT: 0, NEWS: 1, TOOL: 2, CONTENT: 2, THEME: 3}


def _kinds_ordered(files: Sequence[PageFile]) -> list[PageFile]:
    """The files in the order they are imported: projects, news, tool and
    content pages, then theme pages, and within a kind a page before the
    pages below it (by its old address), so that a sub-page finds its
    parent. Otherwise in the order given (an address's versions together)."""

    def key(file: PageFile) -> tuple[int, int]:
        if not file.address:
            return (0, 0)
        try:
            address = address_parse(file.address)
        except AddressError:
            return (0, 0)  # reported when the file is imported
        rank = _KIND_ORDER.get(address.kind, 0)
        # Projects and news are flat (their order is their versions' order).
        return (rank, address.path.count("/") if rank >= 2 else 0)

    return sorted(files, key=key)


def import_order(files: Sequence[PageFile]) -> list[tuple[PageFile, bool]]:
    """The order the command and the admin both import in, each file with
    whether a later version of its address follows it in the run."""
    ordered, superseded = _versions_ordered(files)
    return [(file, id(file) in superseded) for file in _kinds_ordered(ordered)]


def folder_files(*, paths: Iterable[Path | str]) -> list[PageFile]:
    """The page files at `paths` (files, or folders searched recursively),
    each with its old address."""
    files = page_files_find(paths=paths)
    addresses = file_addresses_find(files=files)
    return [
        PageFile(
            name=str(path),
            read=path.read_bytes,
            address=addresses.get(path, ""),
            mtime=_mtime(path),
        )
        for path in files
    ]


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0  # reported when the file is read


def _read_member(archive: zipfile.ZipFile, member: str) -> bytes:
    return archive.read(member)


def zip_open(data: bytes, *, name: str) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, EOFError) as error:
        raise ImportSetupError(f"{name}: er ikke et zip-arkiv ({error}).") from None


def zip_members(archive: zipfile.ZipFile, *, name: str) -> list[str]:
    """The page files and address lists in an uploaded archive, by path;
    folders, hidden files (a Mac's __MACOSX/) and other files are left out.
    A damaged archive is refused with its name."""
    try:
        broken = archive.testzip()
    except (zipfile.BadZipFile, OSError, EOFError) as error:
        raise ImportSetupError(f"{name}: arkivet kan ikke læses ({error}).") from None
    if broken is not None:
        raise ImportSetupError(f"{name}: “{broken}” i arkivet er beskadiget.")
    members = []
    for info in archive.infolist():
        path = PurePosixPath(info.filename)
        if info.is_dir() or any(p.startswith((".", "__MACOSX")) for p in path.parts):
            continue
        if path.name == ADDRESSES_FILE or path.suffix.lower() in SUPPORTED_SUFFIXES:
            members.append(info.filename)
    return members


def upload_files(
    *, uploads: Sequence[tuple[str, Callable[[], bytes]]]
) -> list[PageFile]:
    """Uploaded pages, given as (name, reader): page files, `addresses.csv`
    lists (which name the pages of the upload, or of their folder in an
    archive) and zip archives of such folders, each page with its old
    address (from a list, else what an HTML page says of itself)."""
    pages: list[tuple[str, Callable[[], bytes]]] = []
    tables: dict[PurePosixPath, dict[str, str]] = {}
    for name, read in uploads:
        if name.lower().endswith(".zip"):
            archive = zip_open(read(), name=name)
            for member in zip_members(archive, name=name):
                reader = functools.partial(_read_member, archive, member)
                pages.append((f"{name}/{member}", reader))
        else:
            pages.append((name, read))
    files: list[tuple[str, Callable[[], bytes]]] = []
    for name, read in pages:
        path = PurePosixPath(name)
        if path.name == ADDRESSES_FILE:
            try:
                tables[path.parent] = addresses_parse(read(), where=name)
            except AddressError as error:
                raise ImportSetupError(str(error)) from error
        else:
            files.append((name, read))
    found = []
    for name, read in files:
        path = PurePosixPath(name)
        url = ""
        # Its folder's list first, then the lists above it (by relative path).
        for folder in [path.parent, *path.parent.parents][:4]:
            url = tables.get(folder, {}).get(path.relative_to(folder).as_posix(), "")
            if url:
                break
        if not url and is_html_name(name):
            url = address_in_html(read())
        found.append(PageFile(name=name, read=read, address=url))
    return found
