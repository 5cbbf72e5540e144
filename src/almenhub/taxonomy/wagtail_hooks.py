from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from almenhub.taxonomy.models import Theme


class ThemeViewSet(SnippetViewSet):
    model = Theme
    icon = "tag"
    menu_label = "Temaer"
    menu_order = 200
    add_to_admin_menu = True
    list_display = ["name", "parent", "slug", "sort_order"]
    list_filter = ["parent"]
    ordering = ["parent__sort_order", "parent__name", "sort_order", "name"]


register_snippet(ThemeViewSet)
