from __future__ import annotations

from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from almenhub.members import admin_views

admin_urls = (
    [path("", admin_views.membership_queue, name="queue")],
    "members_admin",
)


@hooks.register("register_admin_urls")
def register_member_admin_urls():
    return [path("medlemmer/", include(admin_urls))]


class _QueueItem(MenuItem):
    def is_shown(self, request) -> bool:
        return request.user.has_perm(admin_views.PERMISSION)


@hooks.register("register_admin_menu_item")
def membership_queue_menu_item():
    return _QueueItem(
        "Medlemsanmodninger",
        reverse("members_admin:queue"),
        icon_name="group",
        order=9000,
    )
