from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.urls import reverse

from almenhub.core.ratelimit import Decision, client_address
from almenhub.users.throttle import login_check, password_reset_hit, signup_hit


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
    password-reset and sign-up mails past their allowance, with 429: for the
    admin's forms and the public ones at /konto/ alike, and alike for known
    and unknown addresses."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method == "POST":
            path = request.path
            if path in (reverse("wagtailadmin_login"), reverse("account_login")):
                decision = login_check(
                    address=client_address(request),
                    username=request.POST.get("username")
                    or request.POST.get("login", ""),
                )
                if decision is not None:
                    return _refusal("users/login_locked.html", decision)
            elif path in (
                reverse("wagtailadmin_password_reset"),
                reverse("account_reset_password"),
            ):
                decision = password_reset_hit(
                    address=client_address(request),
                    email=request.POST.get("email", "")[:254],
                )
                if decision is not None:
                    return _refusal("users/password_reset_limited.html", decision)
            elif path == reverse("account_signup"):
                decision = signup_hit(
                    address=client_address(request),
                    email=request.POST.get("email", "")[:254],
                )
                if decision is not None:
                    return _refusal("users/signup_limited.html", decision)
        return self.get_response(request)
