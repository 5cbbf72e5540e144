"""The read-only REST API, /api/v1/.

Views are thin: a selector reads, a representation shapes, `listing`
paginates and cuts to `fields=`. Endpoints for examples, indicators and
meetings exist only when those apps' models do.
"""

from __future__ import annotations

import logging
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI, Query, Router
from ninja.errors import HttpError, ValidationError

from almenhub.opendata import api_pages, selectors
from almenhub.opendata import representations as rep
from almenhub.opendata import schemas as s
from almenhub.opendata.api_collections import (
    ERRORS,
    Collection,
    items,
    items_with_parents,
    register,
)
from almenhub.opendata.http import error_response
from almenhub.opendata.listing import render_json
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


class HubAPI(NinjaAPI):
    def get_openapi_schema(self, *args: Any, **kwargs: Any) -> dict[str, Any]:
        # The vocabularies are data: read when the document is asked for.
        return vocabularies_apply(super().get_openapi_schema(*args, **kwargs))


api = HubAPI(
    title="almenhub API",
    version="1",
    description=DESCRIPTION,
    urls_namespace=rep.API_NAMESPACE,
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


# -- projects, programmes, publications, organisations and themes -------------

content = Router()

CONTENT = (
    Collection(
        name="project",
        path="/projects/",
        tag="Projekter",
        summary="Projekter",
        detail_summary="Et projekt",
        item=s.ProjectOut,
        detail=s.ProjectDetailOut,
        filters=s.ProjectFilters,
        rows=selectors.projects,
        one=selectors.project,
        represent_rows=items_with_parents(rep.project_item),
        represent_one=rep.project_detail,
        not_found="Projekt {key} findes ikke, eller det er ikke offentligt.",
    ),
    Collection(
        name="programme",
        path="/programmes/",
        tag="Projekter",
        summary="Programmer",
        detail_summary="Et program",
        item=s.ProgrammeOut,
        detail=s.ProgrammeDetailOut,
        filters=s.ProgrammeFilters,
        rows=selectors.programmes,
        one=selectors.programme,
        represent_rows=items(rep.programme_item),
        represent_one=rep.programme_detail,
        not_found="Program {key} findes ikke, eller det er ikke offentligt.",
    ),
    Collection(
        name="publication",
        path="/publications/",
        tag="Publikationer",
        summary="Publikationer",
        detail_summary="En publikation",
        item=s.PublicationOut,
        detail=s.PublicationDetailOut,
        filters=s.PublicationFilters,
        rows=selectors.publications,
        one=selectors.publication,
        represent_rows=items(rep.publication_item),
        represent_one=rep.publication_detail,
        not_found="Publikation {key} findes ikke, eller den er ikke offentlig.",
    ),
    Collection(
        name="organisation",
        path="/organisations/",
        tag="Organisationer",
        summary="Organisationer",
        detail_summary="En organisation",
        item=s.OrganisationOut,
        detail=s.OrganisationDetailOut,
        filters=s.OrganisationFilters,
        rows=selectors.organisations,
        one=selectors.organisation,
        represent_rows=items(rep.organisation_item),
        represent_one=rep.organisation_detail,
        not_found="Organisation {key} findes ikke.",
    ),
    Collection(
        name="theme",
        path="/themes/",
        key="slug",
        tag="Temaer",
        summary="Temaer",
        detail_summary="Et tema",
        item=s.ThemeOut,
        detail=s.ThemeOut,
        filters=s.ThemeFilters,
        rows=selectors.themes,
        one=selectors.theme,
        represent_rows=items(rep.theme_item),
        represent_one=rep.theme_item,
        not_found="Temaet “{key}” findes ikke.",
    ),
)
for collection in CONTENT:
    register(content, collection, module=__name__)


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
    from almenhub.opendata import api_examples, api_value

    api.add_router("", api_examples.router)
    api.add_router("", api_value.router)

if selectors.optional_model("meetings", "MeetingPage"):
    from almenhub.opendata import api_meetings

    api.add_router("", api_meetings.router)

api.add_router("", api_pages.router)
