"""What importing any page of running text shares: the write in a savepoint
of its own, its indexes, its result; and where a nested page goes."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from wagtail.models import Page

from almenhub.core.pages.imported import Outcome
from almenhub.search.services import search_index_objects

from ..addresses import OldAddress
from ..summary import FileResult, conflict_message, error_result

if TYPE_CHECKING:
    from ..context import ImportContext


def page_written(
    *,
    name: str,
    context: ImportContext,
    write: Callable[[], tuple[Page, Outcome]],
    warnings: Sequence[str] = (),
) -> FileResult:
    """Run `write` in a savepoint of its own (a failure leaves nothing of the
    page behind and is reported with the file's name), and index the page it
    wrote: search, and Wagtail's reference index at the end of the batch."""
    mark = context.cache.mark()
    try:
        with transaction.atomic():
            page, outcome = write()
            if outcome not in (Outcome.UNCHANGED, Outcome.CONFLICT):
                search_index_objects([page])
                context.indexes.note(changed=[page])
    except (ValidationError, ValueError, DatabaseError) as error:
        # Rolled back: so are the writes the batch held back for it.
        context.cache.roll_back_to(mark)
        return error_result(name, _message(error))
    return FileResult(
        name=name,
        outcome=str(outcome),
        title=page.title,
        page_id=page.pk,
        warnings=list(warnings),
        message=conflict_message(name, page.title)
        if outcome == Outcome.CONFLICT
        else "",
    )


def _message(error: Exception) -> str:
    """What went wrong, naming the field when a field is at fault."""
    if isinstance(error, ValidationError):
        fields = getattr(error, "message_dict", None)
        if fields:
            return " ".join(
                f"{field}: {' '.join(texts)}" for field, texts in fields.items()
            )
        return " ".join(error.messages)
    return str(error)


def imported_ancestor(
    address: OldAddress, page_types: Sequence[type[Page]]
) -> Page | None:
    """The nearest page above `address` (by the old site's path) that an
    import brought in, of one of `page_types`: a nested page goes under it."""
    segments = [s for s in address.path.split("/") if s]
    keys = [
        OldAddress(
            url="",
            host=address.host,
            path="/" + "/".join(segments[:n]),
            kind=address.kind,
        ).source_key
        for n in range(len(segments) - 1, 0, -1)
    ]
    if not keys:
        return None
    found: dict[str, Page] = {}
    for page_type in page_types:
        for page in page_type.objects.filter(source_key__in=keys):
            found.setdefault(page.source_key, page)
    return next((found[key] for key in keys if key in found), None)


def last_segment(address: OldAddress) -> str:
    return address.path.rstrip("/").rsplit("/", 1)[-1]
