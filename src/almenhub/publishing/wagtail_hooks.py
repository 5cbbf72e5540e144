from __future__ import annotations

from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.widgets import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from almenhub.publishing import admin_views
from almenhub.publishing.models import PublicationDraft
from almenhub.publishing.services import draft_state

admin_urls = (
    [
        path("<id:pk>/", admin_views.status, name="status"),
        path("<id:pk>/status.json", admin_views.status_json, name="status_json"),
        path("<id:pk>/kompiler/", admin_views.compile_draft, name="compile"),
        path("<id:pk>/hent-eksempler/", admin_views.fill_from_series, name="fill"),
    ],
    "publishing_admin",
)


@hooks.register("register_admin_urls")
def register_publishing_admin_urls():
    return [path("publikationsbygger/", include(admin_urls))]


class PublicationDraftViewSet(SnippetViewSet):
    model = PublicationDraft
    icon = "doc-full-inverse"
    menu_label = "Publikationsbygger"
    menu_order = 260
    add_to_admin_menu = True
    # One column says where a draft stands (the stored job status alone said
    # "Ikke kompileret" beside a compiled date, and "Færdig" after an edit).
    list_display = [
        "title",
        "meeting_series",
        Column(
            "build_state",
            label="Status",
            accessor=lambda draft: draft_state(draft=draft).label,
        ),
    ]
    search_fields = ["title", "intro"]


register_snippet(PublicationDraftViewSet)


@hooks.register("register_snippet_listing_buttons")
def publication_draft_compile_button(snippet, user, next_url=None):
    if isinstance(snippet, PublicationDraft) and user.has_perm(
        admin_views.CHANGE_PERMISSION
    ):
        yield Button(
            "Kompilér",
            reverse("publishing_admin:status", args=[snippet.pk]),
            icon_name="doc-full-inverse",
            priority=5,
        )
