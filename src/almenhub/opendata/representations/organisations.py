"""Organisations as the API shows them."""

from __future__ import annotations

from typing import Any

from almenhub.opendata.representations import common as rep
from almenhub.organisations.models import Organisation


def organisation_item(org: Organisation, urls: rep.Urls) -> dict[str, Any]:
    return {
        "id": org.pk,
        "name": org.name,
        "api_url": urls.detail("organisations", org.pk),
        "kind": org.kind,
        "kind_label": org.get_kind_display(),
        "website": org.website,
        "municipality": org.municipality,
        "is_member": org.is_member,
        "description": org.description,
        "projects_api_url": urls.api_list("projects", owner=org.pk),
    }


def organisation_detail(org: Organisation, urls: rep.Urls) -> dict[str, Any]:
    return {
        **organisation_item(org, urls),
        "departments": [
            {
                "name": d.name,
                "number": d.number,
                "address": d.address,
                "postcode": d.postcode,
                "city": d.city,
                "homes": d.homes,
            }
            for d in org.departments.all()
        ],
    }
