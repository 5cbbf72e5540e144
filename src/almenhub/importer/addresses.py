"""The old site's addresses: where a page lived tells what it is (project,
news, theme page, tool or other content page), which programme or pool it
belongs to, and is its identity from one import to the next.

An address comes from the folder's `addresses.csv` (columns `file,url`) or
from an HTML page's `<link rel="canonical">` / `og:url`.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from dataclasses import dataclass
from pathlib import Path, PurePath
from urllib.parse import urlsplit

from wagtail.contrib.redirects.models import Redirect

ADDRESSES_FILE = "addresses.csv"

PROJECT = "project"
NEWS = "news"
THEME = "theme"
TOOL = "tool"
CONTENT = "content"
KIND_LABELS = {
    PROJECT: "Projekter",
    NEWS: "Nyheder",
    THEME: "Temasider",
    TOOL: "Værktøjer",
    CONTENT: "Indholdssider",
}

# The two schemes of the main site and the pools' project libraries.
OLD_SCHEME = "projekter"
NEW_SCHEME = "udviklingsprojekter"
POOL_SCHEME = "projektbibliotek"
# The newer scheme's projects are the association's development projects.
NEW_SCHEME_PROGRAMME = "udviklingsprojekter"


SOURCE_PREFIX = "oldsite:"


class AddressError(ValueError):
    pass


def source_key_for(name: str) -> str:
    """The identity of a page without an old address: its file's name."""
    return f"{SOURCE_PREFIX}{PurePath(name).stem}"


@dataclass(frozen=True)
class OldAddress:
    url: str
    host: str  # "" when the address was given as a path
    path: str  # normalised as Wagtail's redirects store it
    kind: str
    scheme: str = ""  # OLD_SCHEME, NEW_SCHEME or POOL_SCHEME for projects
    programme_slug: str = ""
    news_year: int | None = None
    news_month: int | None = None

    @property
    def is_pool(self) -> bool:
        return self.scheme == POOL_SCHEME

    @property
    def source_key(self) -> str:
        """The page's identity: a pool's paths are only unique with its host."""
        where = f"{self.host}{self.path}" if self.is_pool else self.path
        key = f"{SOURCE_PREFIX}{where}"
        if len(key) > 255:
            digest = hashlib.sha256(where.encode()).hexdigest()
            key = f"{SOURCE_PREFIX}{where[:180]}#{digest[:32]}"
        return key


def address_parse(url: str) -> OldAddress:
    text = url.strip()
    if not text:
        raise AddressError("Adressen er tom.")
    parts = urlsplit(text if "://" in text or text.startswith("/") else f"/{text}")
    if parts.scheme and parts.scheme not in ("http", "https"):
        raise AddressError(f"“{text}” er ikke en webadresse.")
    # As Wagtail's redirects store it (no trailing slash), so that it finds
    # the redirect for "/a/b/" and "/a/b" alike.
    path = Redirect.normalise_path(parts.path or "/")
    host = (parts.hostname or "").lower()
    segments = [s for s in path.split("/") if s]
    kind, scheme, programme = CONTENT, "", ""
    year = month = None
    first = segments[0] if segments else ""
    if first == POOL_SCHEME and len(segments) >= 2:
        # https://<pool>.<site>/projektbibliotek/<slug>/
        kind, scheme, programme = PROJECT, POOL_SCHEME, host.split(".")[0] or "pulje"
    elif first == OLD_SCHEME and len(segments) >= 3:
        kind, scheme, programme = PROJECT, OLD_SCHEME, segments[1]
    elif first == NEW_SCHEME and len(segments) >= 3:
        kind, scheme, programme = PROJECT, NEW_SCHEME, NEW_SCHEME_PROGRAMME
    elif first == "nyheder" and len(segments) >= 2:
        kind = NEWS
        if len(segments) >= 4 and segments[1].isdigit() and segments[2].isdigit():
            year, month = int(segments[1]), int(segments[2])
            if not 1 <= month <= 12:
                year = month = None
    elif first == "temasider" and len(segments) >= 2:
        kind = THEME
    elif first.startswith("vaerktoejsplatform"):
        kind = TOOL
    return OldAddress(
        url=text,
        host=host,
        path=path,
        kind=kind,
        scheme=scheme,
        programme_slug=programme,
        news_year=year,
        news_month=month,
    )


def addresses_read(folder: Path) -> dict[str, str]:
    """`addresses.csv` of a folder: file name → old address (see
    `addresses_parse`); nothing when the folder has none."""
    path = folder / ADDRESSES_FILE
    if not path.is_file():
        return {}
    try:
        data = path.read_bytes()
    except OSError as error:
        raise AddressError(f"{path}: kan ikke læses ({error}).") from None
    return addresses_parse(data, where=str(path))


def addresses_parse(data: bytes, *, where: str) -> dict[str, str]:
    """An `addresses.csv` (UTF-8, header `file,url`): file name → old
    address. Refuses a file without that header, naming the line at fault
    (`where` names the file in the message)."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise AddressError(f"{where}: kan ikke læses som UTF-8 ({error}).") from None
    reader = csv.reader(io.StringIO(text))
    header = [h.strip().casefold() for h in next(reader, [])]
    if header[:2] != ["file", "url"]:
        raise AddressError(
            f"{where}: første linje skal være overskrifterne “file,url”."
        )
    found: dict[str, str] = {}
    for number, row in enumerate(reader, start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) < 2 or not row[0].strip() or not row[1].strip():
            raise AddressError(f"{where}, linje {number}: der mangler fil eller url.")
        found[row[0].strip()] = row[1].strip()
    return found


_CANONICAL = re.compile(
    r"<link\b[^>]*\brel=[\"']?canonical[\"']?[^>]*>"
    r"|<meta\b[^>]*\bproperty=[\"']?og:url[\"']?[^>]*>",
    re.IGNORECASE,
)
_HREF = re.compile(r"\b(?:href|content)\s*=\s*[\"']([^\"']+)[\"']", re.IGNORECASE)


def address_in_html(data: bytes) -> str:
    """The address an HTML page states for itself (canonical, else og:url);
    read from the head only, so without parsing the page twice."""
    head = data[:32768].decode("utf-8", "ignore")
    end = head.lower().find("</head>")
    if end >= 0:
        head = head[:end]
    found = {"canonical": "", "og": ""}
    for tag in _CANONICAL.finditer(head):
        href = _HREF.search(tag.group(0))
        if href:
            which = "canonical" if "canonical" in tag.group(0).lower() else "og"
            found[which] = found[which] or href.group(1)
    return found["canonical"] or found["og"]
