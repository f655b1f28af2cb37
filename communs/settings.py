"""Django settings for Communs: the only module that reads the environment.

Two modes share this file:

- embedded (default): SQLite in ``var/``, a secret key generated once and kept in
  ``var/secret_key``, everything on one machine;
- production (``COMMUNS_ENV=production``): every unsafe default is refused, the secret
  key and allowed hosts must be given, and ``communs check --deploy`` reports nothing.
"""

from __future__ import annotations

import importlib.util
import os
import secrets
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

PACKAGE_DIR = Path(__file__).resolve().parent


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default).strip()


def env_bool(name: str, default: bool) -> bool:
    raw = env_str(name)
    if not raw:
        return default
    lowered = raw.lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {raw!r}.")


def env_int(name: str, default: int) -> int:
    raw = env_str(name)
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be an integer, not {raw!r}.") from None


def env_list(name: str, default: list[str]) -> list[str]:
    raw = env_str(name)
    if not raw:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_secret(name: str) -> str:
    """A secret from NAME, or from the file named by NAME_FILE (Docker and systemd style)."""
    value = env_str(name)
    path = env_str(f"{name}_FILE")
    if value and path:
        raise ImproperlyConfigured(f"Set {name} or {name}_FILE, not both.")
    if path:
        try:
            return Path(path).read_text(encoding="utf-8").strip()
        except OSError as error:
            raise ImproperlyConfigured(f"{name}_FILE cannot be read: {error}") from None
    return value


def embedded_secret_key(data_dir: Path) -> str:
    """Generated on first use and kept, so sessions survive restarts of the embedded mode."""
    path = data_dir / "secret_key"
    if path.exists():
        return path.read_text(encoding="utf-8").strip()
    data_dir.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(50)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(key)
    return key


def restrict_to_owner(database: Path) -> None:
    """The SQLite file is readable by its owner only (SQLite gives its -wal and -shm files
    the same permissions); an existing file is narrowed too."""
    if str(database) in {"", ":memory:"} or str(database).startswith("file:"):
        return
    os.close(os.open(database, os.O_WRONLY | os.O_CREAT, 0o600))
    if database.stat().st_mode & 0o077:
        database.chmod(0o600)


PRODUCTION = env_str("COMMUNS_ENV", "embedded") == "production"
if env_str("COMMUNS_ENV", "embedded") not in {"embedded", "production"}:
    raise ImproperlyConfigured("COMMUNS_ENV must be 'embedded' or 'production'.")

DATA_DIR = Path(env_str("COMMUNS_DATA_DIR") or PACKAGE_DIR.parent / "var")

DEBUG = env_bool("DEBUG", default=False)

SECRET_KEY = env_secret("SECRET_KEY")
if not SECRET_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured(
            "SECRET_KEY (or SECRET_KEY_FILE) is required when COMMUNS_ENV=production."
        )
    SECRET_KEY = embedded_secret_key(DATA_DIR)

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost"])
if PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS is required when COMMUNS_ENV=production.")
# Refused here, when settings load, rather than only by `check --deploy`: a WSGI server
# (waitress, gunicorn) runs no system check before it serves.
if PRODUCTION and DEBUG:
    raise ImproperlyConfigured(
        "DEBUG is on in production: error pages would show settings and code "
        "(communs.E001). Unset DEBUG, or set DEBUG=false."
    )
if PRODUCTION and any(host in {"*", ".*"} or host.startswith("*") for host in ALLOWED_HOSTS):
    raise ImproperlyConfigured(
        "ALLOWED_HOSTS accepts any host in production (communs.E002). List the site's host "
        "names in ALLOWED_HOSTS."
    )
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "communs.web",
    "communs.catalog",
    "communs.evaluations",
    "communs.territories",
    "communs.usage",
    "communs.mutualisation",
    "communs.outcomes",
    "communs.resources",
    "communs.accounts",
    "communs.api",
    "communs.opendata",
    "communs.alerts",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_filters",
    "simple_history",
    "axes",
    "ninja",  # serves the API docs' assets from this site, not from a CDN
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "communs.api.middleware.ApiMiddleware",  # /api/ only: limits, CORS, ETags, JSON errors
    "django.contrib.sessions.middleware.SessionMiddleware",
    "communs.web.middleware.LanguageMiddleware",
    "communs.web.middleware.RefusalPageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as django-axes asks: turns a lockout into a page
]

ROOT_URLCONF = "communs.urls"
# A failed CSRF check is a refusal like any other: the site's layout, a sentence, a way on.
CSRF_FAILURE_VIEW = "communs.web.views.csrf_failure"
WSGI_APPLICATION = "communs.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
            "libraries": {"french": "communs.french_tags"},
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL") or f"sqlite:///{DATA_DIR / 'communs.sqlite3'}",
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    # Concurrent writers wait instead of failing with "database is locked": WAL lets reads
    # go on during a write, writes take the lock when their transaction begins (a deferred
    # transaction that reads then writes cannot wait for the lock), and a busy writer is
    # waited for up to the timeout (seconds).
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": env_int("SQLITE_BUSY_TIMEOUT", 20),
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    restrict_to_owner(Path(DATABASES["default"]["NAME"]))

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# French first, English one click away.
LANGUAGE_CODE = env_str("LANGUAGE_CODE", "fr")
LANGUAGES = [("fr", _("French")), ("en", _("English"))]
if LANGUAGE_CODE not in dict(LANGUAGES):
    raise ImproperlyConfigured("LANGUAGE_CODE must be 'fr' or 'en'.")
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = env_str("TIME_ZONE", "Europe/Paris")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
# Leaflet's files come from the django-leaflet package; its Django app (which needs GDAL)
# is not installed, only its static folder is served.
_LEAFLET = importlib.util.find_spec("leaflet")
STATICFILES_DIRS = [Path(_LEAFLET.origin).parent / "static"] if _LEAFLET and _LEAFLET.origin else []
STATIC_ROOT = Path(env_str("STATIC_ROOT") or DATA_DIR / "static")
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT") or DATA_DIR / "media")
# Uploaded documents that are served only through a view that checks who may read them
# (quotes of co-funding campaigns): outside MEDIA_ROOT, which the web server may expose.
PRIVATE_MEDIA_ROOT = Path(env_str("PRIVATE_MEDIA_ROOT") or DATA_DIR / "private")
QUOTE_DOCUMENT_MAX_BYTES = env_int("QUOTE_DOCUMENT_MAX_BYTES", 10 * 1024 * 1024)


# Documents of the resource library: outside MEDIA_ROOT and STATIC_ROOT, so that no web
# server serves them as pages; only the download view reads them, as attachments.
RESOURCES_ROOT = Path(env_str("RESOURCES_ROOT") or DATA_DIR / "resources")
RESOURCE_MAX_MB = env_int("RESOURCE_MAX_MB", 8)  # below SERVER_MAX_REQUEST_BODY_MB
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
# The embedded mode serves static files straight from the apps, with no collectstatic step.
WHITENOISE_USE_FINDERS = not PRODUCTION
if not PRODUCTION:
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
}

# Production hardening: every setting `check --deploy` asks for, on unless told otherwise.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=PRODUCTION)
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("BEHIND_HTTPS_PROXY", PRODUCTION) else None
)
SESSION_COOKIE_SECURE = PRODUCTION
CSRF_COOKIE_SECURE = PRODUCTION
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000 if PRODUCTION else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = PRODUCTION
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=PRODUCTION)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

CATALOGUE_PAGE_SIZE = env_int("CATALOGUE_PAGE_SIZE", 20)

# The embedded mode's web server (waitress, started by `communs run`): request threads, and
# connections held at most (more wait in the listen backlog).
SERVER_THREADS = env_int("SERVER_THREADS", 8)
SERVER_CONNECTION_LIMIT = env_int("SERVER_CONNECTION_LIMIT", 200)
# Requests with a larger body are refused by the server before Django reads them.
SERVER_MAX_REQUEST_BODY_BYTES = env_int("SERVER_MAX_REQUEST_BODY_MB", 10) * 1024 * 1024

# Logos: refused past these limits, then re-encoded as a PNG of at most LOGO_MAX_SIDE px.
LOGO_MAX_BYTES = env_int("LOGO_MAX_KB", 1024) * 1024
LOGO_MAX_PIXELS = env_int("LOGO_MAX_PIXELS", 16_000_000)
LOGO_MAX_SIDE = 512

# Evaluations. Embedded mode (default): jobs wait in the database and the worker runs in the
# web process (`communs run`) or alone (`communs evaluation_worker`). Scale mode: set
# BROKER_URL (redis://… or amqp://…) and start Celery workers (`celery -A communs worker`).
EVALUATION_CACHE_DIR = Path(env_str("EVALUATION_CACHE_DIR") or DATA_DIR / "repositories")
EVALUATION_INTERVAL_DAYS = env_int("EVALUATION_INTERVAL_DAYS", 7)  # 0: no schedule
EVALUATION_SCHEDULE_BATCH = env_int("EVALUATION_SCHEDULE_BATCH", 5)
EVALUATION_CLONE_TIMEOUT = env_int("EVALUATION_CLONE_TIMEOUT", 900)
EVALUATION_CLONE_MAX_BYTES = env_int("EVALUATION_CLONE_MAX_MB", 2048) * 1024 * 1024
# Seconds all the git reads of one evaluation may take; past it the job fails with the reason.
EVALUATION_TIMEOUT = env_int("EVALUATION_TIMEOUT", 600)
# The OSV database the known vulnerabilities check reads (DIR/<Ecosystem>/*.json, as
# `communs osv_refresh` writes it); evaluations run without it while the folder is absent.
OSV_DIR = Path(env_str("COMMUNS_OSV_DIR") or DATA_DIR / "osv")
# The ecosystems `communs osv_refresh` downloads: those whose lockfiles the engine reads.
OSV_ECOSYSTEMS = env_list(
    "OSV_ECOSYSTEMS", ["npm", "PyPI", "RubyGems", "Packagist", "crates.io", "Go"]
)
OSV_EXPORT_URL = env_str(
    "OSV_EXPORT_URL", "https://osv-vulnerabilities.storage.googleapis.com/{ecosystem}/all.zip"
)
# A running job's worker renews its lease; past this many seconds without a heartbeat the
# job is requeued, and failed with the reason after EVALUATION_JOB_MAX_ATTEMPTS attempts.
EVALUATION_JOB_LEASE_SECONDS = env_int("EVALUATION_JOB_LEASE_SECONDS", 60)
EVALUATION_JOB_MAX_ATTEMPTS = env_int("EVALUATION_JOB_MAX_ATTEMPTS", 3)
CELERY_BROKER_URL = env_secret("BROKER_URL")
CELERY_TASK_ACKS_LATE = True
# The queue the jobs go through: several installations may share one broker.
CELERY_TASK_DEFAULT_QUEUE = env_str("BROKER_QUEUE", "communs")
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = EVALUATION_CLONE_TIMEOUT + EVALUATION_TIMEOUT + 300
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BEAT_SCHEDULE = {
    "schedule-due-evaluations": {
        "task": "communs.evaluations.schedule_due_evaluations",
        "schedule": 3600.0,
    },
    # Open co-funding campaigns past their deadline expire and release their pledges.
    "expire-campaigns": {
        "task": "communs.mutualisation.expire_campaigns",
        "schedule": 3600.0,
    },
    # Idempotent: running it twice, or after a crash, sends nothing twice.
    "alerts": {"task": "communs.alerts.run", "schedule": 300.0},
    # Checked every quarter of an hour; exports once a day from OPENDATA_EXPORT_HOUR on.
    "nightly-opendata-export": {"task": "communs.opendata.export_if_due", "schedule": 900.0},
    "missing-opendata-export": {"task": "communs.opendata.export_if_missing", "schedule": 900.0},
}

# Official French territorial units: @etalab/decoupage-administratif 6.0.0 (2026 edition,
# Licence Ouverte 2.0), fetched by `make territories-data`.
TERRITORIES_EDITION = env_str("TERRITORIES_EDITION", "2026")
TERRITORIES_DATA_DIR = Path(
    env_str("TERRITORIES_DATA_DIR") or DATA_DIR / "decoupage-administratif-6.0.0" / "data"
)

# Email: printed to the console in the embedded mode, or written one file per message into
# EMAIL_FILE_PATH when it is set (the browser tests read them there); SMTP when EMAIL_HOST is set.
EMAIL_HOST = env_str("EMAIL_HOST")
EMAIL_FILE_PATH = env_str("EMAIL_FILE_PATH")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
elif EMAIL_FILE_PATH:
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_secret("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=True)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "communs@localhost")

# Map tiles of the "who uses it" maps (OpenStreetMap's by default; any XYZ tile server).
MAP_TILES_URL = env_str("MAP_TILES_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png")
MAP_ATTRIBUTION = env_str("MAP_ATTRIBUTION", "© OpenStreetMap contributors")

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "my_space"  # the member's space, unless the page asked for ?next=
LOGOUT_REDIRECT_URL = "home"


def _tiles_origin(url: str) -> str:
    """The origin of the map tiles, for the Content-Security-Policy ({s} subdomains: *)."""
    parts = urlsplit(url.replace("{s}", "*"))
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""


# Content-Security-Policy (django-csp): scripts and styles from this site only, no inline
# script or style, no plugins, no framing. The map's tiles come from MAP_TILES_URL's origin.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:", *filter(None, [_tiles_origin(MAP_TILES_URL)])],
        "connect-src": [SELF],
        "font-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
# Permissions-Policy: none of the browser features a page could ask for are used.
PERMISSIONS_POLICY: dict[str, list[str]] = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "encrypted-media",
        "fullscreen",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "publickey-credentials-get",
        "screen-wake-lock",
        "usb",
        "xr-spatial-tracking",
    )
}

# Abuse limits (communs/accounts/throttling.py). Sign-in: django-axes counts failures in the
# database and locks an account, and an address, after SIGNIN_FAILURE_LIMIT failures for
# SIGNIN_LOCKOUT_MINUTES. Sign-up, password reset and contact: django-ratelimit counts in the
# cache. The embedded mode's cache lives in its one process; processes that must share the
# counters (several web processes, the scale mode) set CACHE_URL to a Redis database.
CACHE_URL = env_secret("CACHE_URL")
if CACHE_URL and not CACHE_URL.startswith(("redis://", "rediss://", "unix://")):
    raise ImproperlyConfigured("CACHE_URL must be a redis://, rediss:// or unix:// address.")
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_URL}
        if CACHE_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    ),
    # Rendered pages and parts of pages (communs/web/fragments.py, catalog/listing.py),
    # out of date when what they show changes. Every web process must see an invalidation:
    # files in the data folder in the embedded mode (nothing to install), Redis with CACHE_URL.
    "fragments": (
        {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": CACHE_URL,
            "KEY_PREFIX": "fragments",
            "TIMEOUT": 24 * 3600,
        }
        if CACHE_URL
        else {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(DATA_DIR / "cache" / "fragments"),
            "TIMEOUT": 24 * 3600,
            "OPTIONS": {"MAX_ENTRIES": 50_000},
        }
    ),
}
# A bare view, for `make bench-web` to measure the server and framework alone (off by default).
BENCHMARK_VIEW = env_bool("BENCHMARK_VIEW", False)
# Number of proxies in front of Communs that append to X-Forwarded-For (0: trust none and use
# the connection's address). Rate limits per address need the visitor's address, not the proxy's.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("SIGNIN_FAILURE_LIMIT", 10)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("SIGNIN_LOCKOUT_MINUTES", 15))
# Each parameter locks on its own: an account whoever tries it, an address whatever it tries.
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
# One account, one count: its username or its email address, in any case, count together.
AXES_USERNAME_CALLABLE = "communs.accounts.throttling.signin_account"
AXES_CLIENT_IP_CALLABLE = "communs.accounts.throttling.client_address"
AXES_LOCKOUT_CALLABLE = "communs.accounts.throttling.signin_locked_out"
AXES_HTTP_RESPONSE_CODE = 429
# Quiet at start-up: every command (migrate, run, the CLI) would otherwise print a banner.
AXES_VERBOSE = False
RATELIMIT_USE_CACHE = "default"
RATELIMIT_IP_META_KEY = "communs.accounts.throttling.client_address"
# An unconfirmed account expires, and its address and username are free again, after this.
ACCOUNT_CONFIRMATION_DAYS = env_int("ACCOUNT_CONFIRMATION_DAYS", 3)

# Open data and API (communs.api, communs.opendata).
# Requests per address to /api/, in django-ratelimit's notation ("600/m" is 600 a minute).
API_RATE_LIMIT = env_str("API_RATE_LIMIT", "600/m")
# Requests with one write token (on top of the limit of the address they come from).
API_TOKEN_RATE_LIMIT = env_str("API_TOKEN_RATE_LIMIT", "120/m")
API_PAGE_SIZE = env_int("API_PAGE_SIZE", 50)
# Where `communs opendata export` writes and where /opendata/files/ serves from.
OPENDATA_DIR = Path(env_str("OPENDATA_DIR") or DATA_DIR / "opendata")
# The nightly export: from this hour (server time) on, once a day; -1 turns it off.
OPENDATA_EXPORT_HOUR = env_int("OPENDATA_EXPORT_HOUR", 3)

# Alerts (communs.alerts): the job runs every ALERTS_EVERY_SECONDS (embedded worker or
# Celery beat; 0 turns the embedded schedule off) and looks back ALERTS_LOOKBACK_DAYS for
# changes not reported yet.
ALERTS_EVERY_SECONDS = env_int("ALERTS_EVERY_SECONDS", 300)
ALERTS_LOOKBACK_DAYS = env_int("ALERTS_LOOKBACK_DAYS", 14)
# How many days before a contract's end (recorded on a usage declaration) its organisation's
# members are told: once per threshold, comma-separated.
try:
    ALERTS_CONTRACT_END_DAYS = sorted(
        {int(days) for days in env_list("ALERTS_CONTRACT_END_DAYS", ["90", "30"])}, reverse=True
    )
except ValueError:
    raise ImproperlyConfigured(
        "ALERTS_CONTRACT_END_DAYS must be whole numbers of days, comma-separated."
    ) from None
# Webhooks: attempts, the wait after the first failure (doubling after each), the timeout
# of one request, and whether hooks may point into private networks (refused in production
# unless allowed: a hook is a request the server makes on an organisation's behalf).
WEBHOOKS_MAX_ATTEMPTS = env_int("WEBHOOKS_MAX_ATTEMPTS", 8)
WEBHOOKS_RETRY_BASE_SECONDS = env_int("WEBHOOKS_RETRY_BASE_SECONDS", 60)
WEBHOOKS_TIMEOUT = env_int("WEBHOOKS_TIMEOUT", 10)
WEBHOOKS_ALLOW_PRIVATE_ADDRESSES = env_bool("WEBHOOKS_ALLOW_PRIVATE_ADDRESSES", not PRODUCTION)
# The site's public address, for the absolute links of the dumps and their DCAT-AP description.
SITE_URL = env_str("SITE_URL", "http://localhost:8000").rstrip("/")
