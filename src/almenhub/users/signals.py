from __future__ import annotations

from allauth.account.signals import email_confirmed
from django.contrib.auth.signals import user_logged_in, user_login_failed

from almenhub.core.ratelimit import client_address
from almenhub.users.services import membership_verified
from almenhub.users.throttle import login_failed, login_succeeded


def on_login_failed(sender, credentials, request=None, **kwargs) -> None:
    if request is not None:
        # The admin's login names a user name, the public one an e-mail.
        login_failed(
            address=client_address(request),
            username=str(credentials.get("username") or credentials.get("email", "")),
        )


def on_logged_in(sender, request, user, **kwargs) -> None:
    if request is not None:
        address = client_address(request)
        for name in {user.get_username(), user.email} - {""}:
            login_succeeded(address=address, username=name)


def on_email_confirmed(sender, request, email_address, **kwargs) -> None:
    membership_verified(user=email_address.user, email=email_address.email)


def connect() -> None:
    email_confirmed.connect(on_email_confirmed, dispatch_uid="almenhub-verified")
    user_login_failed.connect(on_login_failed, dispatch_uid="almenhub-login-failed")
    user_logged_in.connect(on_logged_in, dispatch_uid="almenhub-logged-in")
