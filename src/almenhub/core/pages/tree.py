"""Adding pages to the tree many at a time: treebeard's `add_child` and
`Page.full_clean`, without the queries that prove nothing in a batch.

It stands on private parts of treebeard and Wagtail (`Page._get_path`,
`_int2str`, `_str2int`, `_get_children_path_interval`, `steplen`, the
instance's `_check_slug_is_unique`, `_is_site_root` and `_cached_parent_obj`);
core/tests/test_pages_guards.py fails when an upgrade changes them.
"""

from __future__ import annotations

import functools
from collections.abc import Collection, Iterable
from typing import TypeVar

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from treebeard.exceptions import PathOverflow
from wagtail.log_actions import get_active_log_context
from wagtail.models import Page, PageLogEntry, Site

from almenhub.core.pages.deferred import DeferredInserts
from almenhub.core.text import danish_slugify

# Fields `Page.full_clean` would check with a query each, and which the write
# path sets itself: the page's type (from its class) and locale (its
# parent's), its place in the tree (taken under a lock on the parent's row)
# and a fresh translation key, which makes the unique checks on them moot.
TREE_AND_IDENTITY_FIELDS = (
    "content_type",
    "locale",
    "path",
    "depth",
    "numchild",
    "url_path",
    "translation_key",
)


def page_validate(
    page: Page, *, trusted: Iterable[str] = (), sibling_slugs: set[str] | None = None
) -> None:
    """`Page.full_clean` without the checks that cost a query and prove
    nothing here: foreign keys in `trusted` (set from rows the caller has just
    read or saved) and the fields in TREE_AND_IDENTITY_FIELDS. Every other
    field is validated, and Wagtail's own `clean` checks that the slug is free
    among the siblings, unless the caller hands over their slugs, read under
    a lock on the parent's row (`ChildPositions.sibling_slugs`): then it is
    checked against those, with Wagtail's message."""
    exclude = [*TREE_AND_IDENTITY_FIELDS, *trusted]
    if sibling_slugs is None:
        page.full_clean(exclude=exclude)
        return
    # Page.clean asks the database; the instance's own method answers instead.
    page._check_slug_is_unique = functools.partial(
        _check_slug_among, page, sibling_slugs
    )
    try:
        page.full_clean(exclude=exclude)
    finally:
        del page._check_slug_is_unique


def _check_slug_among(page: Page, sibling_slugs: set[str]) -> None:
    if page.slug in sibling_slugs:
        parent = page.get_parent() or getattr(page, "_cached_parent_obj", None)
        raise ValidationError(
            {
                "slug": _(
                    "The slug '%(page_slug)s' is already in use within the parent "
                    "page at '%(parent_url_path)s'."
                )
                % {
                    "page_slug": page.slug,
                    "parent_url_path": parent.url if parent is not None else "",
                }
            }
        )


class ChildPositions:
    """Where the next child of a parent goes, remembered between calls to
    `page_add_child` within one transaction.

    Finding a parent's last child takes two queries per new page; in an
    import batch, whose transaction holds the parent's row from its first new
    child on, the next position is known instead. The count of children is
    checked as it is raised (an update that only matches the count it
    expects), so a parent changed meanwhile (a rolled-back page, say) is read
    again rather than trusted. Clear it when its transaction ends.

    Given `deferred` inserts (an import's batches), it also holds back two
    writes per new page, to be made once for many pages: the pages'
    "created" log entries go to those inserts, and the parents' counts of
    children are recounted from the rows by `write_deferred`. Its owner calls
    that before its transaction commits, and `roll_back_to` when a savepoint
    with pages in it is rolled back; `clear` keeps the parents to recount,
    `discard` drops them.
    """

    def __init__(self, *, deferred: DeferredInserts | None = None) -> None:
        self.deferred = deferred
        # parent id → (parent's path, parent's depth, child count, last step)
        self._known: dict[int, tuple[str, int, int, int]] = {}
        # parent id → its children's slugs
        self._slugs: dict[int, set[str]] = {}
        # Deferred: the parents given children, to be recounted.
        self._parents: dict[int, Page] = {}

    def clear(self) -> None:
        """Forget what was read (the next page reads afresh)."""
        self._known.clear()
        self._slugs.clear()

    def discard(self) -> None:
        """Forget everything, the parents to recount too (their transaction
        was rolled back)."""
        self.clear()
        self._parents.clear()

    def sibling_slugs(self, parent: Page) -> set[str] | None:
        """The slugs of the parent's children, to check a new child's slug
        against, for a parent this transaction has added a child to before
        (and so holds the row of): read on the second child, one query for
        all the children to come, and kept up to date by `page_add_child`.
        None for a parent seen first, whose one child Wagtail's own check of
        one slug serves better than reading every sibling."""
        if parent.pk not in self._known:
            return None
        if parent.pk not in self._slugs:
            self._slugs[parent.pk] = set(
                parent.get_children().values_list("slug", flat=True)
            )
        return self._slugs[parent.pk]

    def take(self, parent: Page) -> tuple[str, int, int, int] | None:
        """The parent's position data with the count raised (in the database,
        unless deferred), or None when it must be read afresh."""
        known = self._known.get(parent.pk)
        if known is None:
            return None
        path, depth, numchild, step = known
        if self.deferred is None:
            raised = Page.objects.filter(pk=parent.pk, numchild=numchild).update(
                numchild=F("numchild") + 1
            )
            if not raised:
                del self._known[parent.pk]
                self._slugs.pop(parent.pk, None)
                return None
        return path, depth, numchild, step + 1

    def remember(
        self, parent: Page, *, path: str, depth: int, numchild: int, step: int
    ) -> None:
        self._known[parent.pk] = (path, depth, numchild, step)

    def log_created(self, parent: Page, page: Page) -> None:
        """Log a new page now, or (deferred) when the batch is written."""
        entry = page_log_entry(page)
        if self.deferred is not None:
            self._parents[parent.pk] = parent
            self.deferred.add([entry])
        else:
            PageLogEntry.objects.bulk_create([entry])

    def write_deferred(self) -> None:
        """Recount the children of the parents given some (see the class)."""
        rows = Page.objects.filter(pk__in=self._parents).values_list(
            "pk", "path", "depth"
        )
        for pk, path, depth in rows:
            count = Page.objects.filter(
                depth=depth + 1, path__range=Page._get_children_path_interval(path)
            ).count()
            Page.objects.filter(pk=pk).update(numchild=count)
            self._parents[pk].numchild = count
        self._parents.clear()

    def mark(self) -> int:
        """Where the parents to recount stand, for `roll_back_to`."""
        return len(self._parents)

    def roll_back_to(self, mark: int) -> None:
        """Forget what was read, and the parents first given a child since
        `mark`: they were rolled back with it (a publications index made on
        the way, say). A parent noted before keeps its recount, which counts
        the rows that are there."""
        self.clear()
        for pk in list(self._parents)[mark:]:
            del self._parents[pk]


def _next_child_position(parent: Page) -> tuple[str, int, int, int]:
    """Lock the parent's row, raise its count of children and return its
    path, depth, former count and the step of the new child's path."""
    path, depth, numchild = (
        Page.objects.select_for_update()
        .filter(pk=parent.pk)
        .values_list("path", "depth", "numchild")
        .get()
    )
    step = 1
    # The last child, whatever the count says: a batch of deferred writes
    # (ChildPositions) raises the count only at its end.
    last = (
        Page.objects.filter(
            depth=depth + 1, path__range=Page._get_children_path_interval(path)
        )
        .order_by("-path")
        .values_list("path", flat=True)
        .first()
    )
    if last is not None:
        step = Page._str2int(last[-Page.steplen :]) + 1
    Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + 1)
    return path, depth, numchild, step


def page_add_child(
    *,
    parent: Page,
    page: Page,
    trusted: Iterable[str] = (),
    positions: ChildPositions | None = None,
) -> Page:
    """Save a new page as the last child of `parent`, validated once.

    This is treebeard's `add_child` (lock the parent's row, take the path
    after its last child, count the child, save), made cheap for adding
    thousands of pages: the parent's row and the last path are read as plain
    values rather than as page objects, or not at all when `positions` knows
    them; the page is validated by `page_validate` and saved with
    `clean=False`, instead of by `Page.save`'s `full_clean`, which checks
    every foreign key with a query; and its creation is logged with one
    insert (`page_log_entry`), or with a batch's (`ChildPositions`).

    A slug that a sibling has already is replaced by the first free one of
    slug-2, slug-3 …, so callers can pass the title's slug as it is.
    """
    if not page._state.adding:
        raise ValueError("The page is saved already; add_child takes a new page.")
    # Inside a caller's transaction, a failure here fails it as a whole: a
    # savepoint of its own (two statements more per page) would only let a
    # caller carry on after a half-added page, which none should.
    with transaction.atomic(savepoint=False):
        siblings = None
        if positions is not None and (position := positions.take(parent)):
            siblings = positions.sibling_slugs(parent)
        else:
            position = _next_child_position(parent)
        path, depth, numchild, step = position
        if len(Page._int2str(step)) > Page.steplen:
            raise PathOverflow(f"Siden “{parent}” har ikke plads til flere undersider.")
        page.depth = depth + 1
        page.path = Page._get_path(path, page.depth, step)
        parent.numchild = numchild + 1
        if positions is not None:
            positions.remember(
                parent, path=path, depth=depth, numchild=numchild + 1, step=step
            )
        page._cached_parent_obj = parent
        if page.locale_id is None:
            page.locale_id = parent.locale_id
        try:
            page_validate(page, trusted=trusted, sibling_slugs=siblings)
        except ValidationError as error:
            if set(getattr(error, "error_dict", {})) != {"slug"}:
                raise
            page.slug = unique_child_slug(parent, page.slug, taken=siblings)
            page_validate(page, trusted=trusted, sibling_slugs=siblings)
        # A new page has a new translation key, which no site's root page
        # can have: tell `save` so (it would ask the database otherwise).
        page._is_site_root = False
        try:
            page.save(clean=False, log_action=None)
        finally:
            del page._is_site_root
        if siblings is not None:
            siblings.add(page.slug)
        if positions is not None:
            positions.log_created(parent, page)
        else:
            PageLogEntry.objects.bulk_create([page_log_entry(page)])
    return page


def page_log_entry(page: Page) -> PageLogEntry:
    """The "wagtail.create" entry `Page.save` writes for a new page, to be
    written with one insert (of many): `PageLogEntry.save` would first check
    with a query each that the page and its content type exist, which they
    just did."""
    context = get_active_log_context()
    return PageLogEntry(
        content_type=ContentType.objects.get_for_model(page, for_concrete_model=False),
        label=PageLogEntry.objects.get_instance_title(page),
        action="wagtail.create",
        timestamp=timezone.now(),
        data={},
        user=page.owner if page.owner_id else context.user,
        uuid=context.uuid,
        content_changed=True,
        page=page,
    )


def unique_child_slug(
    parent: Page,
    title: str,
    *,
    taken: set[str] | None = None,
    exclude_pk: int | None = None,
    reserved: Collection[str] = (),
) -> str:
    """The title's slug, or the first of slug-2, slug-3 … that no sibling has.

    Candidates are looked up by exact value, a few at a time, which the
    index on `slug` answers; a prefix match would read every sibling (SQLite
    cannot use an index for it), and a programme may have thousands. Pass
    the siblings' slugs as `taken` when they are known. `exclude_pk` is the
    page being renamed (its own slug is free to keep); `reserved` are slugs
    the parent's own routes use.
    """
    base = danish_slugify(title)
    siblings = parent.get_children().exclude(pk=exclude_pk)
    first = 1
    while True:
        candidates = [
            base if n == 1 else f"{base}-{n}" for n in range(first, first + 10)
        ]
        if taken is not None:
            used = taken.intersection(candidates)
        else:
            used = set(
                siblings.filter(slug__in=candidates).values_list("slug", flat=True)
            )
        for slug in candidates:
            if slug not in used and slug not in reserved:
                return slug
        first += 10


P = TypeVar("P", bound=Page)


def site_home() -> Page:
    """The default site's root page, where the sections (publications,
    examples, an import's programme) hang. Found through the site, not by
    the home page's type: `core` knows no domain app."""
    site = Site.objects.filter(is_default_site=True).select_related("root_page")
    found = site.first()
    if found is None:
        raise RuntimeError("The hub has no default site whose home page holds it.")
    return found.root_page.specific


def section_get_or_create(model: type[P], *, title: str, slug: str) -> P:
    """The first page of `model`, or a new one, in menus, under the home
    page: a section index that the services make on first use."""
    index = model.objects.first()
    if index is None:
        index = model(title=title, slug=slug, show_in_menus=True)
        site_home().add_child(instance=index)
    return index
