from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse

from almenhub.importer.forms import ImportUploadForm
from almenhub.importer.selectors import (
    default_programme_allowed,
    programmes_user_can_import_into,
)
from almenhub.importer.services import ImportSetupError, import_uploads


def upload(request: HttpRequest) -> HttpResponse:
    """Upload old-site pages and import them, showing the same summary as the
    management command. Wagtail's admin access is checked by the URL."""
    programmes = programmes_user_can_import_into(request.user)
    allow_default = default_programme_allowed(request.user)
    if not allow_default and not programmes.exists():
        raise PermissionDenied
    options = {"programmes": programmes, "allow_default": allow_default}
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
    )
