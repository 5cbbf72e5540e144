from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, TooManyFilesSent
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from almenhub.importer.forms import ImportUploadForm
from almenhub.importer.selectors import (
    default_programme_allowed,
    programmes_user_can_import_into,
)
from almenhub.importer.services import ImportSetupError, import_uploads


@csrf_exempt  # checked below, once the upload is known to be readable
def upload(request: HttpRequest) -> HttpResponse:
    """Upload old-site pages and import them, showing the same summary as the
    management command. Wagtail's admin access is checked by the URL.

    CSRF middleware reads the upload first, and more files than Django's
    limit made that a bare 400; read here, it is the form with a message
    (nothing is done, so there is nothing to protect yet)."""
    if request.method == "POST":
        try:
            request.FILES  # noqa: B018  (parsed here to catch the limit)
        except TooManyFilesSent:
            form = ImportUploadForm(**_options(request))
            form.refuse_too_many_files()
            return _page(request, form, None, status=400)
    return _upload(request)


def _options(request: HttpRequest) -> dict:
    programmes = programmes_user_can_import_into(request.user)
    allow_default = default_programme_allowed(request.user)
    if not allow_default and not programmes.exists():
        raise PermissionDenied
    return {"programmes": programmes, "allow_default": allow_default}


@csrf_protect
def _upload(request: HttpRequest) -> HttpResponse:
    options = _options(request)
    summary = None
    if request.method == "POST":
        form = ImportUploadForm(request.POST, request.FILES, **options)
        if form.is_valid():
            try:
                summary = import_uploads(
                    files=(
                        (name, upload.read())
                        for name, upload in form.cleaned_data["files"]
                    ),
                    programme=form.cleaned_data["programme"],
                    dry_run=form.cleaned_data["dry_run"],
                )
            except ImportSetupError as error:
                form.add_error(None, str(error))
            else:
                if form.skipped:
                    messages.warning(
                        request,
                        f"{len(form.skipped)} filer er sprunget over: "
                        + "; ".join(form.skipped)
                        + ".",
                    )
                if summary.errors:
                    messages.warning(
                        request,
                        f"{summary.errors} af {summary.found} filer kunne ikke "
                        "importeres. Se fejlene nedenfor.",
                    )
                else:
                    messages.success(request, summary.as_text())
                form = ImportUploadForm(
                    initial={
                        "programme": form.cleaned_data["programme"],
                        "dry_run": form.cleaned_data["dry_run"],
                    },
                    **options,
                )
    else:
        form = ImportUploadForm(**options)
    return _page(request, form, summary)


def _page(
    request: HttpRequest, form: ImportUploadForm, summary, *, status: int = 200
) -> HttpResponse:
    return TemplateResponse(
        request,
        "importer/upload.html",
        {
            "form": form,
            "summary": summary,
            "page_title": "Importér projektsider",
            "header_title": "Importér projektsider",
            "header_icon": "upload",
        },
        status=status,
    )
