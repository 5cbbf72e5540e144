from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from almenhub.search.models import SynonymGroup


class SynonymGroupViewSet(SnippetViewSet):
    model = SynonymGroup
    icon = "list-ul"
    menu_label = "Ordliste"
    list_display = ["__str__", "note"]
    add_to_admin_menu = False


register_snippet(SynonymGroupViewSet)
