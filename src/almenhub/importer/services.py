"""Import the old site's pages into almenhub: projects of both generations
and the pools', news, theme pages, tool and content pages.

Each page is parsed without touching the database and then written in a
savepoint of its own (`kinds/`: one module per kind of page), many to a
transaction (`batches`): a page that fails leaves nothing behind and the
others carry on. A page's identity (source key) is its old address when it
has one (addresses.csv, or an HTML page's canonical URL), else its file
name, so importing the same files again finds the same pages; every old
address gets a 301 redirect to its page.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from almenhub.projects.models import ProgrammePage

from .addresses import (
    CONTENT,
    NEWS,
    PROJECT,
    THEME,
    TOOL,
    AddressError,
    OldAddress,
    address_in_html,
    address_parse,
    source_key_for,
)
from .batches import import_run
from .context import ImportContext
from .files import (
    ImportSetupError,
    PageFile,
    folder_files,
    import_order,
    is_html_name,
    page_files_find,
    upload_files,
)
from .kinds.content import content_import
from .kinds.news import news_import
from .kinds.projects import project_import
from .kinds.themes import theme_import
from .lookups import vocabulary_load
from .programmes import (
    DEFAULT_PROGRAMME_SLUG,
    DEFAULT_PROGRAMME_TITLE,
    programme_get_or_create_default,
    programme_resolve,
)
from .summary import ERROR, FileResult, ImportSummary, error_result

__all__ = [
    "DEFAULT_PROGRAMME_SLUG",
    "DEFAULT_PROGRAMME_TITLE",
    "ERROR",
    "FileResult",
    "ImportContext",
    "ImportSetupError",
    "ImportSummary",
    "PageFile",
    "page_files_find",
    "programme_get_or_create_default",
    "programme_resolve",
    "source_key_for",
    "vocabulary_load",
]


# The kinds of page other than projects, each read and written by its module.
_IMPORTS = {
    NEWS: news_import,
    THEME: theme_import,
    TOOL: content_import,
    CONTENT: content_import,
}


def import_source(
    *,
    name: str,
    data: bytes,
    context: ImportContext,
    address: str = "",
    superseded: bool = False,
) -> FileResult:
    """Parse one page and write it; never raises for a bad page.

    `address` is the page's old address (from addresses.csv); an HTML page
    may state its own. It is the page's identity and gets a redirect.
    `superseded`: a later version of the same address follows in this run."""
    url = address or (address_in_html(data) if is_html_name(name) else "")
    old: OldAddress | None = None
    if url:
        try:
            old = address_parse(url)
        except AddressError as error:
            return error_result(name, str(error))
    kind = old.kind if old else PROJECT
    if old is not None and kind in _IMPORTS:
        result = _IMPORTS[kind](name=name, data=data, context=context, old=old)
        result.kind, result.address = kind, url
        if result.page_id and not result.failed:
            context.redirects.add(old, result)
        return result
    result = project_import(
        name=name, data=data, context=context, old=old, superseded=superseded
    )
    result.kind, result.address = kind, url
    if old is not None:
        result.scheme = old.scheme
        if result.page_id and not result.failed:
            context.redirects.add(old, result)
    return result


def import_page_file(
    *, file: PageFile, context: ImportContext, superseded: bool = False
) -> FileResult:
    try:
        data = file.read()
    except OSError as error:
        return error_result(
            file.name, f"Filen kan ikke læses: {error.strerror or error}."
        )
    return import_source(
        name=file.name,
        data=data,
        context=context,
        address=file.address,
        superseded=superseded,
    )


def import_files(
    *,
    files: Sequence[PageFile],
    programme: ProgrammePage | str | int | None = None,
    dry_run: bool = False,
    progress: Callable[[Sequence[PageFile]], Iterable[PageFile]] | None = None,
    exclusive: bool = False,
) -> ImportSummary:
    """Import these pages, in the order their links need (`import_order`:
    an address's versions latest last; projects, news, tool and content
    pages, then the theme pages that name them; parents before children).

    `progress` is handed the files in that order and yields them as they
    are to be imported (a progress bar's iterator, say).
    `exclusive` is for a process that does nothing else meanwhile: Wagtail's
    search index is then updated once per batch instead of on every save.
    """
    planned = import_order(files)
    superseded = {id(file) for file, later in planned if later}
    ordered = [file for file, _ in planned]
    selected = progress(ordered) if progress else ordered
    return import_run(
        programme=programme,
        dry_run=dry_run,
        exclusive=exclusive,
        jobs=lambda context: (
            functools.partial(
                import_page_file,
                file=file,
                context=context,
                superseded=id(file) in superseded,
            )
            for file in selected
        ),
    )


def import_paths(
    *,
    paths: Iterable[Path | str],
    programme: ProgrammePage | str | int | None = None,
    dry_run: bool = False,
    limit: int | None = None,
    progress: Callable[[Sequence[PageFile]], Iterable[PageFile]] | None = None,
    exclusive: bool = False,
) -> ImportSummary:
    """Import the page files at `paths` (files, or folders searched
    recursively for .txt, .html and .htm files, with their addresses.csv)."""
    files = folder_files(paths=paths)
    if limit is not None:
        files = files[: max(limit, 0)]
    return import_files(
        files=files,
        programme=programme,
        dry_run=dry_run,
        progress=progress,
        exclusive=exclusive,
    )


def import_uploads(
    *,
    files: Iterable[tuple[str, bytes | Callable[[], bytes]]],
    programme: ProgrammePage | str | int | None = None,
    dry_run: bool = False,
    progress: Callable[[Sequence[PageFile]], Iterable[PageFile]] | None = None,
) -> ImportSummary:
    """Import uploaded pages, given as (file name, content or a reader of
    it): page files, addresses.csv lists and zip archives of folders, in
    the same order as the command imports a folder (`import_files`)."""
    uploads = [
        (name, data if callable(data) else functools.partial(bytes, data))
        for name, data in files
    ]
    return import_files(
        files=upload_files(uploads=uploads),
        programme=programme,
        dry_run=dry_run,
        progress=progress,
    )
