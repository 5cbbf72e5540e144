"""The demo's organisations, departments and contact people
(content/organisations.toml, content/people.toml)."""

from __future__ import annotations

from almenhub.organisations.models import Department, Organisation
from almenhub.organisations.services import organisation_get_or_create
from almenhub.people.models import Person
from almenhub.people.services import person_upsert

from .files import data_read


def organisations_load() -> dict[str, Organisation]:
    """Every demo organisation by name; departments only for one that has none
    (an organisation with departments is left to its editors)."""
    organisations: dict[str, Organisation] = {}
    for row in data_read("organisations")["organisation"]:
        fields = {k: v for k, v in row.items() if k != "department"}
        org, _ = organisation_get_or_create(**fields)
        departments = row.get("department", [])
        if departments and not org.departments.exists():
            Department.objects.bulk_create(
                Department(organisation=org, **department) for department in departments
            )
        organisations[org.name] = org
    return organisations


def people_rows() -> list[dict]:
    return data_read("people")["person"]


def people_load(organisations: dict[str, Organisation]) -> dict[str, Person]:
    people: dict[str, Person] = {}
    for row in people_rows():
        person, _ = person_upsert(
            name=row["name"],
            job_title=row["job_title"],
            email=row.get("email", ""),
            phone=row.get("phone", ""),
            organisation=organisations[row["organisation"]],
            show_contact_details=row.get("public", True),
        )
        people[row["name"]] = person
    return people


def people_private_hide(organisations: dict[str, Organisation]) -> None:
    """The import publishes the details of every contact with an e-mail or a
    phone; those who have not agreed are hidden again."""
    for row in people_rows():
        if not row.get("public", True):
            person_upsert(
                name=row["name"],
                email=row.get("email", ""),
                organisation=organisations[row["organisation"]],
                show_contact_details=False,
            )
