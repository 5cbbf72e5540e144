from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, TooManyFilesSent
from django.core.files.uploadedfile import UploadedFile
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from almenhub.importer.forms import ImportUploadForm
from almenhub.importer.jobs import import_job_create, import_job_progress
from almenhub.importer.models import ImportJob
from almenhub.importer.selectors import (
    default_programme_allowed,
    programmes_user_can_import_into,
)
from almenhub.importer.summary import summary_from_data

# Seconds between reloads of a running import's page.
REFRESH_SECONDS = 2


@csrf_exempt  # checked below, once the upload is known to be readable
def upload(request: HttpRequest) -> HttpResponse:
    """Upload old-site pages to be imported by the worker; the editor is
    sent to the import's page, which shows its progress and then the same
    summary as the management command. Wagtail's admin access is checked by
    the URL.

    CSRF middleware reads the upload first, and more files than Django's
    limit made that a bare 400; read here, it is the form with a message
    (nothing is done, so there is nothing to protect yet)."""
    if request.method == "POST":
        try:
            request.FILES  # noqa: B018  (parsed here to catch the limit)
        except TooManyFilesSent:
            form = ImportUploadForm(**_options(request))
            form.refuse_too_many_files()
            return _page(request, form, status=400)
    return _upload(request)


def _read(upload: UploadedFile) -> bytes:
    upload.seek(0)
    return upload.read()


def _options(request: HttpRequest) -> dict:
    programmes = programmes_user_can_import_into(request.user)
    allow_default = default_programme_allowed(request.user)
    if not allow_default and not programmes.exists():
        raise PermissionDenied
    return {"programmes": programmes, "allow_default": allow_default}


@csrf_protect
def _upload(request: HttpRequest) -> HttpResponse:
    options = _options(request)
    if request.method != "POST":
        return _page(request, ImportUploadForm(**options))
    form = ImportUploadForm(request.POST, request.FILES, **options)
    if not form.is_valid():
        return _page(request, form)
    job = import_job_create(
        user=request.user,
        files=((name, _read(upload)) for name, upload in form.cleaned_data["files"]),
        programme=form.cleaned_data["programme"],
        dry_run=form.cleaned_data["dry_run"],
        skipped=form.skipped,
    )
    return HttpResponseRedirect(reverse("importer:job", args=[job.pk]))


def job(request: HttpRequest, pk: int) -> HttpResponse:
    """An import's progress while the worker runs it (the page reloads
    itself), then its summary. Only its editor (and superusers) see it:
    it names their files."""
    found = get_object_or_404(ImportJob, pk=pk)
    if found.created_by_id != request.user.pk and not request.user.is_superuser:
        raise PermissionDenied
    summary = summary_from_data(found.summary) if found.summary else None
    if summary is not None and not found.is_busy:
        if found.skipped:
            messages.warning(
                request,
                f"{len(found.skipped)} filer er sprunget over: "
                + "; ".join(found.skipped)
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
    options = _options(request)
    form = ImportUploadForm(
        initial={"programme": found.programme_id, "dry_run": found.dry_run},
        **options,
    )
    response = _page(
        request,
        form,
        job=found,
        summary=summary,
        done=import_job_progress(job=found),
    )
    if found.is_busy:
        response["Refresh"] = str(REFRESH_SECONDS)
    return response


def _page(
    request: HttpRequest,
    form: ImportUploadForm,
    *,
    job: ImportJob | None = None,
    summary=None,
    done: int = 0,
    status: int = 200,
) -> HttpResponse:
    return TemplateResponse(
        request,
        "importer/upload.html",
        {
            "form": form,
            "job": job,
            "summary": summary,
            "done": done,
            "page_title": "Importér sider",
            "header_title": "Importér sider",
            "header_icon": "upload",
        },
        status=status,
    )
