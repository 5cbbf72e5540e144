"""Snippet choosers that show more than the item's name.

Wagtail's snippet chooser lists `str(item)` only, so two people called
"Mette Holm" or two organisations called "Kronen" look the same; these
columns (organisation and job title, kind and municipality …) tell them apart.
"""

from __future__ import annotations

from wagtail.admin.ui.tables import Column
from wagtail.snippets.views import chooser
from wagtail.snippets.views.chooser import SnippetChooserViewSet


def chooser_with_columns(
    *extra: Column, select_related: tuple[str, ...] = ()
) -> type[SnippetChooserViewSet]:
    """A chooser viewset class (for `SnippetViewSet.chooser_viewset_class`)
    whose results show `extra` after the title column; `select_related`
    names the relations the columns read, so a page of results is one query."""

    class ExtraColumns:
        @property
        def columns(self) -> list[Column]:
            return [*super().columns, *extra]

    class ChooseView(ExtraColumns, chooser.ChooseView):
        pass

    class ChooseResultsView(ExtraColumns, chooser.ChooseResultsView):
        pass

    class ChooserViewSet(SnippetChooserViewSet):
        choose_view_class = ChooseView
        choose_results_view_class = ChooseResultsView

        def get_object_list(self):
            return self.model.objects.select_related(*select_related)

    return ChooserViewSet
