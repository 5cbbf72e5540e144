from wagtail.admin.ui.tables import Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from almenhub.core.choosers import chooser_with_columns
from almenhub.indicators.models import Indicator, PriceIndex, ValueProxy


class IndicatorViewSet(SnippetViewSet):
    model = Indicator
    icon = "table"
    menu_label = "Indikatorer"
    menu_order = 230
    list_display = ["name", "bottom_line", "biodiversity", "unit", "higher_is_better"]
    list_filter = ["bottom_line", "biodiversity", "unit_kind", "higher_is_better"]
    ordering = ["bottom_line", "sort_order", "name"]
    chooser_viewset_class = chooser_with_columns(
        Column("bottom_line", label="Bundlinje", accessor="bottom_line_label"),
        Column("unit", label="Enhed"),
    )


class ValueProxyViewSet(SnippetViewSet):
    model = ValueProxy
    icon = "tag"
    menu_label = "Værdi i kroner"
    menu_order = 231
    list_display = ["indicator", "central", "price_year", "source"]
    ordering = ["indicator__sort_order", "indicator__name"]


class PriceIndexViewSet(SnippetViewSet):
    model = PriceIndex
    icon = "date"
    menu_label = "Prisindeks"
    menu_order = 232
    list_display = ["year", "index", "source"]
    ordering = ["-year"]


class ValueRegisterGroup(SnippetViewSetGroup):
    """The value register's three catalogues under one menu item."""

    items = (IndicatorViewSet, ValueProxyViewSet, PriceIndexViewSet)
    menu_label = "Værdiregister"
    menu_icon = "table"
    menu_order = 230


register_snippet(ValueRegisterGroup)
