"""The embedded deployment that `make run` starts on one machine: SQLite in
the data folder, granian, the task worker and the scheduler beside it
(scripts/run.sh), DEBUG off with the hub's own error pages.

Nothing is required: the secret key is made once and kept in the data folder
(readable by its owner only), mail goes to files in data/mail unless
EMAIL_HOST names a mail server, and the hosts are loopback's unless
ALLOWED_HOSTS says otherwise. Behind a proxy on the internet, set
ALLOWED_HOSTS, CSRF_TRUSTED_ORIGINS and TRUSTED_PROXIES (README).
"""

import os
import secrets

from .base import *  # noqa: F403
from .base import CACHES, DATA_DIR, MIDDLEWARE, WHITENOISE_STORAGES

DEBUG = False
DATA_DIR.mkdir(parents=True, exist_ok=True)


def _secret_key() -> str:
    if os.environ.get("SECRET_KEY"):
        return os.environ["SECRET_KEY"]
    path = DATA_DIR / "secret-key"
    try:
        # O_EXCL: of several processes starting at once, one writes it.
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text().strip()
    with os.fdopen(fd, "w") as file:
        file.write(secrets.token_urlsafe(50))
    return path.read_text().strip()


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = ALLOWED_HOSTS or ["127.0.0.1", "localhost", "[::1]"]  # noqa: F405
CSRF_TRUSTED_ORIGINS = [
    o.strip()
    for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",")
    if o.strip()
]
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
if os.environ.get("ALMENHUB_BEHIND_TLS_PROXY") == "1":
    # The proxy in front ends TLS and says so; cookies then travel over
    # HTTPS only.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = 31536000

MIDDLEWARE.insert(1, "whitenoise.middleware.WhiteNoiseMiddleware")
STORAGES = WHITENOISE_STORAGES

# Cached pages shared by the web server's processes (core/middleware.py): a page is
# rendered once for all of them, not once per process. Files in the data
# folder, as the stamps that retire them; each process still keeps its own
# copies in memory.
CACHES["pages"] = {
    "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
    "LOCATION": str(DATA_DIR / "page-cache"),
    "OPTIONS": {"MAX_ENTRIES": 5000},
}

if os.environ.get("EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = os.environ["EMAIL_HOST"]
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = os.environ.get("EMAIL_USE_TLS") == "1"
else:
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = DATA_DIR / "mail"
DEFAULT_FROM_EMAIL = os.environ.get(
    "DEFAULT_FROM_EMAIL", "almenhub <noreply@localhost>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": "INFO"},
    "loggers": {"django.server": {"level": "WARNING"}},
}
