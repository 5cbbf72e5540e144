"""The secretariat's queue of members waiting for approval, in the admin."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_http_methods

from almenhub.users import services

PERMISSION = "users.change_membershiprequest"


@require_http_methods(["GET", "HEAD", "POST"])
def membership_queue(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied
    if request.method == "POST":
        raw = str(request.POST.get("id", ""))
        approve = request.POST.get("action") == "approve"
        try:
            if not (raw.isascii() and raw.isdigit() and len(raw) < 12):
                raise services.MembershipError("Vælg en anmodning på listen.")
            decided = services.membership_decide(
                request_id=int(raw), actor=request.user, approve=approve
            )
        except services.MembershipError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                f"{decided.user.display_name} er "
                + (
                    f"nu medlem af {decided.organisation.name}."
                    if approve
                    else "afvist."
                ),
            )
        return redirect("members_admin:queue")
    return TemplateResponse(
        request,
        "members/admin/queue.html",
        {
            "waiting": services.waiting_requests(actor=request.user),
            "page_title": "Medlemsanmodninger",
            "header_title": "Medlemsanmodninger",
            "header_icon": "group",
        },
    )
