"""Settings shared by every deployment.

Required values come from the environment and fail loudly when missing
(see production.py); optional ones have a default that suits the embedded,
single-machine deployment that `make run` starts.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url

from almenhub.core.csp import ADMIN_POLICY, PUBLIC_POLICY

PACKAGE_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PACKAGE_DIR.parent.parent
DATA_DIR = Path(os.environ.get("ALMENHUB_DATA_DIR", BASE_DIR / "data"))

SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = [
    h.strip() for h in os.environ.get("ALLOWED_HOSTS", "").split(",") if h.strip()
]

INSTALLED_APPS = [
    "almenhub.users",
    "almenhub.core",
    "almenhub.taxonomy",
    "almenhub.organisations",
    "almenhub.people",
    "almenhub.home",
    "almenhub.projects",
    "almenhub.publications",
    "almenhub.importer",
    "almenhub.examples",
    "almenhub.indicators",
    "almenhub.search",
    "almenhub.meetings",
    "almenhub.publishing",
    # issue 15's page types: news, theme pages, plain content pages
    "almenhub.news",
    "almenhub.contentpages",
    "almenhub.themepages",
    "almenhub.opendata",
    "almenhub.follows",
    "almenhub.members",
    "almenhub.demo",
    "almenhub.worker",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    # Editors' promoted results for a query; both search engines honour them
    # (search.selectors).
    "wagtail.contrib.search_promotions",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "almenhub.core.csp.SecurityHeadersMiddleware",
    "almenhub.core.middleware.DatabaseUnavailableMiddleware",
    # Above the page cache: counts typed searches served from it too.
    "almenhub.search.counting.SearchCountMiddleware",
    "almenhub.core.middleware.AnonymousPageCacheMiddleware",
    # Below the page cache, so that it keeps the compressed page and its ETag
    # (core/http.py: what is compressed, what is cached, BREACH).
    "almenhub.core.http.HttpCachingMiddleware",
    "almenhub.core.http.CompressionMiddleware",
    # Tags public answers with what they show, for the proxy's purges
    # (core/proxy.py); below compression, it reads the plain body.
    "almenhub.core.proxy.CacheTagsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "almenhub.users.middleware.LoginThrottleMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "almenhub.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "almenhub.core.context_processors.site_navigation",
            ],
        },
    },
]

WSGI_APPLICATION = "almenhub.wsgi.application"

DEFAULT_DATABASE_URL = f"sqlite:///{DATA_DIR / 'almenhub.sqlite3'}"
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or DEFAULT_DATABASE_URL, conn_max_age=0
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers carry on while one writer commits; IMMEDIATE takes the
    # write lock up front so concurrent writers queue instead of failing.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }

AUTH_USER_MODEL = "users.User"
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"  # noqa: E501
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# The site speaks Danish whatever the browser asks for: there is no
# LocaleMiddleware, so Accept-Language changes nothing. An editor may still
# choose English for the admin in their account (Wagtail reads their profile).
LANGUAGE_CODE = "da"
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
LANGUAGES = [("da", "Dansk"), ("en", "English")]
TIME_ZONE = "Europe/Copenhagen"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("ALMENHUB_STATIC_ROOT", DATA_DIR / "static"))
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
# The deployments (embedded and production) serve static files from the web
# server itself: compressed (gzip and brotli), hashed names cached for a year
# by WhiteNoise (whose middleware they add after SecurityMiddleware).
WHITENOISE_STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
MEDIA_URL = "/media/"
MEDIA_ROOT = DATA_DIR / "media"

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Members log in on the public login; the admin sends editors to its own.
LOGIN_URL = "account_login"

# The reverse proxies in front of the hub (addresses or CIDR networks,
# comma-separated). Only a request from one of them has its X-Forwarded-For
# read, from the right, for the client's address (core.ratelimit); empty, the
# header is ignored, since any client can send it.
TRUSTED_PROXIES = os.environ.get("TRUSTED_PROXIES", "")

# Each process keeps its own cached pages and answers; the stamps that retire
# them (core/stamps.py) must reach every process at once, so they live in a
# cache the processes share: files in the data folder (every process on this
# machine, whatever server runs them). Production with REDIS_URL uses Redis.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "shared": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(DATA_DIR / "shared-cache"),
    },
}

# Whole pages for anonymous visitors are cached this long (retired at once when
# an editor publishes); 0 turns the cache off.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "600"))
# Never looked up in that cache: everything below these URLs (by name) and
# below STATIC_URL and MEDIA_URL. The admin is for signed-in editors; the
# suggestions and the API's search answer what was typed (not worth a place).
PAGE_CACHE_EXEMPT_URLS = [
    "wagtailadmin_home",
    "opendata:api-v1:search",
    "opendata:api-v1:docs",
    "search:suggest",
]
# What a copy from that cache passes before it is served, by the name its
# view gave it (core/middleware.py CHECK_HEADER): the open data's rate limit.
PAGE_CACHE_CHECKS = {"opendata": "almenhub.opendata.http.cached_answer_check"}
# Typed searches counted for the editors' report are written together, at
# most this many seconds after the first of them (search/counting.py): one
# write per search would hold the database's one write lock for each.
SEARCH_COUNT_SECONDS = float(os.environ.get("SEARCH_COUNT_SECONDS", "5"))
# How long a caching proxy of the hub's own, which the hub purges on every
# change (make prod-demo's Varnish), may keep a public answer (s-maxage);
# 0: no s-maxage, for a proxy that is not purged.
PROXY_CACHE_SECONDS = int(os.environ.get("PROXY_CACHE_SECONDS", "0"))
# Varnish in front (deploy/varnish/, scripts/varnish.sh; `make prod-demo`),
# in either deployment: VARNISH_URL is where the hub sends its purges
# (Wagtail's frontend cache; core/proxy.py). Purged on every change, it may
# keep public answers an hour, and it is the address whose X-Forwarded-For
# the hub believes.
VARNISH_URL = os.environ.get("VARNISH_URL", "")
if VARNISH_URL:
    WAGTAILFRONTENDCACHE = {
        "varnish": {
            "BACKEND": "almenhub.core.proxy.VarnishBackend",
            "LOCATION": VARNISH_URL,
        }
    }
    PROXY_CACHE_SECONDS = int(os.environ.get("PROXY_CACHE_SECONDS", "3600"))
    TRUSTED_PROXIES = TRUSTED_PROXIES or "127.0.0.1"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"
# One policy for the public site, one for the admins (core/csp.py says why).
CONTENT_SECURITY_POLICY = PUBLIC_POLICY
CONTENT_SECURITY_POLICY_ADMIN = ADMIN_POLICY

# Background work (e-mail, publication compiles, periodic jobs) goes to a
# durable queue in the database, run by `manage.py db_worker` beside the web
# server; periodic jobs are enqueued by `manage.py run_scheduler`
# (almenhub.worker). Tests and `make dev` run tasks at once instead.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# Seconds between tries of an e-mail the mail server did not take
# (almenhub.worker.mail; comma-separated in the environment): about two
# days in all, then given up.
MAIL_RETRY_DELAYS = [
    float(s)
    for s in os.environ.get(
        "MAIL_RETRY_DELAYS", "10,30,60,300,900,3600,10800,21600,43200"
    ).split(",")
]
# A mail server that hangs must not hold the worker for ever.
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "20"))

WAGTAIL_SITE_NAME = "almenhub"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILADMIN_PERMITTED_LANGUAGES = [("da", "Dansk"), ("en", "English")]
WAGTAIL_I18N_ENABLED = False
# The admin asks no outside server anything: no release check, no Gravatar
# (an editor's e-mail hash would leave the site, and the policy forbids it).
WAGTAIL_ENABLE_UPDATE_CHECK = False
# The time zones an editor may choose in their account: the realm's, not
# every name the system's tz database holds (some, like "localtime", are no
# zone a browser knows, and the account page fails on them).
WAGTAIL_USER_TIME_ZONES = ["Europe/Copenhagen", "Atlantic/Faroe", "America/Nuuk", "UTC"]
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx", "pptx", "odt", "csv", "zip", "mp4"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# Search: "auto" is PostgreSQL full-text search on PostgreSQL, else the
# embedded Tantivy index in the data folder.
ALMENHUB_SEARCH_ENGINE = os.environ.get("ALMENHUB_SEARCH_ENGINE", "auto")
# How long the value register's figures are kept under one content version
# (almenhub.indicators.caching); 0 turns the cache off.
VALUE_FIGURES_CACHE_SECONDS = int(os.environ.get("VALUE_FIGURES_CACHE_SECONDS", "600"))
ALMENHUB_SEARCH_INDEX_DIR = Path(
    os.environ.get("ALMENHUB_SEARCH_INDEX_DIR", DATA_DIR / "search-index")
)

# Upper limits for the importer's admin upload (per file and per request).
# Files per request is Django's own limit, read by the upload form too, so
# that the two can never disagree.
IMPORTER_MAX_FILE_BYTES = 2 * 1024 * 1024
# A zip archive of a folder of pages (its pages count against the files).
IMPORTER_MAX_ARCHIVE_BYTES = 20 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FILES = 500

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}

# Meetings: personal data in registrations is anonymised this many months
# after the meeting (command `anonymise_registrations`, run daily), and
# presenters' slides may be at most this large.
MEETINGS_ANONYMISE_AFTER_MONTHS = int(
    os.environ.get("MEETINGS_ANONYMISE_AFTER_MONTHS", "6")
)
MEETINGS_SLIDES_MAX_BYTES = 25 * 1024 * 1024
# Registered participants get a reminder (with the invitation and the cancel
# link) this many days before their meeting (job meetings.reminders_send).
MEETINGS_REMINDER_DAYS_BEFORE = int(
    os.environ.get("MEETINGS_REMINDER_DAYS_BEFORE", "3")
)

# Sign-in: an account (with one client address) or a client address is locked
# out this long after this many failed attempts (users/throttle.py).
LOGIN_LOCK_SECONDS = 15 * 60
LOGIN_FAILURES_PER_ACCOUNT = 5
LOGIN_FAILURES_PER_ADDRESS = 30

# Open data API: requests per client and minute (0: no limit, e.g. for a load
# test).
OPENDATA_RATE_LIMIT = int(os.environ.get("OPENDATA_RATE_LIMIT", "120"))

# -- Member accounts: django-allauth (accounts only, no social logins) --------
# Public sign-up, login, e-mail verification and password reset at /konto/;
# the admin keeps its own login for editors. allauth's own rate limits are off:
# every limit of the hub goes through core.ratelimit (users/throttle.py).
INSTALLED_APPS += ["allauth", "allauth.account"]  # noqa: F405 (after users)
MIDDLEWARE.append("allauth.account.middleware.AccountMiddleware")
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
ACCOUNT_ADAPTER = "almenhub.users.adapter.AccountAdapter"
ACCOUNT_FORMS = {"signup": "almenhub.users.forms.MemberSignupForm"}
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_USER_DISPLAY = "almenhub.users.adapter.user_display"
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = True
ACCOUNT_RATE_LIMITS = False
ACCOUNT_EMAIL_CONFIRMATION_HMAC = True
ACCOUNT_EMAIL_CONFIRMATION_EXPIRE_DAYS = 3
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "almenhub: "
ACCOUNT_EMAIL_CONFIRMATION_ANONYMOUS_REDIRECT_URL = "/konto/log-ind/"
ACCOUNT_LOGOUT_REDIRECT_URL = "/"
LOGIN_REDIRECT_URL = "/konto/"
# Where the contact form sends a message whose contact person has left and
# whose organisation has no contact person of its own.
ALMENHUB_SECRETARIAT_EMAIL = os.environ.get(
    "ALMENHUB_SECRETARIAT_EMAIL", "sekretariat@almenhub.dk"
)
# A password reset link lasts a day (Django's default is three).
PASSWORD_RESET_TIMEOUT = 24 * 60 * 60
