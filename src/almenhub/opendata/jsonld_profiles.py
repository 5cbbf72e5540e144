"""schema.org JSON-LD for the public pages of people and organisations: a
ProfilePage whose main entity is the Person or the Organization, with only
what the page shows (a person has a page only while their details may be
shown)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from almenhub.opendata.jsonld import CONTEXT, absolute_url, clean


def _profile_page(url: str, entity: dict[str, Any]) -> dict[str, Any]:
    return {
        "@context": CONTEXT,
        "@type": "ProfilePage",
        "url": url,
        "inLanguage": "da",
        "mainEntity": clean({**entity, "url": url}),
    }


def person_data(person: Any, request: HttpRequest) -> dict[str, Any]:
    """A ProfilePage whose main entity is the Person: only what the page
    shows (a person has a page only while their details may be shown)."""
    org = person.organisation
    works_for = None
    if org is not None:
        org_url = org.get_absolute_url()
        works_for = clean(
            {
                "@type": "Organization",
                "name": org.name,
                "url": absolute_url(request, org_url) if org_url else None,
            }
        )
    return _profile_page(
        absolute_url(request, person.get_absolute_url()),
        {
            "@type": "Person",
            "name": person.name,
            "jobTitle": person.job_title,
            "email": person.public_email,
            "telephone": person.public_phone,
            "worksFor": works_for,
        },
    )


def organisation_data(org: Any, request: HttpRequest) -> dict[str, Any]:
    address = None
    if org.municipality:
        address = {
            "@type": "PostalAddress",
            "addressLocality": org.municipality,
            "addressCountry": "DK",
        }
    return _profile_page(
        absolute_url(request, org.get_absolute_url()),
        {
            "@type": "Organization",
            "name": org.name,
            "sameAs": [org.website] if org.website else None,
            "description": org.description,
            "address": address,
        },
    )
