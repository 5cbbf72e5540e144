from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from almenhub.indicators.models import Indicator


class IndicatorViewSet(SnippetViewSet):
    model = Indicator
    icon = "table"
    menu_label = "Indikatorer"
    menu_order = 230
    add_to_admin_menu = True
    list_display = ["name", "bottom_line", "biodiversity", "unit", "higher_is_better"]
    list_filter = ["bottom_line", "biodiversity", "unit_kind", "higher_is_better"]
    search_fields = ["name", "definition"]
    ordering = ["bottom_line", "sort_order", "name"]


register_snippet(IndicatorViewSet)
