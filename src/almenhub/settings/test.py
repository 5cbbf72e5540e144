"""Fast, isolated settings for the test suite (SQLite by default, or the
PostgreSQL server that `make test` starts, through DATABASE_URL)."""

import tempfile
from pathlib import Path

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-key"
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
DATA_DIR = Path(tempfile.mkdtemp(prefix="almenhub-test-"))
MEDIA_ROOT = DATA_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
ALMENHUB_SEARCH_INDEX_DIR = DATA_DIR / "search-index"
PAGE_CACHE_SECONDS = 0  # tests share one cache; the page cache test turns it on
