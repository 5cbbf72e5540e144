"""What an imported page remembers of where it came from."""

from __future__ import annotations

from django.db import models


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
