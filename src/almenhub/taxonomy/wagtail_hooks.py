import django_filters
from wagtail.admin.filters import WagtailFilterSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from almenhub.taxonomy.models import Theme


class ThemeFilterSet(WagtailFilterSet):
    # Only main themes can be a parent, so the filter offers only those
    # (a filter on the plain foreign key listed every theme).
    parent = django_filters.ModelChoiceFilter(
        label="Hovedtema", queryset=Theme.objects.parents()
    )

    class Meta:
        model = Theme
        fields = ["parent"]


class ThemeViewSet(SnippetViewSet):
    model = Theme
    icon = "tag"
    menu_label = "Temaer"
    menu_order = 200
    add_to_admin_menu = True
    list_display = ["name", "parent", "slug", "sort_order"]
    filterset_class = ThemeFilterSet
    ordering = ["parent__sort_order", "parent__name", "sort_order", "name"]


register_snippet(ThemeViewSet)
