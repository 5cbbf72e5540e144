from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.urls import reverse

from almenhub.core.ratelimit import Decision, client_address
from almenhub.users.throttle import login_check, password_reset_hit


def _refusal(template: str, decision: Decision) -> HttpResponse:
    response = HttpResponse(
        render_to_string(template, {"retry_minutes": -(-decision.retry_after // 60)}),
        status=429,
        content_type="text/html; charset=utf-8",
    )
    response["Retry-After"] = str(decision.retry_after)
    return response


class LoginThrottleMiddleware:
    """Refuse login attempts from a locked (address, user name) pair, and
    password-reset mails past their allowance, with 429."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method == "POST":
            if request.path == reverse("wagtailadmin_login"):
                decision = login_check(
                    address=client_address(request),
                    username=request.POST.get("username", ""),
                )
                if decision is not None:
                    return _refusal("users/login_locked.html", decision)
            elif request.path == reverse("wagtailadmin_password_reset"):
                decision = password_reset_hit(
                    address=client_address(request),
                    email=request.POST.get("email", "")[:254],
                )
                if decision is not None:
                    return _refusal("users/password_reset_limited.html", decision)
        return self.get_response(request)
