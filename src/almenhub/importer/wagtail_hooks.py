from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from almenhub.importer.selectors import (
    default_programme_allowed,
    programmes_user_can_import_into,
)


class ImportMenuItem(MenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        user = request.user
        return (
            default_programme_allowed(user)
            or programmes_user_can_import_into(user).exists()
        )


@hooks.register("register_admin_menu_item")
def register_import_menu_item() -> MenuItem:
    return ImportMenuItem(
        "Importér sider",
        reverse("importer:upload"),
        name="importer",
        icon_name="upload",
        order=900,
    )
