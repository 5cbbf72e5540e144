"""Absolute addresses for what leaves the site without a request to build
them from: mails, and the demo's printout."""

from __future__ import annotations

from django.conf import settings


def site_url(path: str) -> str:
    """`path` (from `reverse` or a page's URL) on the site's own address,
    WAGTAILADMIN_BASE_URL."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path
