"""Wagtail's reference index as comparable rows, for tests that check an
index written in bulk against the one Wagtail writes itself."""

from __future__ import annotations

from wagtail.models import ReferenceIndex


def reference_rows() -> list[tuple]:
    """Every row, sorted: (content type, base content type, object id,
    target content type, target id, model path, content path, its hash)."""
    return sorted(
        ReferenceIndex.objects.values_list(
            "content_type_id",
            "base_content_type_id",
            "object_id",
            "to_content_type_id",
            "to_object_id",
            "model_path",
            "content_path",
            "content_path_hash",
        )
    )
