"""Editors' views of a meeting's participants, inside the Wagtail admin.

The admin's URL wrapper already requires admin access; each view also
requires permission to edit the meeting page, since the list holds
personal data.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from almenhub.core.spreadsheet import CONTENT_TYPE as CSV_CONTENT_TYPE
from almenhub.core.spreadsheet import csv_lines
from almenhub.meetings.forms import AttendanceForm
from almenhub.meetings.models import MeetingPage, Registration, RegistrationStatus
from almenhub.meetings.selectors import meeting_registrations, registration_statistics
from almenhub.meetings.services import registration_attendance_set

CSV_HEADERS = [
    "Status",
    "Navn",
    "Organisation",
    "Arbejdsmail",
    "Stilling",
    "Hensyn til kost",
    "Tilmeldt",
    "Fremmøde",
]


def _meeting_for_editor(request: HttpRequest, meeting_id: int) -> MeetingPage:
    meeting = get_object_or_404(MeetingPage, pk=meeting_id)
    if not meeting.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    return meeting


def participants(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = _meeting_for_editor(request, meeting_id)
    registrations = list(meeting_registrations(meeting=meeting))
    by_status = {
        status: [r for r in registrations if r.status == status]
        for status in RegistrationStatus.values
    }
    return TemplateResponse(
        request,
        "meetings/admin/participants.html",
        {
            "meeting": meeting,
            "confirmed": by_status[RegistrationStatus.CONFIRMED],
            "waitlisted": by_status[RegistrationStatus.WAITLISTED],
            "cancelled": by_status[RegistrationStatus.CANCELLED],
            "statistics": registration_statistics(meeting=meeting),
            "csv_url": reverse("meetings_admin:participants_csv", args=[meeting.pk]),
            "attendance_url": reverse("meetings_admin:attendance", args=[meeting.pk]),
            "page_title": f"Deltagere: {meeting.title}",
            "header_title": f"Deltagere: {meeting.title}",
            "header_icon": "group",
        },
    )


def participants_csv(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = _meeting_for_editor(request, meeting_id)
    rows = (
        [
            r.get_status_display(),
            r.name or "Anonymiseret",
            r.organisation_name,
            r.email,
            r.job_title,
            r.dietary_needs,
            timezone.localtime(r.created_at).strftime("%d.%m.%Y %H.%M"),
            r.attendance_label if r.status == RegistrationStatus.CONFIRMED else "",
        ]
        for r in meeting_registrations(meeting=meeting)
    )
    response = HttpResponse(csv_lines(CSV_HEADERS, rows), content_type=CSV_CONTENT_TYPE)
    response["Content-Disposition"] = (
        f'attachment; filename="deltagere-{meeting.slug}.csv"'
    )
    return response


@require_POST
def attendance(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = _meeting_for_editor(request, meeting_id)
    back = reverse("meetings_admin:participants", args=[meeting.pk])
    form = AttendanceForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Fremmødet kunne ikke gemmes: ugyldig markering.")
        return HttpResponseRedirect(back)
    registration = get_object_or_404(
        Registration, pk=form.cleaned_data["registration"], meeting=meeting
    )
    try:
        registration_attendance_set(registration=registration, attended=form.attended)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            f"{registration.name or 'Deltageren'}: {registration.attendance_label}.",
        )
    return HttpResponseRedirect(f"{back}#r{registration.pk}")
