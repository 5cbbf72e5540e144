"""Which apps hold the content that the public pages and the open data are
made of: an app says so in its AppConfig (`public_content = True`), so a new
content app needs no list edited elsewhere; Wagtail's own are named here."""

from __future__ import annotations

import functools

from django.apps import apps

WAGTAIL_CONTENT_APPS = frozenset({"wagtailcore", "wagtailimages", "wagtaildocs"})


@functools.cache
def content_app_labels() -> frozenset[str]:
    ours = {
        config.label
        for config in apps.get_app_configs()
        if getattr(config, "public_content", False)
    }
    return WAGTAIL_CONTENT_APPS | ours
