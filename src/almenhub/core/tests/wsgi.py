"""The hub as a WSGI server calls it (almenhub/wsgi.py's wrapping), for tests
of what happens before and around Django's own handling."""

from __future__ import annotations

import io
import sys
from dataclasses import dataclass, field
from typing import Any

from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections

from almenhub.core.hitpath import CachedAnswers


@dataclass
class Answer:
    status: str
    headers: list[tuple[str, str]]
    body: bytes

    def header(self, name: str) -> str | None:
        return next((v for k, v in self.headers if k.lower() == name.lower()), None)


@dataclass
class Hub:
    """CachedAnswers around Django's WSGI handler; `django_calls` counts the
    requests that reached Django."""

    django_calls: int = 0
    app: CachedAnswers = field(init=False)

    def __post_init__(self) -> None:
        django = get_wsgi_application()

        def counted(environ: dict[str, Any], start_response: Any) -> Any:
            self.django_calls += 1
            return django(environ, start_response)

        self.app = CachedAnswers(counted)

    def get(self, path: str, method: str = "GET", **headers: str) -> Answer:
        path_info, _, query = path.partition("?")
        environ = {
            "REQUEST_METHOD": method,
            "PATH_INFO": path_info,
            "QUERY_STRING": query,
            "SCRIPT_NAME": "",
            "SERVER_NAME": "testserver",
            "SERVER_PORT": "80",
            "HTTP_HOST": "testserver",
            "SERVER_PROTOCOL": "HTTP/1.1",
            "REMOTE_ADDR": "127.0.0.1",
            "wsgi.url_scheme": "http",
            "wsgi.input": io.BytesIO(b""),
            "wsgi.errors": sys.stderr,
            **{"HTTP_" + k.upper(): v for k, v in headers.items()},
        }
        sent: dict[str, Any] = {}

        def start_response(status: str, headers: list, exc_info: Any = None) -> None:
            sent["status"], sent["headers"] = status, list(headers)

        result = self.app(environ, start_response)
        try:
            body = b"".join(result)
        finally:
            getattr(result, "close", lambda: None)()
        return Answer(sent["status"], sent["headers"], body)


def hub_wsgi():
    """A Hub, with Django's per-request connection closing switched off as
    its test client does (the test's transaction must stay open)."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield Hub()
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)
