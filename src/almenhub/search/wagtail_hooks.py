from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from almenhub.search import admin_views
from almenhub.search.models import SynonymGroup


class SynonymGroupViewSet(SnippetViewSet):
    model = SynonymGroup
    icon = "list-ul"
    menu_label = "Ordliste"
    list_display = ["__str__", "note"]
    add_to_admin_menu = False


register_snippet(SynonymGroupViewSet)


@hooks.register("register_admin_urls")
def register_search_admin_urls():
    return [path("soegeord/", admin_views.search_queries, name="search_queries_report")]


class _ReportItem(MenuItem):
    def is_shown(self, request) -> bool:
        return request.user.has_perm(admin_views.PERMISSION)


@hooks.register("register_reports_menu_item")
def search_queries_menu_item():
    return _ReportItem(
        "Søgeord",
        reverse("search_queries_report"),
        icon_name="search",
        order=700,
    )


@hooks.register("construct_reports_menu")
def leave_out_wagtails_search_terms(request, menu_items):
    # Wagtail's "Search terms" report counts what its own search views record,
    # which the hub's search does not use: "Søgeord" above is that report.
    menu_items[:] = [item for item in menu_items if item.name != "search-terms"]
