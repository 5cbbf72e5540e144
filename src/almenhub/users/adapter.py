"""allauth's hooks for almenhub's members."""

from __future__ import annotations

from allauth.account.adapter import DefaultAccountAdapter


def user_display(user) -> str:
    """How allauth's messages and mails name the member (never the generated
    user name)."""
    return user.display_name


class AccountAdapter(DefaultAccountAdapter):
    def format_email_subject(self, subject: str) -> str:
        # allauth prefixes the site's host name; the hub names itself.
        return f"almenhub: {subject}"
