"""What an imported page remembers of where it came from, and how an import
writes such a page: created or updated in place, published with a revision
of its own, and never over an editor's unpublished draft."""

from __future__ import annotations

import enum
from collections.abc import Callable
from typing import TypeVar

from django.db import models, transaction
from django.utils import timezone
from wagtail.models import Page, Revision

from .tree import unique_child_slug


class ImportedPageMixin(models.Model):
    """The old site's identity of an imported page (its old address, else
    its file), so that a re-import updates the page in place instead of
    making a second one, and the checksum of what was imported, so that an
    unchanged file changes nothing. Neither is shown to editors."""

    source_key = models.CharField(
        "importkilde", max_length=255, blank=True, db_index=True, editable=False
    )
    source_checksum = models.CharField(max_length=64, blank=True, editable=False)

    class Meta:
        abstract = True


class Outcome(enum.StrEnum):
    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"
    # An editor has an unpublished draft of the page: nothing was written.
    CONFLICT = "conflict"


def revision_published(page: Page) -> Revision:
    """A published revision of the page as it is in memory: the import's
    history, which editors see and can go back to. (Page.save_revision would
    save the page once more and mark it as a draft.) The caller saves the
    page, whose revision fields this sets."""
    revision = Revision.objects.create(
        content_object=page,
        base_content_type=page.get_base_content_type(),
        content=page.serializable_data(),
        object_str=str(page),
    )
    page.latest_revision = revision
    page.live_revision = revision
    page.latest_revision_created_at = revision.created_at
    page.has_unpublished_changes = False
    return revision


P = TypeVar("P", bound=Page)


@transaction.atomic
def imported_page_write(
    *,
    page_type: type[P],
    parent: Page,
    source_key: str,
    checksum: str,
    fill: Callable[[P], None],
    slug: str = "",
) -> tuple[P, Outcome]:
    """The page of `page_type` imported from `source_key`, created under
    `parent` (slug: `slug`, else the title's, made unique among the
    siblings) or updated where an editor may have moved it, `fill`ed with
    the imported content and published with a revision.

    Unchanged content (same checksum) writes nothing; a page with an
    editor's unpublished draft is left alone (a conflict), since publishing
    would publish the draft too or bury it."""
    page = page_type.objects.filter(source_key=source_key).first()
    if page is not None and page.source_checksum == checksum:
        return page, Outcome.UNCHANGED
    if page is not None and page.has_unpublished_changes:
        return page, Outcome.CONFLICT
    created = page is None
    if page is None:
        page = page_type(source_key=source_key)
    fill(page)
    page.title = " ".join(page.title.split())
    page.draft_title = page.title
    page.source_checksum = checksum
    page.last_published_at = timezone.now()
    if created:
        page.slug = unique_child_slug(parent, slug or page.title)
        page.first_published_at = page.last_published_at
        page.live = True
        parent.add_child(instance=page)
    revision_published(page)
    page.save()
    return page, Outcome.CREATED if created else Outcome.UPDATED
