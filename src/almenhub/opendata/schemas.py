"""The API's input and output schemas; the OpenAPI document is built from them.

Query parameters are optional without being nullable: their type is the
value's own and their default (None, never validated) is left out of the
schema, so that neither a client nor a generated test sends "null" for one.
Items of a list or a detail answer may be cut down with `fields=`, so their
keys are documented as optional.
"""

from __future__ import annotations

import datetime
import re
from typing import Annotated, Any, Literal

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

from almenhub.projects.models import ProjectStatus

MAX_ID = 2_147_483_647
MAX_PAGE = 100_000
MAX_PAGE_SIZE = 100
DEFAULT_PAGE_SIZE = 20

Id = Annotated[int, Field(ge=1, le=MAX_ID)]
Year = Annotated[int, Field(ge=1900, le=2100)]
Slug = Annotated[str, Field(min_length=1, max_length=140, pattern=r"^[-a-zA-Z0-9_]+$")]
Text = Annotated[str, Field(min_length=1, max_length=100, pattern=r"^[^\x00-\x1f]+$")]
FieldList = Annotated[str, Field(max_length=1000, pattern=r"^[a-z_, ]*$")]
# A project's status, as the model declares them (ProjectStatus).
ProjectStatusValue = Literal[tuple(ProjectStatus.values)]  # type: ignore[valid-type]


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


class Paging(Schema):
    page: Annotated[int, Field(ge=1, le=MAX_PAGE)] = Field(
        1, description="Sidenummer, fra 1."
    )
    page_size: Annotated[int, Field(ge=1, le=MAX_PAGE_SIZE)] = Field(
        DEFAULT_PAGE_SIZE, description=f"Antal pr. side, højst {MAX_PAGE_SIZE}."
    )
    fields: FieldList = optional(
        "Kommaseparerede felter, der skal med, fx `id,title,url`."
    )


class FieldChoice(Schema):
    fields: FieldList = optional(
        "Kommaseparerede felter, der skal med, fx `id,title,url`."
    )


class ProjectFilters(Schema):
    theme: Slug = optional("Temaets kortnavn; et hovedtema tager sine undertemaer med.")
    status: ProjectStatusValue = optional("Projektets status.")
    year: Year = optional("Udgivelsesår.")
    owner: Id = optional("Projektejerens organisations-id.")
    participant: Id = optional("En deltagende organisations id.")
    programme: Id = optional("Programmets id.")
    updated_since: Moment = optional(
        "Kun sider offentliggjort siden dette tidspunkt (ISO 8601)."
    )


class ProgrammeFilters(Schema):
    owner: Id = optional("Ejerens organisations-id.")


class PublicationFilters(Schema):
    year: Year = optional("Udgivelsesår.")
    series: Slug = optional("Seriens kortnavn.")
    project: Id = optional("Et projekts id.")
    updated_since: Moment = optional(
        "Kun sider offentliggjort siden dette tidspunkt (ISO 8601)."
    )


class ExampleFilters(Schema):
    theme: Slug = optional("Temaets kortnavn; et hovedtema tager sine undertemaer med.")
    status: Literal["idea", "in_progress", "implemented"] = optional(
        "Eksemplets status."
    )
    task: Slug = optional("Driftsopgavens kortnavn.")
    organisation: Id = optional("Boligorganisationens organisations-id.")
    municipality: Text = optional("Kommune, fx Aarhus.")
    indicator: Slug = optional(
        "Kun eksempler med værdier for denne indikator (kortnavn)."
    )
    updated_since: Moment = optional(
        "Kun sider offentliggjort siden dette tidspunkt (ISO 8601)."
    )


class IndicatorFilters(Schema):
    bottom_line: Literal["social", "climate_environment", "economic"] = optional(
        "Bundlinje."
    )
    biodiversity: bool = optional(
        "Kun indikatorer for biodiversitet (true) eller uden (false)."
    )


class OrganisationFilters(Schema):
    kind: Literal[
        "housing",
        "association",
        "municipality",
        "company",
        "education",
        "network",
        "other",
    ] = optional("Organisationstype.")
    municipality: Text = optional("Kommune, fx Aarhus.")
    member: bool = optional(
        "Kun foreningens medlemmer (true) eller kun ikke-medlemmer (false)."
    )


class ThemeFilters(Schema):
    parent: Slug = optional("Kun undertemaer til dette hovedtema (kortnavn).")
    top_level: bool = optional("Kun hovedtemaer (true) eller kun undertemaer (false).")


# -- projects and programmes ---------------------------------------------------


class ProjectOut(Selectable):
    id: int
    title: str
    url: str = Field(description="Projektsiden på almenhub.")
    api_url: str
    teaser: str
    status: ProjectStatusValue | None = Field(
        description="Projektets status; null, når siden ikke oplyser den."
    )
    status_label: str
    year: int | None = Field(description="Udgivelsesår.")
    owner: OrganisationRef | None
    programme: PageRef | None
    themes: list[ThemeRef]
    first_published_at: datetime.datetime | None
    last_published_at: datetime.datetime | None


class Deliverable(Out):
    title: str
    kind: str
    kind_label: str
    description: str
    url: str
    publication_id: int | None


class Quote(Out):
    text: str
    author: str
    role: str


class Fact(Out):
    heading: str
    text: str


class ProjectDetailOut(ProjectOut):
    participants: list[OrganisationRef]
    participants_text: str
    contacts: list[Contact]
    body_html: str
    deliverables: list[Deliverable]
    quotes: list[Quote]
    facts: list[Fact]
    related_projects: list[PageRef]
    publications: list[PageRef]


class ProgrammeOut(Selectable):
    id: int
    title: str
    url: str
    api_url: str
    projects_api_url: str
    teaser: str
    owner: OrganisationRef | None
    first_published_at: datetime.datetime | None
    last_published_at: datetime.datetime | None


class ProgrammeDetailOut(ProgrammeOut):
    intro_html: str


# -- publications ---------------------------------------------------------------


class SeriesRef(Out):
    slug: str
    name: str


class PublicationOut(Selectable):
    id: int
    title: str
    url: str
    api_url: str
    teaser: str
    series: SeriesRef | None
    year: int | None
    document_url: str | None = Field(description="Publikationens fil (PDF).")
    prepared_by: str
    prepared_for: str
    photos: str
    rights: str
    funders: str
    layout: str
    isbn: str
    projects: list[PageRef]
    first_published_at: datetime.datetime | None
    last_published_at: datetime.datetime | None


class PublicationDetailOut(PublicationOut):
    body_html: str


# -- organisations and themes ---------------------------------------------------


class Department(Out):
    name: str
    number: str
    address: str
    postcode: str
    city: str
    homes: int | None


class OrganisationOut(Selectable):
    id: int
    name: str
    api_url: str
    kind: str
    kind_label: str
    website: str
    municipality: str
    is_member: bool = Field(description="Organisationen er medlem af foreningen.")
    description: str
    projects_api_url: str


class OrganisationDetailOut(OrganisationOut):
    departments: list[Department]


class ThemeOut(Selectable):
    id: int
    slug: str
    name: str
    full_name: str
    parent: str | None
    description: str
    children: list[str]
    url: str
    api_url: str
    projects_api_url: str


# -- examples and indicators ----------------------------------------------------


class IndicatorValueOut(Out):
    indicator: str = Field(description="Indikatorens kortnavn.")
    indicator_name: str
    bottom_line: str
    unit: str
    value: float
    period_start: datetime.date
    period_end: datetime.date
    year: int
    method: str
    method_label: str
    source: str


class TaskRef(Out):
    slug: str
    name: str


class ExampleOut(Selectable):
    id: int
    title: str
    url: str
    api_url: str
    teaser: str
    organisation: OrganisationRef
    department: str
    municipality: str
    latitude: float | None
    longitude: float | None
    task: TaskRef
    status: str
    status_label: str
    themes: list[ThemeRef]
    values: list[IndicatorValueOut]
    first_published_at: datetime.datetime | None
    last_published_at: datetime.datetime | None


class BuildingBlock(Out):
    title: str
    description: str


class ExampleDetailOut(ExampleOut):
    what_was_done_html: str
    results_html: str
    lessons_html: str
    building_blocks: list[BuildingBlock]
    contacts: list[Contact]


class SectorFigures(Out):
    examples: int
    values: int
    total: float | None = Field(
        description="Tom for procenter, der ikke kan lægges sammen."
    )


class IndicatorOut(Selectable):
    id: int
    slug: str
    name: str
    api_url: str
    bottom_line: str
    bottom_line_label: str
    biodiversity: bool
    unit: str
    unit_kind: str
    higher_is_better: bool
    allow_negative: bool
    definition: str
    how_to_measure: str
    sector: SectorFigures = Field(
        description="Opnåede værdier fra offentliggjorte eksempler (mål tælles ikke)."
    )


# -- search ---------------------------------------------------------------------


class SearchHit(Out):
    key: str
    type: str = Field(description="Indholdstypen som i parameteren `type`.")
    type_label: str
    id: int
    title: str
    url: str
    teaser: str
    snippet_html: str = Field(description="Uddrag med søgeordene i <mark>.")
    year: int | None
    status: str
    owner: OrganisationRef | None
    programme: int | None
    themes: list[str]
    published_at: datetime.datetime | None


class FacetOptionOut(Out):
    value: str
    label: str
    count: int
    selected: bool
    parent_label: str


class FacetOut(Out):
    param: str
    label: str
    options: list[FacetOptionOut]


class SearchOut(Out):
    query: str
    total: int
    page: int
    per_page: int
    num_pages: int
    next: str | None
    previous: str | None
    dropped_words: list[str] = Field(description="Ord uden træffere, der er udeladt.")
    hits: list[SearchHit]
    facets: list[FacetOut]
    export_csv: str
    export_json: str


def page_of(item: type[Out]) -> type[Out]:
    """The page-number envelope around a list of `item`."""
    return create_model(
        f"{item.__name__.removesuffix('Out')}List",
        __base__=Out,
        count=(int, Field(description="Antal i alt med de valgte filtre.")),
        next=(str | None, Field(description="Næste side, eller null.")),
        previous=(str | None, Field(description="Forrige side, eller null.")),
        results=(list[item], ...),
    )


# -- meetings ---------------------------------------------------------------------


class MeetingSeriesFilters(Schema):
    theme: Slug = optional("Temaets kortnavn; et hovedtema tager sine undertemaer med.")


class MeetingFilters(Schema):
    theme: Slug = optional(
        "Mødeseriens tema (kortnavn); et hovedtema tager sine undertemaer med."
    )
    series: Id = optional("Mødeseriens id.")
    city: Text = optional("By, fx Odense.")
    starts_after: Moment = optional(
        "Kun møder, der starter på eller efter dette tidspunkt (ISO 8601)."
    )
    starts_before: Moment = optional(
        "Kun møder, der starter før dette tidspunkt (ISO 8601)."
    )
    updated_since: Moment = optional(
        "Kun sider offentliggjort siden dette tidspunkt (ISO 8601)."
    )


class MeetingSeriesOut(Selectable):
    id: int
    title: str
    url: str
    api_url: str
    meetings_api_url: str
    teaser: str
    themes: list[ThemeRef]
    co_organisers: list[OrganisationRef]
    project: PageRef | None
    first_published_at: datetime.datetime | None
    last_published_at: datetime.datetime | None


class MeetingSeriesDetailOut(MeetingSeriesOut):
    description_html: str


class MeetingOut(Selectable):
    id: int
    title: str
    url: str
    api_url: str
    teaser: str
    series: PageRef | None
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    city: str
    venue: str
    address: str
    capacity: int
    seats_left: int = Field(description="Ledige pladser; 0 betyder venteliste.")
    price: float
    no_show_fee: float
    currency: Literal["DKK"]
    registration_deadline: datetime.datetime
    registration_open: bool
    max_per_organisation: int | None
    register_url: str
    calendar_url: str
    first_published_at: datetime.datetime | None
    last_published_at: datetime.datetime | None


class ContributionOut(Out):
    title: str
    organisation: OrganisationRef | None
    summary: str
    slides_url: str | None
    is_highlight: bool
    examples: list[PageRef]


class MeetingDetailOut(MeetingOut):
    agenda_html: str
    contact: Contact | None
    contributions: list[ContributionOut]


# -- news, theme pages and content pages -------------------------------------------


class NewsFilters(Schema):
    theme: Slug = optional("Temaets kortnavn; et hovedtema tager sine undertemaer med.")
    year: Year = optional("Nyhedens år.")
    month: Annotated[int, Field(ge=1, le=12)] = optional(
        "Nyhedens måned (1–12). Med `year` den måned det år; alene den "
        "måned i alle år (fx month=12: alle decembernyheder)."
    )
    project: Id = optional("Et relateret projekts id.")
    updated_since: Moment = optional(
        "Kun sider offentliggjort siden dette tidspunkt (ISO 8601)."
    )


class NewsOut(Selectable):
    id: int
    title: str
    url: str = Field(description="Nyheden på almenhub: /nyheder/år/måned/kortnavn/.")
    api_url: str
    date: datetime.date = Field(description="Nyhedens dato.")
    byline: str = Field(description="Skribent, fx “Mette Jensen for …”.")
    teaser: str = Field(description="Manchetten.")
    image_url: str | None
    image_credit: str
    themes: list[ThemeRef]
    related_projects: list[PageRef]
    first_published_at: datetime.datetime | None
    last_published_at: datetime.datetime | None


class NewsDetailOut(NewsOut):
    body_html: str


class ThemePageFilters(Schema):
    theme: Slug = optional("Temaets kortnavn; et hovedtema tager sine undertemaer med.")


class ThemePageOut(Selectable):
    id: int
    title: str
    url: str
    api_url: str
    teaser: str
    themes: list[ThemeRef]
    parent: PageRef | None = Field(description="Den overordnede temaside, hvis nogen.")
    first_published_at: datetime.datetime | None
    last_published_at: datetime.datetime | None


class SectionItemOut(Out):
    title: str
    url: str
    label: str
    teaser: str
    page_id: int | None


class SectionOut(Out):
    heading: str
    kind: Literal["projects", "publications", "tools", "examples"]
    items: list[SectionItemOut]


class ThemePageDetailOut(ThemePageOut):
    intro_html: str
    sections: list[SectionOut]
    subpages: list[PageRef]


class ContentPageFilters(Schema):
    kind: Literal["about", "membership", "contact", "tool", "other"] = optional(
        "Sidetype."
    )


class ContentPageOut(Selectable):
    id: int
    title: str
    url: str
    api_url: str
    kind: Literal["about", "membership", "contact", "tool", "other"]
    kind_label: str
    teaser: str
    themes: list[ThemeRef]
    first_published_at: datetime.datetime | None
    last_published_at: datetime.datetime | None


class ContentPageDetailOut(ContentPageOut):
    body_html: str
    subpages: list[PageRef]
