"""Production: every secret comes from the environment and a missing one stops
the process at start-up rather than running with an unsafe default.

Run several stateless app servers (gunicorn) against PostgreSQL, with Redis
as the shared cache for sessions, the page cache and rate limits, and media
on S3-compatible object storage when AWS_STORAGE_BUCKET_NAME is set.
"""

import os

from .base import *  # noqa: F403
from .base import DATABASES, MIDDLEWARE, WHITENOISE_STORAGES

SECRET_KEY = os.environ["SECRET_KEY"]
if "DATABASE_URL" not in os.environ:
    raise RuntimeError("DATABASE_URL must be set in production.")
DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ.get("CONN_MAX_AGE", "60"))
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
ALLOWED_HOSTS = [h.strip() for h in os.environ["ALLOWED_HOSTS"].split(",") if h.strip()]
CSRF_TRUSTED_ORIGINS = [
    o.strip()
    for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",")
    if o.strip()
]

DEBUG = False
# `make prod-demo` and the load benchmark run this stack over plain http on
# loopback; everywhere else the site is HTTPS-only.
LOCAL_HTTP = os.environ.get("ALMENHUB_LOCAL_HTTP") == "1"
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = not LOCAL_HTTP
SESSION_COOKIE_SECURE = not LOCAL_HTTP
CSRF_COOKIE_SECURE = not LOCAL_HTTP
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
SECURE_HSTS_SECONDS = 31536000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    # Several app servers: what they share must be in Redis, the stamps too.
    CACHES = {
        name: {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "almenhub",
        }
        for name in ("default", "shared")
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cache"

# Static files: compressed, hashed names cached for a year by WhiteNoise.
MIDDLEWARE.insert(1, "whitenoise.middleware.WhiteNoiseMiddleware")
STORAGES = {name: dict(value) for name, value in WHITENOISE_STORAGES.items()}
if os.environ.get("AWS_STORAGE_BUCKET_NAME"):
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["AWS_STORAGE_BUCKET_NAME"],
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL"),
            "default_acl": None,
            "querystring_auth": True,
        },
    }

EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend"
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
DEFAULT_FROM_EMAIL = os.environ.get(
    "DEFAULT_FROM_EMAIL", "almenhub <noreply@localhost>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "INFO"},
}
