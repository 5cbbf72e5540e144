"""E-mail sent by the worker, with retries: the one way the hub sends mail.

`mail_send` hands a message to the task queue at the commit of the caller's
transaction, so that a request never waits for (or fails on) the mail server,
and rolled-back work sends nothing. The worker sends it; when the server is
away or answers "try later" (4xx), it enqueues the message again after the
next delay in MAIL_RETRY_DELAYS, so it goes out once the server is back. A
permanent refusal (5xx: no such mailbox) is logged and not retried.
"""

from __future__ import annotations

import base64
import logging
import smtplib
from datetime import timedelta
from functools import partial
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.db import transaction
from django.utils import timezone
from django_tasks import task

logger = logging.getLogger(__name__)


def retry_delays() -> tuple[float, ...]:
    return tuple(settings.MAIL_RETRY_DELAYS)


def mail_send(*, message: EmailMessage) -> None:
    """Send `message` from the worker once the current transaction commits."""
    payload = message_to_data(message)
    transaction.on_commit(partial(email_send.enqueue, message=payload, attempt=1))


def message_to_data(message: EmailMessage) -> dict[str, Any]:
    """The message as JSON the task queue can store (attachments as text or
    base64), read back by `message_from_data`."""
    attachments = []
    for filename, content, mimetype in message.attachments:
        if isinstance(content, bytes):
            attachments.append(
                [filename, base64.b64encode(content).decode(), mimetype, True]
            )
        else:
            attachments.append([filename, content, mimetype, False])
    return {
        "subject": message.subject,
        "body": message.body,
        "from_email": message.from_email,
        "to": list(message.to),
        "cc": list(message.cc),
        "bcc": list(message.bcc),
        "reply_to": list(message.reply_to),
        "headers": dict(message.extra_headers),
        "alternatives": [
            [content, mimetype]
            for content, mimetype in getattr(message, "alternatives", [])
        ],
        "attachments": attachments,
    }


def message_from_data(data: dict[str, Any]) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=data["subject"],
        body=data["body"],
        from_email=data["from_email"],
        to=data["to"],
        cc=data["cc"],
        bcc=data["bcc"],
        reply_to=data["reply_to"],
        headers=data["headers"],
    )
    for content, mimetype in data["alternatives"]:
        message.attach_alternative(content, mimetype)
    for filename, content, mimetype, is_base64 in data["attachments"]:
        message.attach(
            filename, base64.b64decode(content) if is_base64 else content, mimetype
        )
    return message


def _transient(error: Exception) -> bool:
    """Worth another try later: the server away, or its 4xx "not now"."""
    if isinstance(error, smtplib.SMTPResponseException):
        return 400 <= error.smtp_code < 500
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return all(400 <= code < 500 for code, _ in error.recipients.values())
    return isinstance(error, OSError | smtplib.SMTPServerDisconnected)


@task()
def email_send(*, message: dict[str, Any], attempt: int = 1) -> str:
    email = message_from_data(message)
    try:
        email.send()
    except (OSError, smtplib.SMTPException) as error:
        delays = retry_delays()
        if not _transient(error) or attempt > len(delays):
            logger.error(
                "E-mail %r til %s opgivet efter %d forsøg: %s",
                email.subject,
                email.to,
                attempt,
                error,
            )
            raise
        delay = delays[attempt - 1]
        logger.warning(
            "E-mail %r til %s ikke sendt (forsøg %d, nyt om %s s): %s",
            email.subject,
            email.to,
            attempt,
            delay,
            error,
        )
        email_send.using(run_after=timezone.now() + timedelta(seconds=delay)).enqueue(
            message=message, attempt=attempt + 1
        )
        return "retry"
    return "sent"
