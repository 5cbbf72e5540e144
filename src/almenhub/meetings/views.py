"""Public views of a meeting, reached through the meeting page's routes."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_http_methods

from almenhub.core import ratelimit
from almenhub.core.ratelimit import Decision, Rate, client_address
from almenhub.meetings.calendar import meeting_ics
from almenhub.meetings.forms import RegistrationForm
from almenhub.meetings.models import MeetingPage, RegistrationStatus
from almenhub.meetings.services import (
    PrivateRefusal,
    registration_cancel,
    registration_create,
)
from almenhub.meetings.tokens import InvalidToken, registration_from_token

# Per client: a person signs up a few colleagues at most; more from one place
# in a short time is a script.
SIGN_UP_RATE = Rate(scope="meetings:sign-up", limit=10, seconds=10 * 60)


def _rate_message(decision: Decision) -> str:
    minutes = -(-decision.retry_after // 60)
    return (
        "Der er sendt mange tilmeldinger fra din forbindelse på kort tid. "
        f"Vent {minutes} minutter, og prøv igen – eller skriv til mødets "
        "kontaktperson."
    )


def _error_summary(form: RegistrationForm) -> list[tuple[str, str]]:
    errors = []
    for name, messages in form.errors.items():
        target = f"id_{name}" if name in form.fields else ""
        errors += [(target, message) for message in messages]
    return errors


def _context(meeting: MeetingPage, request: HttpRequest, **extra) -> dict:
    return {"page": meeting, "self": meeting, "request": request, **extra}


@require_http_methods(["GET", "POST"])
def registration_form(request: HttpRequest, *, meeting: MeetingPage) -> HttpResponse:
    series = meeting.series
    consent_text = series.effective_consent_text if series else ""
    notice = ""
    status = 200
    if request.method == "POST":
        form = RegistrationForm(request.POST, consent_text=consent_text)
        decision = ratelimit.hit(rate=SIGN_UP_RATE, key=client_address(request))
        if not decision.allowed:
            notice = _rate_message(decision)
            status = 429
        elif form.is_spam:
            # Tell a bot nothing; a person never sees the hidden field.
            return HttpResponseRedirect(meeting.subpage_url("registered"))
        elif form.is_valid():
            try:
                registration = registration_create(
                    meeting=meeting, data=form.to_input()
                )
            except PrivateRefusal as refusal:
                # Answered as a sign-up would have been, so that a stranger
                # learns nothing; the address's owner has been told by mail.
                return _registered(meeting, waitlisted=refusal.waitlisted)
            except ValidationError as error:
                for field, messages in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, messages)
            else:
                return _registered(
                    meeting,
                    waitlisted=registration.status == RegistrationStatus.WAITLISTED,
                )
    else:
        form = RegistrationForm(consent_text=consent_text)
    response = TemplateResponse(
        request,
        "meetings/registration_form.html",
        _context(
            meeting,
            request,
            form=form,
            errors=_error_summary(form) if form.is_bound else [],
            notice=notice,
            seats_left=meeting.seats_left(),
        ),
        status=status,
    )
    if status == 429:
        response["Retry-After"] = str(decision.retry_after)
    return response


def _registered(meeting: MeetingPage, *, waitlisted: bool) -> HttpResponseRedirect:
    url = meeting.subpage_url("registered")
    return HttpResponseRedirect(url + ("?venteliste=1" if waitlisted else ""))


def registration_done(request: HttpRequest, *, meeting: MeetingPage) -> HttpResponse:
    return TemplateResponse(
        request,
        "meetings/registration_done.html",
        _context(meeting, request, waitlisted=bool(request.GET.get("venteliste"))),
    )


def _invalid_link(request: HttpRequest, meeting: MeetingPage) -> HttpResponse:
    return TemplateResponse(
        request,
        "meetings/cancel_invalid.html",
        _context(meeting, request),
        status=400,
    )


@require_http_methods(["GET", "POST"])
def registration_cancel_view(
    request: HttpRequest, *, meeting: MeetingPage, token: str
) -> HttpResponse:
    """Confirm, then cancel. The GET only asks, because mail scanners follow
    links in e-mails and must not cancel anyone's seat by doing so."""
    try:
        registration = registration_from_token(token)
    except InvalidToken:
        return _invalid_link(request, meeting)
    if registration.meeting_id != meeting.pk:
        return _invalid_link(request, meeting)
    cancelled = registration.status == RegistrationStatus.CANCELLED
    status = meeting.meeting_status()
    # Once a meeting has started there is no seat left to give up.
    if request.method == "POST" and not cancelled and not status.is_past:
        registration, _ = registration_cancel(token=token)
        cancelled = True
    return TemplateResponse(
        request,
        "meetings/cancel.html",
        _context(
            meeting,
            request,
            registration=registration,
            cancelled=cancelled,
            status=status,
            past=status.is_past,
        ),
    )


def meeting_calendar(request: HttpRequest, *, meeting: MeetingPage) -> HttpResponse:
    response = HttpResponse(
        meeting_ics(meeting=meeting), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{meeting.slug}.ics"'
    return response
