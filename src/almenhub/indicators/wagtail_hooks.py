from wagtail.admin.ui.tables import Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from almenhub.core.choosers import chooser_with_columns
from almenhub.indicators.models import Indicator


class IndicatorViewSet(SnippetViewSet):
    model = Indicator
    icon = "table"
    menu_label = "Indikatorer"
    menu_order = 230
    add_to_admin_menu = True
    list_display = ["name", "bottom_line", "biodiversity", "unit", "higher_is_better"]
    list_filter = ["bottom_line", "biodiversity", "unit_kind", "higher_is_better"]
    ordering = ["bottom_line", "sort_order", "name"]
    chooser_viewset_class = chooser_with_columns(
        Column("bottom_line", label="Bundlinje", accessor="bottom_line_label"),
        Column("unit", label="Enhed"),
    )


register_snippet(IndicatorViewSet)
