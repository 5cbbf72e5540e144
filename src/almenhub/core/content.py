"""Which apps hold the content that the public pages and the open data are
made of: an app says so in its AppConfig (`public_content = True`), so a new
content app needs no list edited elsewhere; Wagtail's own are named here.
A model of such an app that holds only what is derived from the content (an
index, its vocabulary) says `public_content = False` on its class: writing it
retires no cached page."""

from __future__ import annotations

import functools

from django.apps import apps

# wagtailsearchpromotions: an editor's promoted result is shown on the search
# page, so a cached copy of that page must go when a promotion changes.
WAGTAIL_CONTENT_APPS = frozenset(
    {"wagtailcore", "wagtailimages", "wagtaildocs", "wagtailsearchpromotions"}
)


@functools.cache
def content_app_labels() -> frozenset[str]:
    ours = {
        config.label
        for config in apps.get_app_configs()
        if getattr(config, "public_content", False)
    }
    return WAGTAIL_CONTENT_APPS | ours


# Wagtail's records about content, not content: what they hold is on no
# public page (a rendition is made while a page renders, for that page).
WAGTAIL_BOOKKEEPING = frozenset(
    {
        "Revision",
        "PageLogEntry",
        "ModelLogEntry",
        "ReferenceIndex",
        "WorkflowState",
        "TaskState",
        "PageSubscription",
        "Comment",
        "CommentReply",
        "UploadedFile",
        "Rendition",
        "QueryDailyHits",  # search promotions' hit counter
    }
)


def is_public_content(model: type) -> bool:
    """Whether a change to a row of `model` may change what the public sees."""
    return (
        model._meta.app_label in content_app_labels()
        and model.__name__ not in WAGTAIL_BOOKKEEPING
        and getattr(model, "public_content", True)
    )
