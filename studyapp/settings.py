"""学而 settings: one file, read from the environment, with defaults for local use.

With no variables set the app runs on SQLite in ``var/`` with DEBUG on. Every
variable is checked here, so a malformed value stops start-up with a message
that names it instead of failing later inside a request.
"""

import ipaddress
import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("XUEER_VAR_DIR", BASE_DIR / "var"))

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(
        f"{name}={raw!r} is not a boolean; use 1/0, true/false, yes/no or on/off."
    )


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    items = [item.strip() for item in raw.split(",")]
    if any(not item for item in items):
        raise ImproperlyConfigured(
            f"{name}={raw!r} has an empty entry; give a comma-separated list."
        )
    return items


def env_int(name: str, default: int, *, minimum: int = 0) -> int:
    raw = os.environ.get(name)
    if raw is None:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r} is not a whole number.") from None
    if value < minimum:
        raise ImproperlyConfigured(f"{name}={raw!r} must be at least {minimum}.")
    return value


DEBUG = env_bool("DEBUG", True)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "local-development-only-not-secret"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"] if DEBUG else [])
if not ALLOWED_HOSTS:
    # Django would answer every request with 400; say why at start-up instead.
    raise ImproperlyConfigured(
        "ALLOWED_HOSTS must be set when DEBUG is off: the site's host names, comma-separated."
    )
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
for _origin in CSRF_TRUSTED_ORIGINS:
    if not _origin.startswith(("http://", "https://")):
        raise ImproperlyConfigured(
            f"CSRF_TRUSTED_ORIGINS entry {_origin!r} must start with http:// or https://."
        )

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "django_tasks_db",
    "django_eventstream",
    "axes",
    "corpus",
    "quizzes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # With DEBUG off whitenoise answers /static/ here (see STORAGES), before any middleware
    # below; with DEBUG on the development server serves the files from the apps' folders.
    *([] if DEBUG else ["whitenoise.middleware.WhiteNoiseMiddleware"]),
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "studyapp.middleware.ChineseFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "studyapp.privacy.SessionIdleTimeoutMiddleware",
    "studyapp.privacy.PrivatePagesMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Last, as django-axes asks: it turns a locked-out sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "studyapp.urls"
WSGI_APPLICATION = "studyapp.wsgi.application"
ASGI_APPLICATION = "studyapp.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "studyapp.context_processors.roles",
            ],
        },
    },
]

# Database: SQLite in var/ unless DATABASE_URL says otherwise.
#
# SQLite is tuned so that the web server, a task worker and the tests can write
# at the same time: WAL lets readers run beside one writer, BEGIN IMMEDIATE takes
# the write lock at the start of a transaction (so a waiting writer queues on the
# busy timeout instead of failing with "database is locked" when it upgrades a
# read lock), and synchronous=FULL makes every acknowledged commit durable.
SQLITE_OPTIONS = {
    "transaction_mode": "IMMEDIATE",
    "timeout": 30,
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON",
}

_database_url = os.environ.get("DATABASE_URL", "").strip()
if _database_url:
    try:
        _database = dj_database_url.parse(_database_url, conn_max_age=60, conn_health_checks=True)
    except (ValueError, KeyError) as error:
        raise ImproperlyConfigured(f"DATABASE_URL could not be read: {error}") from None
    if not _database.get("ENGINE"):
        raise ImproperlyConfigured(
            f"DATABASE_URL has an unknown scheme: {_database_url.split(':', 1)[0]!r}."
        )
else:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    _database = {"ENGINE": "django.db.backends.sqlite3", "NAME": VAR_DIR / "db.sqlite3"}

if _database["ENGINE"] == "django.db.backends.sqlite3":
    _database["OPTIONS"] = {**SQLITE_OPTIONS, **_database.get("OPTIONS", {})}
    # A file, not Django's default in-memory database: concurrent writers
    # (the live server, threads in tests) must share one real database. One per
    # test process, so two test runs on one machine never share it.
    _database["TEST"] = {"NAME": str(VAR_DIR / f"test-db-{os.getpid()}.sqlite3")}
    VAR_DIR.mkdir(parents=True, exist_ok=True)

DATABASES = {"default": _database}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # counts failed sign-ins before Django checks the password
    "django.contrib.auth.backends.ModelBackend",
]
# Sign-in attempts are limited per account and address together, so a class
# behind one school address is not locked out by one learner's typos, and
# nobody can lock another person's account from elsewhere. Kept in the database.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15, minimum=1))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_CALLABLE = "quizzes.views.accounts.locked_out"
AXES_RESET_ON_SUCCESS = True
# The address of a request: REMOTE_ADDR, or X-Forwarded-For as written by TRUSTED_PROXIES.
AXES_CLIENT_IP_CALLABLE = "studyapp.clientip.client_address"

# The reverse proxies (addresses or networks) whose X-Forwarded-For is believed; with none,
# every limit counts the address the connection comes from (see studyapp/clientip.py).
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES", [])
for _proxy in TRUSTED_PROXIES:
    try:
        ipaddress.ip_network(_proxy, strict=False)
    except ValueError:
        raise ImproperlyConfigured(
            f"TRUSTED_PROXIES entry {_proxy!r} is not an IP address or network."
        ) from None

# Sessions last SESSION_COOKIE_AGE seconds from the last time they changed (Django's two
# weeks by default); SESSION_IDLE_MINUTES also signs out a user idle that long (0: never).
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 14 * 24 * 3600, minimum=60)
SESSION_IDLE_MINUTES = env_int("SESSION_IDLE_MINUTES", 0)

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "corpus:library"
LOGOUT_REDIRECT_URL = "corpus:library"

# Chinese first: a visitor sees Chinese until they pick English with the switch.
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("简体中文")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = os.environ.get("TIME_ZONE", "Asia/Shanghai")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = VAR_DIR / "static"
# With DEBUG off, `manage.py collectstatic` (run by `make serve`) copies the files to
# STATIC_ROOT under names carrying a hash of their content, with gzip copies beside them;
# whitenoise serves them with a far-future cache, and a changed file gets a new name.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# whitenoise's own table of types has no .wav (the projector's sounds): it would send them as
# application/octet-stream, which a browser told nosniff may refuse to play.
WHITENOISE_MIMETYPES = {".wav": "audio/wav"}

# Background tasks (django.tasks): study items are generated by a task. "immediate"
# runs it inside the request (tests, `make run`); "database" queues it for
# `manage.py db_worker` (django-tasks-db), the production setting.
_TASK_BACKENDS = {
    "immediate": "django.tasks.backends.immediate.ImmediateBackend",
    "database": "django_tasks_db.DatabaseBackend",
}
_task_backend = os.environ.get("TASKS_BACKEND", "immediate").strip()
if _task_backend not in _TASK_BACKENDS:
    raise ImproperlyConfigured(
        f"TASKS_BACKEND={_task_backend!r} must be one of: {', '.join(_TASK_BACKENDS)}."
    )
TASKS = {"default": {"BACKEND": _TASK_BACKENDS[_task_backend], "QUEUES": ["default"]}}

# FSRS adds a little random spread to intervals so cards learned together do not
# stay together; tests that replay a schedule exactly turn it off.
STUDY_FUZZ = env_bool("STUDY_FUZZ", True)

# The most players one live quiz takes: a lecture hall, not a flood of joins from one script.
LIVE_MAX_PLAYERS = env_int("LIVE_MAX_PLAYERS", 300, minimum=2)

# Under the ASGI server requests take turns on this many threads (studyapp/asgi.py), each of which
# keeps its database connection rather than opening one per request (SQLite's setup is ~3 ms).
ASGI_THREADS = env_int("ASGI_THREADS", 8, minimum=1)
DATABASES["default"].setdefault("CONN_MAX_AGE", 60)

# The live quiz's events (django-eventstream, server-sent events under the ASGI server). Alone, a
# process hands each event to its own open streams, so it must be the only server process; with
# REDIS_URL every process publishes to Redis and hears every other one's events, so several
# workers and machines can serve one game. No event store: a phone that reconnects asks for the
# current state instead of a replay.
REDIS_URL = os.environ.get("REDIS_URL", "").strip()
if REDIS_URL:
    from redis.connection import parse_url as _parse_redis_url

    try:
        EVENTSTREAM_REDIS = _parse_redis_url(REDIS_URL)
    except ValueError as _error:
        raise ImproperlyConfigured(
            f"REDIS_URL={REDIS_URL!r} is not a Redis URL: {_error}"
        ) from None
    # django-eventstream passes these to both redis.Redis and redis.asyncio.Redis: say TLS
    # (rediss://) as the flag both take, not as the one connection class of the first.
    if EVENTSTREAM_REDIS.pop("connection_class", None) is not None:
        EVENTSTREAM_REDIS["ssl"] = True

# Uploads: the importer refuses texts over 5 MB, so requests may carry a little more.
IMPORT_MAX_BYTES = env_int("IMPORT_MAX_BYTES", 5 * 1024 * 1024, minimum=1)
# PDF and Word files carry fonts, images and layout: their own, larger limit.
DOCUMENT_MAX_BYTES = env_int("DOCUMENT_MAX_BYTES", 20 * 1024 * 1024, minimum=1)
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * IMPORT_MAX_BYTES + 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = max(IMPORT_MAX_BYTES, DOCUMENT_MAX_BYTES) + 1024 * 1024
# What one document may hold: a text over these is refused at its preview (split it), and its
# items stop at the cap (the rest of the articles wait for a teacher to split the document).
DOCUMENT_MAX_SECTIONS = env_int("DOCUMENT_MAX_SECTIONS", 2000, minimum=1)
DOCUMENT_MAX_ITEMS = env_int("DOCUMENT_MAX_ITEMS", 10000, minimum=1)
# Imports per account: previews and uploads per hour, and documents kept (teachers hold more).
IMPORTS_PER_HOUR = env_int("IMPORTS_PER_HOUR", 30, minimum=1)
LEARNER_DOCUMENT_QUOTA = env_int("LEARNER_DOCUMENT_QUOTA", 50, minimum=1)
TEACHER_DOCUMENT_QUOTA = env_int("TEACHER_DOCUMENT_QUOTA", 500, minimum=1)
# An item generation silent this long (seconds) while queued or running has lost its worker:
# its owner may restart it, and importing the text again does.
GENERATION_STALLED_AFTER = env_int("GENERATION_STALLED_AFTER", 600, minimum=1)
# Sign-ups from one address: a class signing up together behind a school's NAT fits; a script
# making accounts does not (and teacher requests, which an admin reads, are fewer still).
SIGNUPS_PER_ADDRESS_PER_HOUR = env_int("SIGNUPS_PER_ADDRESS_PER_HOUR", 100, minimum=1)
TEACHER_REQUESTS_PER_ADDRESS_PER_DAY = env_int("TEACHER_REQUESTS_PER_ADDRESS_PER_DAY", 5, minimum=1)

# Content Security Policy: nothing leaves the server's origin; inline scripts
# only with the per-request nonce, and no inline styles at all.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "connect-src": [CSP.SELF],
    "font-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

# HTTPS. `make serve` speaks plain HTTP to a reverse proxy that holds the certificate, so
# Django learns that a request was HTTPS from the proxy, and only if the operator says the
# proxy sets X-Forwarded-Proto (and strips it from what clients send).
if env_bool("SECURE_PROXY_SSL_HEADER", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    # django.tasks reports every state change at INFO: noise in `make run`'s console.
    "loggers": {"django.tasks": {"level": os.environ.get("LOG_LEVEL", "WARNING")}},
}
