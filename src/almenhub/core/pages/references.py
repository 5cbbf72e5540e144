"""Wagtail's reference index written for many objects at once; it leans on
two private helpers of ReferenceIndex (see core/tests/test_pages_guards.py)."""

from __future__ import annotations

from collections.abc import Sequence

from django.contrib.contenttypes.models import ContentType
from django.db import connection, models
from wagtail.models import ReferenceIndex


def reference_index_update(objects: Sequence[models.Model]) -> None:
    """`ReferenceIndex.create_or_update_for_object` for many objects at once.

    The same rows, found the same way (Wagtail's own reference extraction),
    but read with one query per model and written with one insert and one
    delete per batch, where object by object it is two or three queries each.
    Call it inside a transaction, as Wagtail asks for its own. It uses two of
    ReferenceIndex's private helpers; test_reference_index_matches_wagtails_own
    checks it against Wagtail's method, so an upgrade that changes them shows.
    """
    references: dict[tuple[int, str], set[tuple]] = {}
    owner_type: dict[tuple[int, str], int] = {}
    known_types: dict[tuple[int, str], set[int]] = {}
    for obj in objects:
        types = [
            ContentType.objects.get_for_model(m, for_concrete_model=False)
            for m in [type(obj), *obj._meta.get_parent_list()]
        ]
        key = (types[-1].pk, str(obj.pk))  # base content type, object id
        references[key] = set(ReferenceIndex._extract_references_from_object(obj))
        owner_type[key] = types[0].pk
        known_types[key] = {t.pk for t in types}
    if not references:
        return

    existing: dict[tuple[int, str], dict[tuple, tuple[int, int]]] = {}
    by_base: dict[int, list[str]] = {}
    for base, object_id in references:
        by_base.setdefault(base, []).append(object_id)
    for base, object_ids in by_base.items():
        rows = ReferenceIndex.objects.filter(
            base_content_type_id=base, object_id__in=object_ids
        ).values_list(
            "id",
            "content_type_id",
            "object_id",
            "to_content_type_id",
            "to_object_id",
            "model_path",
            "content_path",
        )
        for pk, type_id, object_id, *reference in rows:
            existing.setdefault((base, object_id), {})[tuple(reference)] = (
                type_id,
                pk,
            )

    new_rows: list[ReferenceIndex] = []
    stale: list[int] = []
    for key, found in references.items():
        base, object_id = key
        before = existing.get(key, {})
        for to_type, to_id, model_path, content_path in found - before.keys():
            new_rows.append(
                ReferenceIndex(
                    content_type_id=owner_type[key],
                    base_content_type_id=base,
                    object_id=object_id,
                    to_content_type_id=to_type,
                    to_object_id=to_id,
                    model_path=model_path,
                    content_path=content_path,
                    content_path_hash=ReferenceIndex._get_content_path_hash(
                        content_path
                    ),
                )
            )
        # As Wagtail does: a reference recorded under a more specific type
        # than the object's is not this object's to delete.
        stale += [
            pk
            for reference, (type_id, pk) in before.items()
            if reference not in found and type_id in known_types[key]
        ]
    ReferenceIndex.objects.bulk_create(
        new_rows,
        batch_size=500,
        ignore_conflicts=connection.features.supports_ignore_conflicts,
    )
    if stale:
        ReferenceIndex.objects.filter(id__in=stale).delete()
