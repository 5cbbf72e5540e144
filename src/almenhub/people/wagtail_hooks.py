from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from almenhub.people.models import Person


class PersonViewSet(SnippetViewSet):
    model = Person
    icon = "user"
    menu_label = "Personer"
    menu_order = 220
    add_to_admin_menu = True
    list_display = [
        "name",
        "job_title",
        "organisation",
        "email",
        "show_contact_details",
    ]
    list_filter = ["show_contact_details", "organisation"]
    search_fields = ["name", "email", "job_title"]


register_snippet(PersonViewSet)
