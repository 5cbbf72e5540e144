"""Site-wide addresses that belong to no domain."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponseRedirect
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
