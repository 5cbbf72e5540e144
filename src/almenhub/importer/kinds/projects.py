"""The old site's project pages, both generations and the pools': parsed
into a ProjectRecord and written by `projects.services.project_upsert`
under the programme their old address names."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import DatabaseError

from almenhub.projects.models import ProjectPage
from almenhub.projects.services import Outcome, project_upsert

from ..addresses import OldAddress, source_key_for
from ..files import ImportSetupError
from ..parsing import ParseError, parse_bytes
from ..summary import FileResult, conflict_message, error_result

if TYPE_CHECKING:
    from ..context import ImportContext

logger = logging.getLogger(__name__)


def project_import(
    *,
    name: str,
    data: bytes,
    context: ImportContext,
    old: OldAddress | None,
    superseded: bool,
) -> FileResult:
    try:
        record = parse_bytes(data, name=name, vocabulary=context.vocabulary)
    except ParseError as error:
        return error_result(name, error.message, error.line)
    except Exception as error:  # a parser bug must not stop the other pages
        logger.exception("Læsning af %s fejlede", name)
        return error_result(
            name, f"Uventet fejl under læsning ({type(error).__name__})."
        )
    context.organisations.apply(record)
    source_key = old.source_key if old else source_key_for(name)
    if (
        superseded
        and source_key not in context.created_keys
        and ProjectPage.objects.filter(source_key=source_key).exists()
    ):
        # An earlier version of a page imported before: its revision is
        # there already, and writing it again would bury the later one.
        return FileResult(
            name=name,
            outcome=str(Outcome.UNCHANGED),
            title=record.title,
            owner=record.owner,
        )
    if source_key in context.written_keys:
        # A second version of a page this batch created: its rows and
        # revision, held back to the end of the batch, must be there before
        # it is updated.
        context.write_held_back()
    context.written_keys.add(source_key)
    try:
        programme = context.programme_for(old)
        # In a savepoint of its own (project_upsert's transaction).
        result = project_upsert(
            programme=programme,
            record=record,
            source_key=source_key,
            cache=context.cache,
        )
    except ValidationError as error:
        message = " ".join(error.messages)
    except (ValueError, ImportSetupError) as error:
        message = str(error)
    except DatabaseError as error:
        message = f"Databasefejl: {error}"
    except Exception as error:  # a bad page must not stop the others
        logger.exception("Import af %s fejlede", name)
        message = f"Uventet fejl ({type(error).__name__}): {error}"
    else:
        for parent, child in record.themes:
            context.vocabulary.add_theme(parent, child)
        context.organisations.remember(
            [record.owner, *record.participants]
            + [c.organisation for c in record.contacts]
        )
        if result.outcome not in (Outcome.UNCHANGED, Outcome.CONFLICT):
            # The page, its publications and its people change with the page;
            # organisations and themes are shared by many pages and only
            # created (never changed) by an import: indexed once per run.
            context.indexes.note(
                changed=[result.page, *result.people, *result.publications],
                shared=[*result.organisations, *result.themes],
            )
        message = ""
        if result.outcome == Outcome.CREATED:
            context.created_keys.add(source_key)
        if result.outcome == Outcome.CONFLICT:
            message = conflict_message(name, result.page.title)
        return FileResult(
            name=name,
            outcome=str(result.outcome),
            title=result.page.title,
            page_id=result.page.pk,
            owner=record.owner,
            warnings=list(record.warnings),
            message=message,
        )
    # The rolled-back page may have bumped the programme's child count in
    # memory; the tree would then compute the next page's path wrongly.
    context.programme.refresh_from_db()
    for known in context.programmes.values():
        known.refresh_from_db()
    return error_result(name, message)
