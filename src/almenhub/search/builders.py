"""Turn the hub's pages into search documents.

One generic builder serves every page type: it reads the fields the page
type's `search_kind` declaration names (teaser, themes, status, year, owner,
names) and the text of every rich-text and stream field, so a new page type
becomes searchable by declaring a `SearchKind` on its model.
"""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.html import strip_tags
from wagtail import blocks
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, Site

from almenhub.core.pages.visibility import (
    is_restricted,
    public_pages,
    restricted_paths,
)
from almenhub.search.registry import (
    OWNER_ITSELF,
    DocumentData,
    SearchableKind,
    SearchKind,
    declared_kind,
)

TEXT_SKIP = {"teaser", "title", "draft_title", "seo_title", "search_description"}
# Where one block of rich text ends and the next begins: a word boundary,
# which removing the tags alone would lose ("friarealer</p><p>Velfærd").
_BLOCK_BOUNDARY = re.compile(
    r"<(?:/?(?:p|div|li|ul|ol|h[1-6]|blockquote|pre|table|tr|td|th|section|figure"
    r"|figcaption)\b[^>]*|br\s*/?|hr\s*/?)>",
    re.IGNORECASE,
)


def html_text(source: str) -> str:
    """The text of rich text, with its blocks on lines of their own and its
    entities ("&amp;") as the characters they stand for."""
    return html.unescape(strip_tags(_BLOCK_BOUNDARY.sub("\n", source)))


def _text_of(inner, parts: list[str], *, nested: bool = True) -> None:
    """The text of one block's value: rich text, plain text, and (not
    nested further) the same of a struct's values."""
    if hasattr(inner, "source"):
        parts.append(html_text(inner.source))
    elif isinstance(inner, str):
        parts.append(inner)
    elif nested and hasattr(inner, "values"):
        for item in inner.values():
            _text_of(item, parts, nested=False)


def _holds_no_text(block: blocks.Block, *, nested: bool) -> bool:
    """A block whose value `_text_of` finds no text in, whatever it holds: a
    list (of pages, say), or a chosen object with neither a `source` nor (as
    a stream's own block) `values`. Converting it from what is stored would
    read the objects it names, a query a block type."""
    if isinstance(block, blocks.ListBlock):
        return True
    if isinstance(block, blocks.ChooserBlock):
        model = block.target_model
        return not hasattr(model, "source") and not (
            nested and hasattr(model, "values")
        )
    return False


def _plain_struct(block: blocks.Block) -> bool:
    """A struct block whose value is its children's values as stored (not one
    that makes something else of them, as Wagtail's ImageBlock makes an
    image): the only kind read child by child."""
    kind = type(block)
    return (
        isinstance(block, blocks.StructBlock)
        and kind.to_python is blocks.StructBlock.to_python
        and kind.bulk_to_python is blocks.StructBlock.bulk_to_python
    )


def stream_text(value) -> str:
    """The text of a stream field's blocks, read from what is stored for a
    stream read from the database, without converting the blocks (and the
    values of a struct) that hold no text."""
    parts: list[str] = []
    if not getattr(value, "is_lazy", False):
        for block in value or []:
            _text_of(block.value, parts)
        return "\n".join(p for p in parts if p)
    child_blocks = value.stream_block.child_blocks
    # A block converted already may have been changed in memory since
    # (`stream[i] = …` leaves its stored form as it was): its value is what
    # Wagtail saves, and what is read. Wagtail keeps no public view of it.
    bound = getattr(value, "_bound_blocks", None) or [None] * len(value.raw_data)
    for raw, held in zip(value.raw_data, bound, strict=True):
        if held is not None:
            _text_of(held.value, parts)
            continue
        block = child_blocks.get(raw["type"])
        if block is None or _holds_no_text(block, nested=True):
            continue  # a block type since removed is dropped, as Wagtail drops it
        if not _plain_struct(block):
            _text_of(block.to_python(raw["value"]), parts)
            continue
        stored = raw["value"]
        for name, child in block.child_blocks.items():
            if _holds_no_text(child, nested=False):
                continue
            item = (
                child.to_python(stored[name]) if name in stored else child.get_default()
            )
            _text_of(item, parts, nested=False)
    return "\n".join(p for p in parts if p)


class _TextField(NamedTuple):
    name: str
    kind: type[models.Field]  # StreamField, RichTextField or TextField


@functools.cache
def _text_fields(model: type[Page]) -> tuple[_TextField, ...]:
    """The model's own text fields (stream, rich text, plain), in the order
    of its fields, less those the document holds apart (TEXT_SKIP).

    Worked out once per page type: asking each of a page's hundred-odd
    fields and relations what it is, and reading the value of every
    concrete one (its parent link and foreign keys among them, a query each
    when not fetched), was the builder's slowest part. A page type's
    concrete fields are fixed when its class is made."""
    found = []
    for field in model._meta.get_fields():
        if not getattr(field, "concrete", False) or field.name in TEXT_SKIP:
            continue
        if field.model is Page:
            continue
        for kind in (StreamField, RichTextField, models.TextField):
            if isinstance(field, kind):
                found.append(_TextField(field.name, kind))
                break
    return tuple(found)


def page_body_text(page: Page, spec: SearchKind) -> str:
    parts: list[str] = []
    for field in _text_fields(type(page)):
        if field.name == spec.teaser:
            continue
        value = getattr(page, field.name, None)
        if field.kind is StreamField:
            parts.append(stream_text(value))
        elif field.kind is RichTextField and value:
            parts.append(html_text(value))
        elif field.kind is models.TextField and value:
            parts.append(value)
    parts += relations_text(page, spec)
    return "\n".join(p for p in parts if p)


def relations_text(page: Page, spec: SearchKind) -> list[str]:
    """The text of the rows of the page's text relations (quotes, facts)."""
    parts = []
    for relation in spec.text_relations:
        for item in getattr(page, relation).all():
            for attr in ("title", "heading", "text", "description", "author", "role"):
                text = getattr(item, attr, "")
                if isinstance(text, str) and text:
                    parts.append(text)
    return parts


def page_names(page: Page, spec: SearchKind) -> str:
    """The names the declaration lists: organisations (one or many), plain
    text, and contact links (their person and the person's organisation)."""
    names: list[str] = []
    for name in spec.names:
        value = getattr(page, name, None)
        if value is None or value == "":
            continue
        if isinstance(value, str):
            names.append(value)
        elif hasattr(value, "all"):
            for item in value.all():
                person = getattr(item, "person", None)
                if person is None:
                    names.append(item.name)
                    continue
                names.append(person.name)
                if person.job_title:
                    names.append(person.job_title)
                if person.organisation_id:
                    names.append(person.organisation.name)
        else:
            names.append(value.name)
    return "\n".join(dict.fromkeys(names))


def _themes_with_parents(page: Page, spec: SearchKind) -> list:
    if not spec.themes:
        return []
    found = []
    for theme in getattr(page, spec.themes).all():
        found.append(theme)
        if theme.parent_id:
            found.append(theme.parent)
    return found


def page_themes(page: Page, spec: SearchKind) -> list[str]:
    return list(dict.fromkeys(t.slug for t in _themes_with_parents(page, spec)))


def _name_of(value) -> str:
    if isinstance(value, str):
        return value
    return getattr(value, "name", None) or getattr(value, "title", "") or ""


def page_context(page: Page, spec: SearchKind, programme_title: str = "") -> str:
    """What the page is filed under, in words: its themes' labels (both
    levels), what its declaration names as context (an operations task, a
    series) and its programme's name, so that "biodiversitet" finds the
    pages filed under "Natur og biodiversitet"."""
    labels = [t.name for t in _themes_with_parents(page, spec)]
    for name in spec.context:
        value = getattr(page, name, None)
        if value is None or value == "":
            continue
        if hasattr(value, "all"):
            labels += [_name_of(item) for item in value.all()]
        else:
            labels.append(_name_of(value))
    labels.append(programme_title)
    return "\n".join(dict.fromkeys(label for label in labels if label))


def page_belongs_to(page: Page, spec: SearchKind) -> str:
    """The key of the document the page is shown under: the first page of
    its `belongs_to` relation that has a search kind of its own."""
    if not spec.belongs_to:
        return ""
    value = getattr(page, spec.belongs_to, None)
    if hasattr(value, "all"):
        value = next(iter(sorted(value.all(), key=lambda p: p.pk)), None)
    if value is None:
        return ""
    owner_spec = declared_kind(type(value))
    return f"{owner_spec.kind}:{value.pk}" if owner_spec else ""


def page_owner(page: Page, spec: SearchKind):
    for name in spec.owner:
        owner = page if name == OWNER_ITSELF else getattr(page, name, None)
        if owner is not None:
            return owner
    return None


class ParentPage(NamedTuple):
    pk: int
    is_programme: bool  # see SearchKind.is_programme
    title: str


@dataclass
class PageTree:
    """What documents need from the page tree around their pages, read once
    for a batch of pages: the view restrictions, the sites' root paths (for
    URLs) and each page's parent. Page by page this is four queries or cache
    reads each.
    """

    restricted_paths: tuple[str, ...]
    site_root_paths: list
    # parent's path → the parent, as far as documents need it
    parents: dict[str, ParentPage]

    @classmethod
    def read(cls, pages: Sequence[Page]) -> PageTree:
        steplen = Page.steplen
        parent_paths = {p.path[:-steplen] for p in pages if len(p.path) > steplen}
        parents: dict[str, ParentPage] = {}
        rows = Page.objects.filter(path__in=parent_paths).values_list(
            "path", "pk", "content_type_id", "title"
        )
        for path, pk, type_id, title in rows:
            model = ContentType.objects.get_for_id(type_id).model_class()
            spec = declared_kind(model) if model else None
            parents[path] = ParentPage(pk, bool(spec and spec.is_programme), title)
        return cls(
            restricted_paths=restricted_paths(),
            site_root_paths=Site.get_site_root_paths(),
            parents=parents,
        )

    def is_restricted(self, page: Page) -> bool:
        """Whether a view restriction on the page or an ancestor hides it: the
        rule of Wagtail's `PageQuerySet.public()`, which the rebuild uses."""
        return is_restricted(page, self.restricted_paths)

    def parent(self, page: Page) -> ParentPage | None:
        return self.parents.get(page.path[: -Page.steplen])

    def url(self, page: Page) -> str:
        # Wagtail's own cache of the root paths, filled from the batch's copy.
        page._wagtail_cached_site_root_paths = self.site_root_paths
        return page.get_url() or page.url_path


def build_page(
    page: Page, spec: SearchKind, tree: PageTree | None = None
) -> DocumentData | None:
    """The page's document, or None when the page is not to be found."""
    page = page.specific
    tree = tree or PageTree.read([page])
    if not page.live or tree.is_restricted(page):
        return None
    owner = page_owner(page, spec)
    year = getattr(page, spec.year) if spec.year else None
    parent = tree.parent(page)
    programme = programme_title = ""
    if spec.is_programme:
        programme = str(page.pk)
    elif parent is not None and parent.is_programme:
        programme, programme_title = str(parent.pk), parent.title
    return DocumentData(
        kind=spec.kind,
        object_id=page.pk,
        url=tree.url(page),
        title=page.title,
        teaser=getattr(page, spec.teaser, "") or "" if spec.teaser else "",
        body=page_body_text(page, spec),
        names=page_names(page, spec),
        context=page_context(page, spec, programme_title),
        themes=page_themes(page, spec),
        status=(getattr(page, spec.status) or "") if spec.status else "",
        year=year if isinstance(year, int) else None,
        owner=str(owner.pk) if owner is not None else "",
        owner_name=owner.name if owner is not None else "",
        programme=programme,
        belongs_to=page_belongs_to(page, spec),
        published_at=page.first_published_at,
    )


def build_entry(obj: models.Model, spec: SearchKind) -> DocumentData | None:
    """A register entry's document (an organisation, a person), or None when
    it has no public page to point at. The caller has checked that the
    kind's `public` selector lists it."""
    url = obj.get_absolute_url()  # type: ignore[attr-defined]
    if not url:
        return None
    body = [str(getattr(obj, name, "") or "") for name in spec.body]
    owner = page_owner(obj, spec)  # type: ignore[arg-type]
    return DocumentData(
        kind=spec.kind,
        object_id=obj.pk,
        url=url,
        title=str(getattr(obj, spec.title)),
        teaser=str(getattr(obj, spec.teaser, "") or "") if spec.teaser else "",
        body="\n".join(text for text in body if text),
        names=page_names(obj, spec),  # type: ignore[arg-type]
        context=page_context(obj, spec),  # type: ignore[arg-type]
        owner=str(owner.pk) if owner is not None else "",
        owner_name=owner.name if owner is not None else "",
    )


def build_documents(
    kind: SearchableKind, objects: Sequence[models.Model]
) -> list[DocumentData | None]:
    """The documents of a batch of one kind's objects, in order, with what
    they need read once for the batch: the page tree around pages, or which
    of a register's entries its selector lists."""
    if kind.is_register:
        public = set(
            kind.public_queryset()
            .filter(pk__in=[obj.pk for obj in objects])
            .values_list("pk", flat=True)
        )
        return [
            build_entry(obj, kind.spec) if obj.pk in public else None for obj in objects
        ]
    tree = PageTree.read(objects)  # type: ignore[arg-type]
    return [build_page(obj, kind.spec, tree) for obj in objects]  # type: ignore[arg-type]


def kind_queryset(kind: SearchableKind) -> models.QuerySet:
    """Every object of the kind that may be found (the rebuild's input)."""
    if kind.is_register:
        return kind.public_queryset()
    return public_pages(kind.model._default_manager.all()).specific()


def prefetch_lookups(kind: SearchableKind) -> list[str]:
    """The relations the builder reads for the kind's objects, to be fetched
    for a batch at once: a hundred documents then cost a few queries instead
    of a hundred times ten."""
    spec, meta = kind.spec, kind.model._meta
    lookups: list[str] = []
    named = [*spec.owner, *spec.names, *spec.context, *spec.text_relations]
    if spec.belongs_to:
        named.append(spec.belongs_to)
    for name in dict.fromkeys(named):
        try:
            field = meta.get_field(name)
        except FieldDoesNotExist:
            continue  # a property: nothing to fetch
        if not field.is_relation:
            continue
        related = field.related_model._meta
        if any(f.name == "person" for f in related.get_fields()):
            lookups.append(f"{name}__person__organisation")
        else:
            lookups.append(name)
    if spec.themes:
        try:
            meta.get_field(spec.themes)
            lookups.append(f"{spec.themes}__parent")
        except FieldDoesNotExist:
            pass
    return lookups
