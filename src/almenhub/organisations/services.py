from __future__ import annotations

import re
import unicodedata

from django.db import transaction

from almenhub.organisations.models import Organisation, OrganisationKind

_SPACE = re.compile(r"\s+")
# Danish company forms, as words after punctuation became spaces ("A/S" is
# "a s"): "Engparken A/S" and "Engparken" are one organisation.
_LEGAL_SUFFIX = re.compile(
    r"(?: (?:a s|aps|i s|k s|p s|ivs|a m b a|amba|f m b a|fmba|s m b a|smba))+$"
)


def normalise_name(name: str) -> str:
    """Key for matching names: case, runs of white space, compatibility forms
    (NFKC: a no-break space is a space) and invisible format characters (a
    zero-width space, a soft hyphen) do not count."""
    text = "".join(
        ch
        for ch in unicodedata.normalize("NFKC", name)
        if unicodedata.category(ch) != "Cf"
    )
    return _SPACE.sub(" ", text).strip().casefold()


def organisation_key(name: str) -> str:
    """Key for matching organisations: normalise_name, and punctuation and a
    trailing company form ("A/S", "ApS", "a.m.b.a.") do not count either."""
    text = "".join(
        " " if unicodedata.category(ch)[0] in "PS" else ch
        for ch in normalise_name(name)
    )
    text = _SPACE.sub(" ", text).strip()
    return _LEGAL_SUFFIX.sub("", text).strip() or text


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
