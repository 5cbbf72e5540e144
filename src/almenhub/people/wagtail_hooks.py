from wagtail.admin.ui.tables import Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from almenhub.core.choosers import chooser_with_columns
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
    chooser_viewset_class = chooser_with_columns(
        Column("job_title", label="Stilling"),
        Column(
            "organisation",
            label="Organisation",
            accessor=lambda person: (
                person.organisation.name if person.organisation_id else ""
            ),
        ),
        select_related=("organisation",),
    )


register_snippet(PersonViewSet)
