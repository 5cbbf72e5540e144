"""allauth's hooks for almenhub's members."""

from __future__ import annotations

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.contrib.sites.shortcuts import get_current_site

from almenhub.worker.mail import mail_send


def user_display(user) -> str:
    """How allauth's messages and mails name the member (never the generated
    user name)."""
    return user.display_name


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """allauth's mails (confirmations, resets) go through the hub's one
        mail path: the worker sends them, with retries."""
        request = allauth_context.request
        ctx = {
            "request": request,
            "email": email,
            "current_site": get_current_site(request),
            **context,
        }
        mail_send(message=self.render_mail(template_prefix, email, ctx))

    def format_email_subject(self, subject: str) -> str:
        # allauth prefixes the site's host name; the hub names itself.
        return f"almenhub: {subject}"
