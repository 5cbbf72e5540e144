"""Backup and restore of the embedded deployment: the SQLite database (taken
with SQLite's online backup, so the hub can keep serving), the media files and
the search index, in one .tar.gz with a manifest.

PostgreSQL deployments use pg_dump / pg_restore instead (see README).
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import tarfile
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.dispatch import Signal

FORMAT_VERSION = 1

# Sent after a restore has replaced the database and media. Apps that keep
# data derived from the database elsewhere (the search engine's index) bring
# it back in step; core knows none of them.
restored = Signal()


class BackupError(Exception):
    pass


@dataclass
class BackupSummary:
    path: Path
    pages: int
    media_files: int


def _require_sqlite() -> None:
    if connection.vendor != "sqlite":
        raise BackupError(
            "backup/restore gælder den indlejrede SQLite-opsætning. Brug pg_dump og "
            "pg_restore til PostgreSQL (se README)."
        )


def _live_sqlite() -> sqlite3.Connection:
    connection.ensure_connection()
    return connection.connection


def backup_create(*, destination: Path | None = None) -> BackupSummary:
    _require_sqlite()
    from wagtail.models import Page

    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    if destination is None:
        destination = Path(settings.DATA_DIR) / "backups" / f"almenhub-{stamp}.tar.gz"
    destination.parent.mkdir(parents=True, exist_ok=True)
    media_root = Path(settings.MEDIA_ROOT)
    index_dir = Path(settings.ALMENHUB_SEARCH_INDEX_DIR)
    with tempfile.TemporaryDirectory() as tmp:
        db_copy = Path(tmp) / "almenhub.sqlite3"
        target = sqlite3.connect(db_copy)
        with target:
            _live_sqlite().backup(target)
        target.close()
        media_files = (
            [p for p in media_root.rglob("*") if p.is_file()]
            if media_root.exists()
            else []
        )
        manifest = {
            "format": FORMAT_VERSION,
            "created_at": stamp,
            "pages": Page.objects.count(),
            "media_files": len(media_files),
        }
        (Path(tmp) / "manifest.json").write_text(json.dumps(manifest, indent=2))
        partial = destination.with_suffix(".partial")
        with tarfile.open(partial, "w:gz") as archive:
            archive.add(Path(tmp) / "manifest.json", arcname="manifest.json")
            archive.add(db_copy, arcname="database/almenhub.sqlite3")
            for file in media_files:
                archive.add(file, arcname=f"media/{file.relative_to(media_root)}")
            if index_dir.exists():
                archive.add(index_dir, arcname="search-index")
        partial.replace(destination)  # a crash never leaves a half archive behind
    return BackupSummary(
        path=destination, pages=manifest["pages"], media_files=len(media_files)
    )


def _safe_members(archive: tarfile.TarFile) -> list[tarfile.TarInfo]:
    members = []
    for member in archive.getmembers():
        path = Path(member.name)
        if path.is_absolute() or ".." in path.parts or member.issym() or member.islnk():
            raise BackupError(f"Arkivet indeholder en ugyldig sti: {member.name}")
        members.append(member)
    return members


def backup_restore(*, source: Path) -> BackupSummary:
    """Restore database, media and search from an archive made by backup_create.

    Stop the server first: the restored database replaces the live one.
    """
    _require_sqlite()
    if not source.is_file():
        raise BackupError(f"Filen findes ikke: {source}")
    with tempfile.TemporaryDirectory() as tmp:
        try:
            with tarfile.open(source, "r:gz") as archive:
                archive.extractall(tmp, members=_safe_members(archive), filter="data")
        except (tarfile.TarError, OSError, EOFError) as error:
            raise BackupError(
                f"{source} er ikke et gyldigt backup-arkiv: {error}"
            ) from error
        root = Path(tmp)
        manifest_path = root / "manifest.json"
        if (
            not manifest_path.is_file()
            or not (root / "database/almenhub.sqlite3").is_file()
        ):
            raise BackupError(f"{source} mangler manifest eller database.")
        manifest = json.loads(manifest_path.read_text())
        if manifest.get("format") != FORMAT_VERSION:
            raise BackupError(f"Ukendt backup-format: {manifest.get('format')}")
        backup_db = sqlite3.connect(root / "database/almenhub.sqlite3")
        with backup_db:
            backup_db.backup(_live_sqlite())
        backup_db.close()
        media_root = Path(settings.MEDIA_ROOT)
        if (root / "media").is_dir():
            shutil.rmtree(media_root, ignore_errors=True)
            shutil.copytree(root / "media", media_root)
    restored.send(sender=backup_restore)
    return BackupSummary(
        path=source, pages=manifest["pages"], media_files=manifest["media_files"]
    )
