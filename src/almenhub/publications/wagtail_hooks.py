from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from almenhub.publications.models import PublicationPage, PublicationSeries


class PublicationSeriesViewSet(SnippetViewSet):
    model = PublicationSeries
    icon = "doc-full"
    menu_label = "Publikationsserier"
    list_display = ["name", "slug"]
    search_fields = ["name", "description"]


register_snippet(PublicationSeriesViewSet)


@hooks.register("before_serve_document")
def publication_document_privacy(document, request: HttpRequest) -> HttpResponse | None:
    """A publication's file at the document address (`/dokumenter/<id>/…`)
    is no more public than its page: served while a live, public page holds
    it, or to a visitor who has passed the restricted page's login or
    password; otherwise sent to the page (its `pdf/` address for a PDF),
    which asks for them; not found while only unpublished pages hold it.
    Editors get every file (a draft's PDF before it is published)."""
    pages = PublicationPage.objects.filter(document=document)
    if not pages.exists() or request.user.has_perm("wagtailadmin.access_admin"):
        return None
    if pages.live().public().exists():
        return None
    page = pages.live().first()
    if page is None:
        raise Http404("Dokumentet hører til en publikation, der ikke er udgivet.")
    if all(r.accept_request(request) for r in page.get_view_restrictions()):
        return None
    return redirect(page.document_url if page.has_pdf else page.url)
