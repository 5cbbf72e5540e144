"""The read-only REST API, /api/v1/.

Views are thin: a selector reads, a representation shapes, `listing`
paginates and cuts to `fields=`. Endpoints for examples, indicators and
meetings exist only when those apps' models do.
"""

from __future__ import annotations

import logging
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI, Path, Query, Router
from ninja.errors import HttpError, ValidationError

from almenhub.opendata import api_pages, selectors
from almenhub.opendata import representations as rep
from almenhub.opendata import schemas as s
from almenhub.opendata.http import error_response
from almenhub.opendata.listing import detail_response, list_response, render_json
from almenhub.opendata.params import (
    parameter_errors,
    reject_unknown_parameters,
    validation_detail,
)
from almenhub.opendata.searching import search_params_schema, search_payload
from almenhub.opendata.vocabularies import vocabularies_apply

DESCRIPTION = """\
almenhubs viden som åbne data: projekter, programmer, publikationer,
eksempler med indikatorværdier, indikatorer, møder, nyheder, temasider,
indholdssider, organisationer, temaer og søgning med de samme filtre som
søgesiden.

* Kun læsning (GET). Svar er JSON; fejl er JSON med `detail`.
* Lister har sidetal: `page` og `page_size` (højst 100) og svarer med
  `count`, `next`, `previous` og `results`, altid i samme rækkefølge (id).
* `fields=id,title,url` giver kun de felter.
* Ukendte parametre og ugyldige værdier giver 400 med en forklaring.
* Svar har `ETag` og `Last-Modified`; send `If-None-Match` eller
  `If-Modified-Since` for at få 304.
* Højst et antal forespørgsler pr. minut pr. klient; derover 429 med
  `Retry-After`.
* Kontaktpersoner kommer kun med, når de har sagt ja til at blive vist.
  Tilmeldinger til møder er persondata og er aldrig med.
"""

logger = logging.getLogger(__name__)

ERRORS: dict[int, Any] = {400: s.ErrorOut, 404: s.ErrorOut, 429: s.ErrorOut}


def _list(item: type[s.Out]) -> dict[int, Any]:
    return {200: s.page_of(item), **ERRORS}


def _detail(item: type[s.Out]) -> dict[int, Any]:
    return {200: item, **ERRORS}


class HubAPI(NinjaAPI):
    def get_openapi_schema(self, *args: Any, **kwargs: Any) -> dict[str, Any]:
        # The vocabularies are data: read when the document is asked for.
        return vocabularies_apply(super().get_openapi_schema(*args, **kwargs))


api = HubAPI(
    title="almenhub API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="opendata:api-v1",
    openapi_url="openapi.json",
    docs_url=None,  # the human-readable page is our own, in Danish
)
api.add_decorator(reject_unknown_parameters, mode="view")


@api.exception_handler(ValidationError)
def _invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    errors = parameter_errors(exc.errors)
    return error_response(400, validation_detail(errors), errors=errors)


@api.exception_handler(selectors.UnknownValue)
def _unknown_value(request: HttpRequest, exc: selectors.UnknownValue) -> HttpResponse:
    return error_response(400, str(exc))


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    return error_response(exc.status_code, str(exc))


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return error_response(404, "Ikke fundet.")


@api.exception_handler(Exception)
def _server_error(request: HttpRequest, exc: Exception) -> HttpResponse:
    logger.error("API-fejl ved %s", request.get_full_path(), exc_info=exc)
    return error_response(500, "Der opstod en fejl hos almenhub. Prøv igen om lidt.")


# -- projects and programmes ---------------------------------------------------

content = Router()


@content.get(
    "/projects/",
    response=_list(s.ProjectOut),
    url_name="projects",
    summary="Projekter",
    tags=["Projekter"],
)
def project_list(
    request: HttpRequest, filters: Query[s.ProjectFilters], paging: Query[s.Paging]
) -> HttpResponse:
    urls = rep.Urls(request)

    def represent(rows: list) -> list[dict]:
        parents = selectors.parents_by_path(rows)
        return [rep.project_item(p, urls, parents) for p in rows]

    return list_response(
        request,
        selectors.projects(**filters.dict()),
        schema=s.ProjectOut,
        paging=paging,
        represent=represent,
    )


@content.get(
    "/projects/{int:id}/",
    response=_detail(s.ProjectDetailOut),
    url_name="project",
    summary="Et projekt",
    tags=["Projekter"],
)
def project_detail(
    request: HttpRequest, id: Path[s.Id], fields: Query[s.FieldChoice]
) -> HttpResponse:
    urls = rep.Urls(request)
    return detail_response(
        selectors.project(id),
        schema=s.ProjectDetailOut,
        fields=fields.fields,
        represent=lambda page: rep.project_detail(page, urls),
        not_found=f"Projekt {id} findes ikke, eller det er ikke offentligt.",
    )


@content.get(
    "/programmes/",
    response=_list(s.ProgrammeOut),
    url_name="programmes",
    summary="Programmer",
    tags=["Projekter"],
)
def programme_list(
    request: HttpRequest, filters: Query[s.ProgrammeFilters], paging: Query[s.Paging]
) -> HttpResponse:
    urls = rep.Urls(request)
    return list_response(
        request,
        selectors.programmes(**filters.dict()),
        schema=s.ProgrammeOut,
        paging=paging,
        represent=lambda rows: [rep.programme_item(p, urls) for p in rows],
    )


@content.get(
    "/programmes/{int:id}/",
    response=_detail(s.ProgrammeDetailOut),
    url_name="programme",
    summary="Et program",
    tags=["Projekter"],
)
def programme_detail(
    request: HttpRequest, id: Path[s.Id], fields: Query[s.FieldChoice]
) -> HttpResponse:
    urls = rep.Urls(request)
    return detail_response(
        selectors.programme(id),
        schema=s.ProgrammeDetailOut,
        fields=fields.fields,
        represent=lambda page: rep.programme_detail(page, urls),
        not_found=f"Program {id} findes ikke, eller det er ikke offentligt.",
    )


# -- publications ---------------------------------------------------------------


@content.get(
    "/publications/",
    response=_list(s.PublicationOut),
    url_name="publications",
    summary="Publikationer",
    tags=["Publikationer"],
)
def publication_list(
    request: HttpRequest,
    filters: Query[s.PublicationFilters],
    paging: Query[s.Paging],
) -> HttpResponse:
    urls = rep.Urls(request)
    return list_response(
        request,
        selectors.publications(**filters.dict()),
        schema=s.PublicationOut,
        paging=paging,
        represent=lambda rows: [rep.publication_item(p, urls) for p in rows],
    )


@content.get(
    "/publications/{int:id}/",
    response=_detail(s.PublicationDetailOut),
    url_name="publication",
    summary="En publikation",
    tags=["Publikationer"],
)
def publication_detail(
    request: HttpRequest, id: Path[s.Id], fields: Query[s.FieldChoice]
) -> HttpResponse:
    urls = rep.Urls(request)
    return detail_response(
        selectors.publication(id),
        schema=s.PublicationDetailOut,
        fields=fields.fields,
        represent=lambda page: rep.publication_detail(page, urls),
        not_found=f"Publikation {id} findes ikke, eller den er ikke offentlig.",
    )


# -- organisations and themes ---------------------------------------------------


@content.get(
    "/organisations/",
    response=_list(s.OrganisationOut),
    url_name="organisations",
    summary="Organisationer",
    tags=["Organisationer"],
)
def organisation_list(
    request: HttpRequest,
    filters: Query[s.OrganisationFilters],
    paging: Query[s.Paging],
) -> HttpResponse:
    urls = rep.Urls(request)
    return list_response(
        request,
        selectors.organisations(**filters.dict()),
        schema=s.OrganisationOut,
        paging=paging,
        represent=lambda rows: [rep.organisation_item(o, urls) for o in rows],
    )


@content.get(
    "/organisations/{int:id}/",
    response=_detail(s.OrganisationDetailOut),
    url_name="organisation",
    summary="En organisation",
    tags=["Organisationer"],
)
def organisation_detail(
    request: HttpRequest, id: Path[s.Id], fields: Query[s.FieldChoice]
) -> HttpResponse:
    urls = rep.Urls(request)
    return detail_response(
        selectors.organisation(id),
        schema=s.OrganisationDetailOut,
        fields=fields.fields,
        represent=lambda org: rep.organisation_detail(org, urls),
        not_found=f"Organisation {id} findes ikke.",
    )


@content.get(
    "/themes/",
    response=_list(s.ThemeOut),
    url_name="themes",
    summary="Temaer",
    tags=["Temaer"],
)
def theme_list(
    request: HttpRequest, filters: Query[s.ThemeFilters], paging: Query[s.Paging]
) -> HttpResponse:
    urls = rep.Urls(request)
    return list_response(
        request,
        selectors.themes(**filters.dict()),
        schema=s.ThemeOut,
        paging=paging,
        represent=lambda rows: [rep.theme_item(t, urls) for t in rows],
    )


@content.get(
    "/themes/{slug}/",
    response=_detail(s.ThemeOut),
    url_name="theme",
    summary="Et tema",
    tags=["Temaer"],
)
def theme_detail(
    request: HttpRequest, slug: Path[s.Slug], fields: Query[s.FieldChoice]
) -> HttpResponse:
    urls = rep.Urls(request)
    return detail_response(
        selectors.theme(slug),
        schema=s.ThemeOut,
        fields=fields.fields,
        represent=lambda theme: rep.theme_item(theme, urls),
        not_found=f"Temaet “{slug}” findes ikke.",
    )


# -- search -----------------------------------------------------------------------

SearchParams = search_params_schema()


@content.get(
    "/search/",
    response={200: s.SearchOut, **ERRORS},
    url_name="search",
    summary="Søgning",
    description=(
        "Samme parametre, filtre, facetter og rækkefølge som søgesiden /soeg/: "
        "`q`, `type`, `tema`, `status`, `aar`, `ejer`, `program`, `sort`, `side` "
        "(20 pr. side)."
    ),
    tags=["Søgning"],
)
def search(request: HttpRequest, params: Query[SearchParams]) -> HttpResponse:
    data = {k: str(v) for k, v in params.dict().items() if v is not None}
    return render_json(
        s.SearchOut.model_validate(search_payload(request, data)).model_dump(
            mode="json"
        )
    )


api.add_router("", content)


# -- examples, indicators and meetings, when their apps are built -----------------

if selectors.optional_model("examples", "ExamplePage") and selectors.optional_model(
    "indicators", "IndicatorValue"
):
    from almenhub.opendata import api_examples

    api.add_router("", api_examples.router)

if selectors.optional_model("meetings", "MeetingPage"):
    from almenhub.opendata import api_meetings

    api.add_router("", api_meetings.router)

api.add_router("", api_pages.router)
