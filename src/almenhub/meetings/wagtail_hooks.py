from __future__ import annotations

from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.widgets import Button
from wagtail.admin.widgets.button import HeaderButton
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from almenhub.meetings import admin_views
from almenhub.meetings.models import Contribution, MeetingPage

admin_urls = (
    [
        path(
            "<id:meeting_id>/deltagere/",
            admin_views.participants,
            name="participants",
        ),
        path(
            "<id:meeting_id>/deltagere.csv",
            admin_views.participants_csv,
            name="participants_csv",
        ),
        path(
            "<id:meeting_id>/fremmoede/",
            admin_views.attendance,
            name="attendance",
        ),
    ],
    "meetings_admin",
)


@hooks.register("register_admin_urls")
def register_meeting_admin_urls():
    return [path("moeder/", include(admin_urls))]


def _can_see_participants(page, user) -> bool:
    return isinstance(page.specific_deferred, MeetingPage) and (
        page.permissions_for_user(user).can_edit()
    )


@hooks.register("register_page_listing_more_buttons")
def meeting_participants_listing_button(page, user, next_url=None):
    if _can_see_participants(page, user):
        yield Button(
            "Deltagere",
            reverse("meetings_admin:participants", args=[page.pk]),
            icon_name="group",
            priority=15,
        )


@hooks.register("register_page_header_buttons")
def meeting_participants_header_button(page, user, view_name, next_url=None):
    if _can_see_participants(page, user):
        yield HeaderButton(
            "Deltagere",
            reverse("meetings_admin:participants", args=[page.pk]),
            icon_name="group",
            priority=12,
        )


class ContributionViewSet(SnippetViewSet):
    model = Contribution
    icon = "doc-full"
    menu_label = "Oplæg"
    menu_order = 250
    add_to_admin_menu = True
    list_display = ["title", "meeting", "presenters", "organisation", "is_highlight"]
    list_filter = ["is_highlight"]
    search_fields = ["title", "presenters", "summary"]
    ordering = ["meeting", "sort_order", "pk"]


register_snippet(ContributionViewSet)
