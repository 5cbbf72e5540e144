"""The builder's "Kompilér" screen: start a compile and follow its progress."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_POST

from almenhub.publishing.content import draft_examples
from almenhub.publishing.models import PublicationDraft
from almenhub.publishing.services import draft_fill_from_meeting_series, draft_state
from almenhub.publishing.tasks import draft_compile_enqueue

CHANGE_PERMISSION = "publishing.change_publicationdraft"


def _draft_for_editor(request: HttpRequest, pk: int) -> PublicationDraft:
    if not request.user.has_perm(CHANGE_PERMISSION):
        raise PermissionDenied
    return get_object_or_404(PublicationDraft, pk=pk)


def _status_url(draft: PublicationDraft) -> str:
    return reverse("publishing_admin:status", args=[draft.pk])


def _pdf_url(draft: PublicationDraft) -> str:
    """The publication's stable PDF address once it is live (the one to
    share); before that the document's own, which editors may fetch."""
    page = draft.publication
    if page is not None and page.live and page.has_pdf:
        return page.document_url
    return draft.document.url if draft.document_id else ""


def status(request: HttpRequest, pk: int) -> HttpResponse:
    draft = _draft_for_editor(request, pk)
    return TemplateResponse(
        request,
        "publishing/admin/status.html",
        {
            "draft": draft,
            "state": draft_state(draft=draft),
            "pdf_url": _pdf_url(draft),
            "examples": draft_examples(draft),
            "compile_url": reverse("publishing_admin:compile", args=[draft.pk]),
            "fill_url": reverse("publishing_admin:fill", args=[draft.pk]),
            "json_url": reverse("publishing_admin:status_json", args=[draft.pk]),
            "edit_url": reverse(
                "wagtailsnippets_publishing_publicationdraft:edit", args=[draft.pk]
            ),
            "page_title": f"Kompilér: {draft.title}",
            "header_title": f"Kompilér: {draft.title}",
            "header_icon": "doc-full-inverse",
        },
    )


def status_json(request: HttpRequest, pk: int) -> JsonResponse:
    draft = _draft_for_editor(request, pk)
    state = draft_state(draft=draft)
    return JsonResponse(
        {
            "state": state.state,
            "state_label": state.label,
            "status": draft.status,
            "status_label": draft.get_status_display(),
            "progress": draft.progress,
            "message": draft.progress_message,
            "error": draft.error,
            "pages": draft.pages,
            "busy": draft.is_busy,
        }
    )


@require_POST
def compile_draft(request: HttpRequest, pk: int) -> HttpResponse:
    draft = _draft_for_editor(request, pk)
    if draft.is_busy:
        messages.warning(
            request, "Publikationen er allerede i gang med at blive kompileret."
        )
    else:
        draft_compile_enqueue(draft=draft)
        messages.success(request, "Kompileringen er sat i gang.")
    return HttpResponseRedirect(_status_url(draft))


@require_POST
def fill_from_series(request: HttpRequest, pk: int) -> HttpResponse:
    draft = _draft_for_editor(request, pk)
    added = draft_fill_from_meeting_series(draft=draft)
    messages.success(request, f"{added} eksempler tilføjet fra mødeserien.")
    return HttpResponseRedirect(_status_url(draft))
