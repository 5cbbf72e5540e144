from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.urls import reverse

from almenhub.users.throttle import client_address, login_check


class LoginThrottleMiddleware:
    """Refuse login attempts from a locked (address, user name) pair with 429."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method == "POST" and request.path == reverse("wagtailadmin_login"):
            verdict = login_check(
                address=client_address(request),
                username=request.POST.get("username", "")[:150],
            )
            if not verdict.allowed:
                response = HttpResponse(
                    render_to_string("users/login_locked.html"),
                    status=429,
                    content_type="text/html; charset=utf-8",
                )
                response["Retry-After"] = str(verdict.retry_after)
                return response
        return self.get_response(request)
