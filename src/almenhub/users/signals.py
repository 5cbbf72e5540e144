from __future__ import annotations

from django.contrib.auth.signals import user_logged_in, user_login_failed

from almenhub.core.ratelimit import client_address
from almenhub.users.throttle import login_failed, login_succeeded


def on_login_failed(sender, credentials, request=None, **kwargs) -> None:
    if request is not None:
        login_failed(
            address=client_address(request),
            username=str(credentials.get("username", "")),
        )


def on_logged_in(sender, request, user, **kwargs) -> None:
    if request is not None:
        login_succeeded(address=client_address(request), username=user.get_username())


def connect() -> None:
    user_login_failed.connect(on_login_failed, dispatch_uid="almenhub-login-failed")
    user_logged_in.connect(on_logged_in, dispatch_uid="almenhub-logged-in")
