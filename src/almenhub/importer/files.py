"""The files of an import: the page files in the folders named, their old
addresses, and the versions of one address in the order they were written."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from pathlib import Path

from .addresses import (
    CONTENT,
    NEWS,
    PROJECT,
    THEME,
    TOOL,
    AddressError,
    address_in_html,
    address_parse,
    addresses_read,
)
from .parsing import SUPPORTED_SUFFIXES


class ImportSetupError(Exception):
    """The import cannot start (no such programme, no home page …)."""


def is_html_name(name: str) -> bool:
    return Path(name).suffix.lower() in (".html", ".htm")


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


def _version_order(path: Path) -> tuple[int, int, float, str]:
    """How late a version of a page is: a project is planned, then ongoing,
    then finished; then the later year, the newer file."""
    try:
        text = path.read_bytes()[:65536].decode("utf-8", "ignore")
        mtime = path.stat().st_mtime
    except OSError:
        return (0, 0, 0.0, path.name)
    status = _STATUS_LINE.search(text)
    year = _YEAR_LINE.search(text)
    stage = _LIFECYCLE.get(status.group(1).strip().casefold(), 1) if status else 1
    return (stage, int(year.group(1)) if year else 0, mtime, path.name)


def versions_ordered(
    *, files: Sequence[Path], addresses: dict[Path, str]
) -> tuple[list[Path], set[Path]]:
    """The files, each address's versions next to each other and the latest
    last, so that the latest content wins and the earlier ones are kept as
    revisions of the same page; and the versions that a later one follows."""
    groups: dict[str, list[Path]] = {}
    for path in files:
        url = addresses.get(path)
        try:
            key = address_parse(url).source_key if url else f"file:{path}"
        except AddressError:
            key = f"file:{path}"  # reported when the file is imported
        groups.setdefault(key, []).append(path)
    ordered: list[Path] = []
    superseded: set[Path] = set()
    for versions in groups.values():
        if len(versions) > 1:
            versions.sort(key=_version_order)
            superseded.update(versions[:-1])
        ordered += versions
    return ordered, superseded


# Theme pages last: they link the projects, publications and tools they name.
_KIND_ORDER = {PROJECT: 0, NEWS: 1, TOOL: 2, CONTENT: 2, THEME: 3}


def kinds_ordered(*, files: Sequence[Path], addresses: dict[Path, str]) -> list[Path]:
    """The files in the order they are imported: projects, news, tool and
    content pages, then theme pages, and within a kind a page before the
    pages below it (by its old address), so that a sub-page finds its
    parent. Otherwise in the order given (an address's versions together)."""

    def key(path: Path) -> tuple[int, int]:
        url = addresses.get(path)
        if not url:
            return (0, 0)
        try:
            address = address_parse(url)
        except AddressError:
            return (0, 0)  # reported when the file is imported
        rank = _KIND_ORDER.get(address.kind, 0)
        # Projects and news are flat (their order is their versions' order).
        return (rank, address.path.count("/") if rank >= 2 else 0)

    return sorted(files, key=key)
