from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from almenhub.organisations.selectors import organisation_pages, public_organisations


def organisation_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """An organisation's page: what it owns, takes part in and has shown."""
    org = get_object_or_404(public_organisations(), slug=slug)
    return render(
        request,
        "organisations/organisation_detail.html",
        {"organisation": org, "profile": org, "pages": organisation_pages(org)},
    )
