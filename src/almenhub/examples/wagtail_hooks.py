from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from almenhub.examples.models import ExampleIndexPage, OperationsTask
from almenhub.examples.services import example_index_workflow_ensure


class OperationsTaskViewSet(SnippetViewSet):
    model = OperationsTask
    icon = "cogs"
    menu_label = "Driftsopgaver"
    menu_order = 240
    add_to_admin_menu = True
    list_display = ["name", "slug", "sort_order"]
    ordering = ["sort_order", "name"]


register_snippet(OperationsTaskViewSet)


@hooks.register("after_create_page")
def example_index_moderation(request, page) -> None:
    """An index created in the admin gets the examples' moderation workflow at
    once, so the first member submission already lands in the right queue."""
    if isinstance(page.specific, ExampleIndexPage):
        example_index_workflow_ensure(index=page.specific)
