from wagtail.admin.ui.tables import Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from almenhub.core.choosers import chooser_with_columns
from almenhub.organisations.models import Organisation


class OrganisationViewSet(SnippetViewSet):
    model = Organisation
    icon = "group"
    menu_label = "Organisationer"
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["name", "kind", "municipality", "is_member"]
    list_filter = ["kind", "is_member"]
    chooser_viewset_class = chooser_with_columns(
        Column("kind", label="Type", accessor=lambda org: org.get_kind_display()),
        Column("municipality", label="Kommune"),
    )


register_snippet(OrganisationViewSet)
