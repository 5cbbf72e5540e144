"""Site-wide addresses that belong to no domain, and the site's own error
pages."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import (
    BadRequest,
    RequestDataTooBig,
    TooManyFieldsSent,
    TooManyFilesSent,
)
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.templatetags.static import static
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe


@require_safe
@cache_control(public=True, max_age=86400)
def favicon(request: HttpRequest) -> HttpResponseRedirect:
    """Browsers and feed readers ask for /favicon.ico whatever the page says;
    the icon itself is a static file, under its hashed name in production
    (so the redirect is temporary: a new icon gets a new name)."""
    return HttpResponseRedirect(static("favicon.ico"))


@require_safe
@cache_control(public=True, max_age=86400)
def touch_icon(request: HttpRequest) -> HttpResponseRedirect:
    """Phones ask for /apple-touch-icon(-precomposed).png at the root when a
    visitor adds the hub to the home screen; a full 180 px square (the phone
    rounds its corners)."""
    return HttpResponseRedirect(static("apple-touch-icon.png"))


def bad_request_reason(exception: Exception | None) -> str:
    """What was wrong with a request the server could not read, in Danish."""
    if isinstance(exception, TooManyFilesSent):
        return (
            f"Der blev sendt for mange filer på én gang: højst "
            f"{settings.DATA_UPLOAD_MAX_NUMBER_FILES}."
        )
    if isinstance(exception, TooManyFieldsSent):
        return "Formularen havde for mange felter."
    if isinstance(exception, RequestDataTooBig):
        return "Det sendte var for stort."
    if isinstance(exception, BadRequest) and "UTF-8" in str(exception):
        return "En formular skal sendes som UTF-8."
    return "Forespørgslen kunne ikke læses."


def bad_request(
    request: HttpRequest, exception: Exception | None = None
) -> HttpResponse:
    """Django's own 400 view is wrapped in `requires_csrf_token`, which reads
    the form again; for a form it could not read the first time (a charset
    other than UTF-8) that raised once more, and the answer became a 500."""
    return render(
        request, "400.html", {"reason": bad_request_reason(exception)}, status=400
    )
