"""Where the demo's data files are, and reading them.

TOML for everything but the projects, which are pages of the old site in the
importer's own format (content/projects/<programme slug>/*.html).
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from almenhub.projects.records import BodyPart

CONTENT_DIR = Path(__file__).resolve().parent / "content"
PROJECTS_DIR = CONTENT_DIR / "projects"


def data_read(name: str) -> dict[str, Any]:
    """One data file, e.g. data_read("people") for content/people.toml."""
    with (CONTENT_DIR / f"{name}.toml").open("rb") as file:
        return tomllib.load(file)


def body_parts(text: str) -> list[BodyPart]:
    """Blocks separated by blank lines: "## " starts a heading, lines that
    start with "- " are a list, anything else is a paragraph."""
    parts: list[BodyPart] = []
    for block in (b.strip() for b in text.strip().split("\n\n")):
        lines = [" ".join(line.split()) for line in block.splitlines()]
        if block.startswith("## "):
            parts.append(BodyPart(kind="heading", text=block[3:].strip()))
        elif all(line.startswith("- ") for line in lines):
            parts.append(BodyPart(kind="list", items=[li[2:] for li in lines]))
        elif block:
            parts.append(BodyPart(kind="paragraph", text=" ".join(lines)))
    return parts
