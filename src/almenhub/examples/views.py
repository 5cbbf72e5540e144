"""Views behind the routes of the examples' index page (see ExampleIndexPage).

Thin: they check who is asking, validate the forms and call the services.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from almenhub.core.listing import PAGE_PARAM, ListingLinks, chosen_filters
from almenhub.core.ratelimit import Decision, RateLimited
from almenhub.examples import services
from almenhub.examples.forms import (
    BuildingBlockFormSet,
    ExampleForm,
    IndicatorValueFormSet,
    building_block_initial,
    example_input,
    value_initial,
)
from almenhub.examples.maps import OUTLINE_SOURCE, MapPoint, clusters, map_svg
from almenhub.examples.models import ExampleIndexPage, ExamplePage
from almenhub.examples.selectors import (
    EXAMPLE_FILTER_PARAMS,
    example_filter_groups,
    example_filters_read,
    examples_filtered,
    examples_for_map,
    member_examples_with_status,
)

EXAMPLES_PER_PAGE = 20

# Anything else (PUT, DELETE, PATCH …) is 405 with an Allow header.
FORM_METHODS = ["GET", "HEAD", "POST"]
READ_METHODS = ["GET", "HEAD"]
BLOCKS_PREFIX = "byggesten"
VALUES_PREFIX = "vaerdier"


def _context(index: ExampleIndexPage, request: HttpRequest, **extra: Any) -> dict:
    return {"page": index, "self": index, "request": request, **extra}


def _filters_context(
    request: HttpRequest, index: ExampleIndexPage, *, located: bool = False
) -> dict:
    """The filters of the list and the map, read from the query string, as
    links with counts: the same on both pages."""
    filters, notices = example_filters_read(request.GET)
    groups = example_filter_groups(index=index, filters=filters, located=located)
    links = ListingLinks.from_query(request.GET, params=EXAMPLE_FILTER_PARAMS)
    links.link_options(groups)
    return {
        "filters": filters,
        "filter_groups": groups,
        "chosen_filters": chosen_filters(groups),
        "filter_notices": notices,
        "links": links,
    }


def example_list_context(request: HttpRequest, *, index: ExampleIndexPage) -> dict:
    """/eksempler/: the examples, filtered and paged."""
    context = _filters_context(request, index)
    examples = examples_filtered(index=index, filters=context["filters"])
    context["examples"] = Paginator(examples, EXAMPLES_PER_PAGE).get_page(
        request.GET.get(PAGE_PARAM)
    )
    context["map_url"] = index.subpage_url("map") + context["links"].filters_query()
    context["submit_url"] = index.subpage_url("submit")
    return context


def _member_gate(request: HttpRequest, index: ExampleIndexPage) -> HttpResponse | None:
    """Log in first; then only staff attached to an organisation may go on."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if request.user.organisation_id is None:
        return render(
            request,
            "examples/member_no_organisation.html",
            _context(index, request),
            status=403,
        )
    return None


def _error_summary(form: ExampleForm, blocks, values) -> list[tuple[str, str]]:
    """(field id, message) for every error, for the summary above the form."""
    errors = []
    for name, messages_ in form.errors.items():
        target = form[name].auto_id if name in form.fields else ""
        errors += [(target, message) for message in messages_]
    for label, formset in (("Byggesten", blocks), ("Værdi", values)):
        errors += [("", message) for message in formset.non_form_errors()]
        for number, row in enumerate(formset.forms, start=1):
            for name, messages_ in row.errors.items():
                target = row[name].auto_id if name in row.fields else ""
                errors += [(target, f"{label} {number} – {m}") for m in messages_]
    return errors


def _render_form(
    request: HttpRequest,
    index: ExampleIndexPage,
    *,
    form: ExampleForm,
    blocks,
    values,
    example: ExamplePage | None = None,
    status: int = 200,
    notice: str = "",
) -> HttpResponse:
    return render(
        request,
        "examples/example_form.html",
        _context(
            index,
            request,
            form=form,
            blocks=blocks,
            values=values,
            example=example,
            errors=_error_summary(form, blocks, values) if form.is_bound else [],
            notice=notice,
            mine_url=index.subpage_url("mine"),
        ),
        status=status,
    )


def _bound_forms(request: HttpRequest, example: ExamplePage | None):
    organisation = request.user.organisation
    block_initial = building_block_initial(example) if example else None
    value_rows = value_initial(example) if example else None
    data = request.POST if request.method == "POST" else None
    form = ExampleForm(data, organisation=organisation, page=example)
    blocks = BuildingBlockFormSet(data, prefix=BLOCKS_PREFIX, initial=block_initial)
    values = IndicatorValueFormSet(data, prefix=VALUES_PREFIX, initial=value_rows)
    return form, blocks, values


def _limit_notice(decision: Decision) -> str:
    minutes = -(-decision.retry_after // 60)
    return (
        f"Du har indsendt {services.SUBMISSIONS_PER_HOUR} gange inden for den "
        f"seneste time. Vent {minutes} minutter, og prøv igen – det, du har "
        "skrevet, står stadig i formularen."
    )


def _save(request, index, *, form, blocks, values, example) -> HttpResponse:
    render_form = partial(
        _render_form,
        request,
        index,
        form=form,
        blocks=blocks,
        values=values,
        example=example,
    )
    if all([form.is_valid(), blocks.is_valid(), values.is_valid()]):
        data = example_input(form, blocks, values)
        try:
            if example is None:
                services.example_submit(index=index, user=request.user, data=data)
            else:
                services.example_resubmit(page=example, user=request.user, data=data)
        except RateLimited as error:
            response = render_form(status=429, notice=_limit_notice(error.decision))
            response["Retry-After"] = str(error.decision.retry_after)
            return response
        except ValidationError as error:
            for field, field_errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, field_errors)
        else:
            messages.success(
                request,
                "Tak! Eksemplet er sendt til redaktionen, som godkender det, "
                "før det bliver offentligt.",
            )
            return redirect(index.subpage_url("mine"))
    return render_form()


@require_http_methods(FORM_METHODS)
def example_submit(request: HttpRequest, *, index: ExampleIndexPage) -> HttpResponse:
    if (gate := _member_gate(request, index)) is not None:
        return gate
    form, blocks, values = _bound_forms(request, None)
    if request.method == "POST":
        return _save(
            request, index, form=form, blocks=blocks, values=values, example=None
        )
    return _render_form(request, index, form=form, blocks=blocks, values=values)


@require_http_methods(FORM_METHODS)
def example_edit(
    request: HttpRequest, *, index: ExampleIndexPage, pk: int
) -> HttpResponse:
    if (gate := _member_gate(request, index)) is not None:
        return gate
    example = services.member_example_get(user=request.user, pk=pk)
    if example is None:
        raise Http404(
            "Eksemplet findes ikke, eller det tilhører en anden organisation."
        )
    form, blocks, values = _bound_forms(request, example)
    if request.method == "POST":
        return _save(
            request, index, form=form, blocks=blocks, values=values, example=example
        )
    return _render_form(
        request, index, form=form, blocks=blocks, values=values, example=example
    )


@require_http_methods(READ_METHODS)
def example_mine(request: HttpRequest, *, index: ExampleIndexPage) -> HttpResponse:
    if (gate := _member_gate(request, index)) is not None:
        return gate
    organisation = request.user.organisation
    return render(
        request,
        "examples/example_mine.html",
        _context(
            index,
            request,
            organisation=organisation,
            rows=[
                (row, index.subpage_url("edit", pk=row.page.pk))
                for row in member_examples_with_status(organisation=organisation)
            ],
            submit_url=index.subpage_url("submit"),
        ),
    )


@require_http_methods(READ_METHODS)
def example_map(request: HttpRequest, *, index: ExampleIndexPage) -> HttpResponse:
    context = _filters_context(request, index, located=True)
    examples = examples_for_map(index=index, filters=context["filters"])
    points = [
        MapPoint(
            title=example.title,
            url=example.get_url(request),
            latitude=example.latitude,
            longitude=example.longitude,
            place=example.municipality or example.organisation.name,
            anchor=f"eksempel-{example.pk}",
            detail=", ".join(
                part
                for part in (example.organisation.name, example.municipality)
                if part
            ),
        )
        for example in examples
    ]
    groups = clusters(points)
    svg = map_svg(
        groups=groups,
        title="Kort over eksempler i Danmark",
        description=(
            f"{len(points)} eksempler vist som prikker på et kort over Danmark. "
            "Hver prik er et link til eksemplet; eksempler, der ligger tæt, er "
            "samlet i en cirkel med deres antal, som fører til dem i listen "
            "under kortet."
        ),
    )
    return render(
        request,
        "examples/example_map.html",
        _context(
            index,
            request,
            map_svg=svg,
            groups=groups,
            point_count=len(points),
            list_url=index.url + context["links"].filters_query(),
            source=OUTLINE_SOURCE,
            **context,
        ),
    )
