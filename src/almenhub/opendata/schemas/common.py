"""What every collection's schemas are built from: the parameter types, the
answer bases, the shared references and the list envelope.

Query parameters are optional without being nullable: their type is the
value's own and their default (None, never validated) is left out of the
schema, so that neither a client nor a generated test sends "null" for one.
Items of a list or a detail answer may be cut down with `fields=`, so their
keys are documented as optional.
"""

from __future__ import annotations

import datetime
import re
from typing import Annotated, Any

from django.utils import timezone
from ninja import Schema
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    create_model,
)
from pydantic_core import PydanticCustomError

MAX_ID = 2_147_483_647
MAX_PAGE = 100_000
MAX_PAGE_SIZE = 100
DEFAULT_PAGE_SIZE = 20

Id = Annotated[int, Field(ge=1, le=MAX_ID)]
Year = Annotated[int, Field(ge=1900, le=2100)]
Slug = Annotated[str, Field(min_length=1, max_length=140, pattern=r"^[-a-zA-Z0-9_]+$")]
Text = Annotated[str, Field(min_length=1, max_length=100, pattern=r"^[^\x00-\x1f]+$")]
FieldList = Annotated[str, Field(max_length=1000, pattern=r"^[a-z_, ]*$")]


def _storable(value: datetime.datetime) -> datetime.datetime:
    """A time the database can compare with: ISO 8601 allows 0001-01-01 at
    +01:00, but in UTC (as the database keeps it) that is before year 1."""
    try:
        if timezone.is_naive(value):
            value = timezone.make_aware(value)
        return value.astimezone(datetime.UTC)
    except (OverflowError, ValueError) as error:
        raise PydanticCustomError(
            "datetime_range", "must lie between year 1 and 9999 in UTC"
        ) from error


_ISO_MOMENT = re.compile(
    r"\d{4}-\d{2}-\d{2}([Tt ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([Zz]|[+-]\d{2}:?\d{2})?)?"
)


def _iso_text(value: Any) -> Any:
    """Only ISO 8601 text: pydantic would also read a number ("0.5", "1700000000")
    as seconds since 1970, which the schema's date-time does not allow."""
    if isinstance(value, str) and not _ISO_MOMENT.fullmatch(value):
        raise PydanticCustomError("datetime_parsing", "not an ISO 8601 time")
    return value


# A point in time given as a query parameter.
Moment = Annotated[
    datetime.datetime, BeforeValidator(_iso_text), AfterValidator(_storable)
]


def _without_default(schema: dict[str, Any]) -> None:
    schema.pop("default", None)


def optional(description: str) -> Any:
    return Field(None, description=description, json_schema_extra=_without_default)


class Out(BaseModel):
    """An answer's shape. Plain pydantic: answers are built as dicts, so
    ninja's reading of model attributes is not needed (and costs time)."""


def _keys_optional(schema: dict[str, Any]) -> None:
    schema.pop("required", None)


class Selectable(Out):
    """An item whose keys can be chosen with `fields=`."""

    model_config = ConfigDict(json_schema_extra=_keys_optional)


# -- errors -------------------------------------------------------------------


class ParameterError(Out):
    parameter: str
    message: str


class ErrorOut(Out):
    detail: str = Field(description="Hvad der gik galt, på dansk.")
    errors: list[ParameterError] = Field(
        default_factory=list, description="Fejl pr. parameter, når der er flere."
    )


# -- shared parts -------------------------------------------------------------


class ThemeRef(Out):
    slug: str
    name: str
    parent: str | None = Field(
        description="Hovedtemaets kortnavn; tom for et hovedtema."
    )


class OrganisationRef(Out):
    id: int
    name: str
    api_url: str


class PageRef(Out):
    id: int
    title: str
    url: str


class Contact(Out):
    """Kun personer, der har sagt ja til at vise deres kontaktoplysninger."""

    name: str
    job_title: str
    organisation: OrganisationRef | None
    email: str
    phone: str


# -- query parameters ---------------------------------------------------------


def fields_choice() -> Any:
    """`fields=`, on every list and detail."""
    return optional("Kommaseparerede felter, der skal med, fx `id,title,url`.")


def updated_since_filter() -> Any:
    """The `updated_since` filter every page collection offers."""
    return optional("Kun sider offentliggjort siden dette tidspunkt (ISO 8601).")


def theme_filter() -> Any:
    """The `theme` filter of the collections that carry themes."""
    return optional("Temaets kortnavn; et hovedtema tager sine undertemaer med.")


class Paging(Schema):
    page: Annotated[int, Field(ge=1, le=MAX_PAGE)] = Field(
        1, description="Sidenummer, fra 1."
    )
    page_size: Annotated[int, Field(ge=1, le=MAX_PAGE_SIZE)] = Field(
        DEFAULT_PAGE_SIZE, description=f"Antal pr. side, højst {MAX_PAGE_SIZE}."
    )
    fields: FieldList = fields_choice()


class FieldChoice(Schema):
    fields: FieldList = fields_choice()


# -- the list envelope ----------------------------------------------------------


def page_of(item: type[Out]) -> type[Out]:
    """The page-number envelope around a list of `item`."""
    return create_model(
        f"{item.__name__.removesuffix('Out')}List",
        __base__=Out,
        count=(int, Field(description="Antal i alt med de valgte filtre.")),
        next=(str | None, Field(description="Næste side, eller null.")),
        previous=(str | None, Field(description="Forrige side, eller null.")),
        results=(list[item], ...),  # type: ignore[valid-type]
    )
