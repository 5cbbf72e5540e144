"""Following, confirming, managing and unsubscribing. Thin: the rules live
in follows.services. The signed links work without logging in."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from almenhub.core.ratelimit import RateLimited, client_address
from almenhub.follows import services
from almenhub.follows.forms import FollowForm

FORM_METHODS = ["GET", "HEAD", "POST"]


def _target(request: HttpRequest):
    params = request.POST if request.method == "POST" else request.GET
    kind = str(params.get("type", ""))[:20]
    target = str(params.get("target", ""))[:500]
    return services.follow_target(kind=kind, target=target)


@require_http_methods(FORM_METHODS)
def follow(request: HttpRequest) -> HttpResponse:
    try:
        target = _target(request)
    except ValidationError as error:
        return render(
            request, "follows/invalid.html", {"error": error.messages[0]}, status=400
        )
    member = request.user.is_authenticated
    form = FollowForm(request.POST if request.method == "POST" else None, member=member)
    status = 200
    if request.method == "POST":
        if form.is_valid() and not (not member and form.is_spam):
            try:
                services.follow_create(
                    target=target,
                    frequency=form.cleaned_data["frequency"],
                    user=request.user if member else None,
                    email=form.cleaned_data.get("email", ""),
                    client=client_address(request),
                )
            except RateLimited as error:
                response = render(
                    request,
                    "follows/limited.html",
                    {"minutes": -(-error.decision.retry_after // 60)},
                    status=429,
                )
                response["Retry-After"] = str(error.decision.retry_after)
                return response
            if member:
                messages.success(request, f"Du følger nu {target.label}.")
                return redirect(target.url)
            return render(request, "follows/check_mail.html", {"target": target})
        if form.is_valid():
            # The honeypot was filled in: answer as if it worked, do nothing.
            return render(request, "follows/check_mail.html", {"target": target})
        status = 400
    return render(
        request,
        "follows/follow.html",
        {"target": target, "form": form, "member": member},
        status=status,
    )


@require_http_methods(FORM_METHODS)
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    # A GET only shows the button: mail scanners open links, people click.
    if request.method == "POST":
        followed = services.follow_confirm(token=token)
        if followed is None:
            return render(request, "follows/link_invalid.html", status=400)
        return render(
            request,
            "follows/confirmed.html",
            {
                "follow": followed,
                "manage_url": reverse(
                    "follows:manage",
                    args=[services.recipient_token(followed.recipient_key)],
                ),
            },
        )
    return render(request, "follows/confirm.html", {"token": token})


@csrf_exempt  # RFC 8058 one-click: the mail client POSTs; the signature is the key.
@require_http_methods(FORM_METHODS)
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    recipient = services.recipient_from_token(token)
    if recipient is None:
        return render(request, "follows/link_invalid.html", status=400)
    if request.method == "POST":
        stopped = services.follows_unsubscribe(recipient_key=recipient)
        return render(request, "follows/unsubscribed.html", {"stopped": stopped})
    return render(
        request,
        "follows/unsubscribe.html",
        {"follows": services.recipient_follows(recipient), "token": token},
    )


@require_http_methods(FORM_METHODS)
def manage(request: HttpRequest, token: str) -> HttpResponse:
    recipient = services.recipient_from_token(token)
    if recipient is None:
        return render(request, "follows/link_invalid.html", status=400)
    if request.method == "POST":
        raw = str(request.POST.get("id", ""))
        follow_id = (
            int(raw) if raw.isascii() and raw.isdigit() and len(raw) < 12 else None
        )
        if follow_id is None:
            messages.error(request, "Vælg et følg på listen.")
        elif request.POST.get("action") == "stop":
            services.follows_unsubscribe(recipient_key=recipient, follow_id=follow_id)
            messages.success(request, "Følget er stoppet.")
        else:
            try:
                services.follow_frequency_set(
                    recipient_key=recipient,
                    follow_id=follow_id,
                    frequency=str(request.POST.get("frequency", "")),
                )
                messages.success(request, "Hyppigheden er gemt.")
            except ValidationError as error:
                messages.error(request, error.messages[0])
        return redirect(request.path)
    return render(
        request,
        "follows/manage.html",
        {
            "follows": services.recipient_follows(recipient).filter(
                confirmed_at__isnull=False
            ),
            "token": token,
        },
    )
