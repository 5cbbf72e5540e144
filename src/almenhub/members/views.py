"""My page and the organisation's page for its contact person. Thin: the
rules live in users.services; what is shown comes from members.selectors."""

from __future__ import annotations

import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from almenhub.core.ratelimit import RateLimited, client_address
from almenhub.follows.services import recipient_token
from almenhub.members import contact
from almenhub.members.forms import ContactForm
from almenhub.members.selectors import member_data_export, my_page
from almenhub.users import services
from almenhub.users.forms import DetailsForm, InvitationForm

FORM_METHODS = ["GET", "HEAD", "POST"]


@login_required
@require_http_methods(["GET", "HEAD"])
def account_home(request: HttpRequest) -> HttpResponse:
    user = request.user
    return render(
        request,
        "members/account_home.html",
        {
            "data": my_page(user=user),
            "user": user,
            "follows": user.follows.filter(confirmed_at__isnull=False),
            "follows_manage_url": reverse(
                "follows:manage", args=[recipient_token(f"u:{user.pk}")]
            ),
        },
    )


@login_required
@require_http_methods(FORM_METHODS)
def account_details(request: HttpRequest) -> HttpResponse:
    user = request.user
    form = DetailsForm(
        request.POST if request.method == "POST" else None,
        initial={"name": user.get_full_name(), "job_title": user.job_title},
    )
    if request.method == "POST" and form.is_valid():
        services.user_details_update(
            user=user,
            name=form.cleaned_data["name"],
            job_title=form.cleaned_data["job_title"],
        )
        messages.success(request, "Dine oplysninger er gemt.")
        return redirect("members:home")
    return render(request, "members/account_details.html", {"form": form})


@login_required
@require_http_methods(["GET", "HEAD"])
def account_export(request: HttpRequest) -> HttpResponse:
    data = services.account_export(
        user=request.user, extra=member_data_export(user=request.user)
    )
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="mine-data-almenhub.json"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_http_methods(FORM_METHODS)
def account_delete(request: HttpRequest) -> HttpResponse:
    error = ""
    if request.method == "POST":
        if request.user.check_password(request.POST.get("password", "")):
            services.account_delete(user=request.user)
            logout(request)
            messages.success(
                request,
                "Din konto er slettet. De eksempler, du har indsendt, står "
                "fortsat under din organisation.",
            )
            return redirect("/")
        error = "Adgangskode: den er forkert. Kontoen er ikke slettet."
    return render(
        request,
        "members/account_delete.html",
        {"error": error},
        status=400 if error else 200,
    )


def _organisation_page(request: HttpRequest, *, invite_form=None, status=200):
    return render(
        request,
        "members/organisation.html",
        {
            "organisation": request.user.organisation,
            "members": services.organisation_members(actor=request.user),
            "waiting": services.waiting_requests(actor=request.user),
            "invite_form": invite_form or InvitationForm(),
        },
        status=status,
    )


@login_required
@require_http_methods(FORM_METHODS)
def organisation(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not user.is_organisation_contact or user.organisation_id is None:
        return render(request, "members/organisation_forbidden.html", status=403)
    if request.method == "GET" or request.method == "HEAD":
        return _organisation_page(request)
    action = request.POST.get("action", "")
    try:
        if action == "invite":
            form = InvitationForm(request.POST)
            if not form.is_valid():
                return _organisation_page(request, invite_form=form, status=400)
            services.member_invite(actor=user, email=form.cleaned_data["email"])
            messages.success(
                request, f"Invitationen er sendt til {form.cleaned_data['email']}."
            )
        elif action in ("remove", "hand_on", "approve", "refuse"):
            target = _number(request.POST.get("id", ""))
            if target is None:
                raise services.MembershipError("Vælg en person på listen.")
            if action == "remove":
                member = services.member_remove(actor=user, member_id=target)
                messages.success(
                    request, f"{member.display_name} er fjernet fra organisationen."
                )
            elif action == "hand_on":
                member = services.contact_role_hand_on(actor=user, member_id=target)
                messages.success(
                    request,
                    f"{member.display_name} er nu organisationens kontaktperson.",
                )
                return redirect("members:home")
            else:
                decided = services.membership_decide(
                    request_id=target, actor=user, approve=action == "approve"
                )
                messages.success(
                    request,
                    f"{decided.user.display_name} er "
                    + ("godkendt." if action == "approve" else "afvist."),
                )
        else:
            raise services.MembershipError("Ukendt handling.")
    except services.MembershipError as error:
        messages.error(request, str(error))
        return redirect("members:organisation")
    except RateLimited as error:
        minutes = -(-error.decision.retry_after // 60)
        messages.error(
            request,
            f"Du har sendt mange invitationer i dag. Prøv igen om {minutes} minutter.",
        )
    return redirect("members:organisation")


def _number(value: str) -> int | None:
    return (
        int(value) if value.isascii() and value.isdigit() and len(value) < 12 else None
    )


@require_http_methods(FORM_METHODS)
def contact_form(request: HttpRequest, page_id: int) -> HttpResponse:
    page = contact.contact_page(page_id=page_id) if page_id < 2**31 else None
    people = contact.page_contacts(page) if page is not None else []
    if not people:
        raise Http404("Siden findes ikke, eller den har ingen kontaktperson.")
    data = request.POST if request.method == "POST" else None
    form = ContactForm(data, people=people, initial={"stamp": contact.form_stamp()})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            person = form.people[form.cleaned_data["person"]]
            if form.is_spam or not contact.stamp_age_ok(form.cleaned_data["stamp"]):
                # Answer a robot as a person; nothing is sent.
                return render(
                    request,
                    "members/contact_sent.html",
                    {"page": page, "to": person.name},
                )
            try:
                recipient = contact.contact_send(
                    page=page,
                    person=person,
                    name=form.cleaned_data["name"],
                    email=form.cleaned_data["email"],
                    message=form.cleaned_data["message"],
                    client=client_address(request),
                )
            except RateLimited as error:
                response = render(
                    request,
                    "members/contact_limited.html",
                    {"page": page, "minutes": -(-error.decision.retry_after // 60)},
                    status=429,
                )
                response["Retry-After"] = str(error.decision.retry_after)
                return response
            return render(
                request,
                "members/contact_sent.html",
                {"page": page, "to": recipient.description},
            )
        status = 400
        # A fresh stamp: the time check starts again from the corrected form.
        form.data = form.data.copy()
        form.data["stamp"] = contact.form_stamp()
    return render(
        request, "members/contact.html", {"page": page, "form": form}, status=status
    )


@require_http_methods(["GET", "HEAD"])
def privacy(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "members/privacy.html",
        {"anonymise_months": settings.MEETINGS_ANONYMISE_AFTER_MONTHS},
    )
