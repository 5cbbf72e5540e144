"""Fast, isolated settings for the test suite (SQLite by default, or the
PostgreSQL server that `make test` starts, through DATABASE_URL)."""

import os
import tempfile
from pathlib import Path

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-key"
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# A test that runs the hub in a subprocess hands it its own data folder.
DATA_DIR = Path(
    os.environ.get("ALMENHUB_TEST_DATA_DIR")
    or tempfile.mkdtemp(prefix="almenhub-test-")
)
MEDIA_ROOT = DATA_DIR / "media"
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    # Files, as in the default deployment: processes a test starts share them.
    "shared": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(DATA_DIR / "shared-cache"),
    },
}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
ALMENHUB_SEARCH_INDEX_DIR = DATA_DIR / "search-index"
# Tests share one cache; the page cache's tests turn it on (in a subprocess,
# through the environment).
PAGE_CACHE_SECONDS = int(os.environ.get("ALMENHUB_TEST_PAGE_CACHE_SECONDS", "0"))
# Each counted search written at once, in the request's own connection.
SEARCH_COUNT_SECONDS = 0

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # A file, not Django's shared in-memory database: the browser tests' live
    # server answers several requests at once (the admin pings its editing
    # session while a page loads), and an in-memory database answers a second
    # writer "table is locked" at once, where a file waits its busy timeout.
    DATABASES["default"]["TEST"] = {"NAME": str(DATA_DIR / "test.sqlite3")}  # noqa: F405
else:
    # One test database per process, so that scripts/run-tests.sh can run the
    # isolated tests side by side on one server.
    # scripts/test_db.py hands an isolated test a copy of a migrated template.
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": os.environ.get("ALMENHUB_TEST_DB_NAME")
        or f"test_{DATABASES['default']['NAME']}_{os.getpid()}"  # noqa: F405
    }
# Tasks run at once, inside the request: no worker to start.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
