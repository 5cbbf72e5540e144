from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from almenhub.publications.models import PublicationSeries


class PublicationSeriesViewSet(SnippetViewSet):
    model = PublicationSeries
    icon = "doc-full"
    menu_label = "Publikationsserier"
    list_display = ["name", "slug"]


register_snippet(PublicationSeriesViewSet)
