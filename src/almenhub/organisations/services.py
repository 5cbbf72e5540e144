from __future__ import annotations

import re

from django.db import transaction

from almenhub.organisations.models import Organisation, OrganisationKind
from almenhub.organisations.names import organisation_key

_SPACE = re.compile(r"\s+")


def organisation_find(*, name: str) -> Organisation | None:
    key = organisation_key(name)
    if not key:
        return None
    return Organisation.objects.filter(name_key=key[:200]).order_by("pk").first()


@transaction.atomic
def organisation_get_or_create(
    *, name: str, kind: str = OrganisationKind.OTHER, **fields: str
) -> tuple[Organisation, bool]:
    clean_name = _SPACE.sub(" ", name.replace("\xa0", " ")).strip()
    if not clean_name:
        raise ValueError("En organisation skal have et navn.")
    existing = organisation_find(name=clean_name)
    if existing is not None:
        return existing, False
    org = Organisation(name=clean_name, kind=kind, **fields)
    org.full_clean()
    org.save()
    return org, True
