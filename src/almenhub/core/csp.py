"""Content-Security-Policy, Permissions-Policy and Content-Language on every
response.

Two policies, chosen by path:

- The public site allows scripts from our own origin only: no inline script
  anywhere, so an injected `<script>` cannot run. JSON data blocks
  (`<script type="application/json">`, JSON-LD) are not executed and so are
  not affected.
- The Wagtail admin (and Django's admin) also allows inline scripts. Wagtail
  8's templates and widgets write them with per-page content
  (`new InlinePanel({...})`, `initDateTimeChooser(...)`, chooser set-up), and
  its modal choosers insert HTML whose scripts jQuery executes. A hash cannot
  cover content that changes with every form, and Wagtail puts no nonce on
  them; a middleware that stamped a nonce on every `<script>` in the HTML
  would bless an injected one too, so it would be `'unsafe-inline'` under
  another name. What stays strict there: no script, frame or connection to
  another origin, no `eval`, no plugins, no `<base>` hijack, and framing by
  our own origin only (the editor's live preview is an iframe of the admin).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.urls import NoReverseMatch, reverse

PUBLIC_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; "
    "frame-ancestors 'none'; base-uri 'self'; form-action 'self'; "
    "object-src 'none'"
)
ADMIN_POLICY = (
    "default-src 'self'; script-src 'self' 'unsafe-inline'; "
    "style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
    "font-src 'self' data:; connect-src 'self'; frame-src 'self'; "
    "frame-ancestors 'self'; base-uri 'self'; form-action 'self'; "
    "object-src 'none'"
)
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=()"


@cache
def admin_prefixes() -> tuple[str, ...]:
    """Where the two admins are mounted, read from the URL configuration."""
    prefixes = []
    for name in ("wagtailadmin_home", "admin:index"):
        try:
            prefixes.append(reverse(name))
        except NoReverseMatch:
            continue
    return tuple(prefixes)


def is_admin_path(path: str) -> bool:
    return path.startswith(admin_prefixes())


class SecurityHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        admin = is_admin_path(request.path)
        # Wagtail renders a preview by sending a stand-in request for the
        # page's public address through the middleware; the result is shown
        # in the editor's preview panel, a frame of the admin.
        framed_by_admin = admin or getattr(request, "is_dummy", False)
        if admin:
            policy = settings.CONTENT_SECURITY_POLICY_ADMIN
        elif framed_by_admin:
            policy = settings.CONTENT_SECURITY_POLICY.replace(
                "frame-ancestors 'none'", "frame-ancestors 'self'"
            )
        else:
            policy = settings.CONTENT_SECURITY_POLICY
        if policy and "Content-Security-Policy" not in response:
            response["Content-Security-Policy"] = policy
        if framed_by_admin and response.get("X-Frame-Options") == "DENY":
            response["X-Frame-Options"] = "SAMEORIGIN"
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        # One language for the site (there is no LocaleMiddleware to say so).
        response.setdefault("Content-Language", settings.LANGUAGE_CODE)
        return response
