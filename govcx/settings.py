"""Django settings for govcx, read only from environment variables (docs/configuration.md).

GOVCX_ENV selects the safety level. ``production`` (the default, so a forgotten variable never
loosens security) requires an explicit SECRET_KEY, ALLOWED_HOSTS and DATABASE_URL and refuses
insecure choices. ``development`` gives working defaults for `make run` on one machine.
"""

from datetime import timedelta
from pathlib import Path

import dj_database_url
import django_stubs_ext
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from govcx.env import env_bool, env_choice, env_int, env_list, env_rate, env_str

# Lets admin and queryset classes be written with type parameters (ModelAdmin[Model]).
django_stubs_ext.monkeypatch()

BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(env_str("GOVCX_DATA_DIR", str(BASE_DIR.parent / "var")) or "var")

GOVCX_ENV = env_choice("GOVCX_ENV", "production", ("production", "development"))
PRODUCTION = GOVCX_ENV == "production"

DEBUG = env_bool("DEBUG", default=not PRODUCTION)
_DEV_SECRET = "govcx-development-only-key-never-use-this-in-production-0123456789"  # noqa: S105  # nosec B105
SECRET_KEY = env_str("SECRET_KEY", None if PRODUCTION else _DEV_SECRET) or ""
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

_database_url = env_str(
    "DATABASE_URL", None if PRODUCTION else f"sqlite:///{DATA_DIR}/govcx.sqlite3"
)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "csp",
    "govcx.core",
    "govcx.operations",
    "govcx.audit",
    "govcx.catalog",
    "govcx.surveys",
    "govcx.collection",
    "govcx.analytics",
    "govcx.reporting",
    "govcx.retention",
    "ninja",
    "django_tasks",
    "django_tasks_db",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "govcx.accounts",
    "govcx.demo",
    # Last, so govcx.core's widget templates (USWDS markup) override Django's own.
    "django.forms",
]

MIDDLEWARE = [
    # Outermost: times and logs every request, with its request id (docs/operations.md).
    "govcx.operations.middleware.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "govcx.core.csp.PolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Before the access rule, so an expired session is ended before the rule looks at the user.
    "govcx.accounts.middleware.SessionTimeoutMiddleware",
    "govcx.accounts.middleware.AccessRuleMiddleware",
    # Last, as django-axes asks: it turns a lockout raised during sign-in into its response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "govcx.urls"
WSGI_APPLICATION = "govcx.wsgi.application"
AUTH_USER_MODEL = "accounts.User"
# django-axes counts failed password sign-ins first; AccountBackend accepts passwords only where
# local accounts are enabled, and loads signed-in users of every kind (docs/sign-in.md).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "govcx.accounts.backends.AccountBackend",
]
LOGIN_URL = "accounts:sign-in"
LOGIN_REDIRECT_URL = "catalog:home"
LOGOUT_REDIRECT_URL = "catalog:home"

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
                "govcx.accounts.context_processors.session_timeout",
            ],
        },
    }
]
# Widget templates in govcx/core/templates/django/forms/ give form controls USWDS markup.
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

if not _database_url:
    raise ImproperlyConfigured("DATABASE_URL: required when GOVCX_ENV=production.")
DATABASES = {
    "default": dj_database_url.parse(
        _database_url, conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60, minimum=0)
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    Path(str(DATABASES["default"]["NAME"])).parent.mkdir(parents=True, exist_ok=True)
    # WAL lets readers work while one writer commits; IMMEDIATE avoids lock-upgrade deadlocks.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("es", "Español")]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = env_str("TIME_ZONE", "America/New_York") or "UTC"

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
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
WHITENOISE_USE_FINDERS = not PRODUCTION

# Email: console output unless an SMTP server is configured.
EMAIL_HOST = env_str("EMAIL_HOST", "") or ""
EMAIL_PORT = env_int("EMAIL_PORT", 587, minimum=1)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "") or ""
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "") or ""
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=True)
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "govcx@localhost") or "govcx@localhost"
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Transport security. Behind a TLS-terminating load balancer set TRUST_X_FORWARDED_PROTO=true.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=PRODUCTION)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
if env_bool("TRUST_X_FORWARDED_PROTO", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000 if PRODUCTION else 0, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_SECONDS > 0
SECURE_HSTS_PRELOAD = SECURE_HSTS_SECONDS > 0
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = PRODUCTION
CSRF_COOKIE_SECURE = PRODUCTION
SESSION_COOKIE_HTTPONLY = True
# Lax, not Strict: a sign-in provider redirects back with a top-level GET that must carry the
# session; cross-site POSTs and subresource requests never carry it.
SESSION_COOKIE_SAMESITE = "Lax"
if PRODUCTION:
    # __Host- cookies are refused by browsers unless Secure, host-only and Path=/.
    SESSION_COOKIE_NAME = "__Host-govcx_session"
    CSRF_COOKIE_NAME = "__Host-govcx_csrf"
X_FRAME_OPTIONS = "DENY"

# Sign-in sessions (ADR 11): they end after GOVCX_SESSION_IDLE_MINUTES without activity (a
# warning comes GOVCX_SESSION_WARNING_SECONDS before) and SESSION_COOKIE_AGE after sign-in,
# whatever the activity.
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 12 * 60 * 60, minimum=60)
GOVCX_SESSION_IDLE_SECONDS = env_int("GOVCX_SESSION_IDLE_MINUTES", 15, minimum=1) * 60
GOVCX_SESSION_WARNING_SECONDS = env_int("GOVCX_SESSION_WARNING_SECONDS", 120, minimum=10)
if GOVCX_SESSION_WARNING_SECONDS >= GOVCX_SESSION_IDLE_SECONDS:
    raise ImproperlyConfigured(
        "GOVCX_SESSION_WARNING_SECONDS: must be shorter than GOVCX_SESSION_IDLE_MINUTES."
    )

# Content-Security-Policy (django-csp; docs/security-headers.md): scripts run only with this
# response's nonce, styles and everything else only from this origin, no framing (hosted survey
# pages: their touchpoint's websites may frame them, govcx.core.csp).
# Where forms may send people: govcx itself (and Login.gov when configured, below).
FORM_ACTION: list[str] = [SELF]
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [NONE],
        "script-src": [NONCE],
        "style-src": [SELF],
        # data: for the icons inlined in the API docs' stylesheet (Swagger UI); a data: image
        # carries nothing out of the page.
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "manifest-src": [SELF],
        "form-action": FORM_ACTION,
        "frame-ancestors": [NONE],
        "base-uri": [NONE],
        "object-src": [NONE],
    }
}
# Browser features no govcx page uses are switched off for the page and anything it embeds.
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
        "usb",
    )
}

# Logs go to standard output: one JSON object a line in production (for the platform's log
# service), plain text in development. Requests and task runs each log one line with a request
# or task id and never personal data (docs/operations.md).
LOG_FORMAT = env_choice("LOG_FORMAT", "json" if PRODUCTION else "text", ("json", "text"))
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
            "timestamp": False,
        },
        "text": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO") or "INFO"},
    "loggers": {
        # Our request log replaces Django's, which names full paths (public ids, query strings).
        "django.request": {"level": "ERROR"},
        "django.server": {"level": "WARNING"},
        # govcx.task logs each run once, with its duration; keep the framework's failures.
        "django_tasks": {"level": "WARNING"},
        "django_tasks_db": {"level": "WARNING"},
        # The scheduler ticks every few seconds; its own log says only when something is wrong.
        "apscheduler": {"level": "WARNING"},
    },
}
# /metrics (Prometheus text format): open to a bearer token and/or listed client addresses;
# with neither set it answers 404. Under gunicorn, PROMETHEUS_MULTIPROC_DIR gathers all its
# processes (set by govcx.gunicorn_config).
GOVCX_METRICS_TOKEN = env_str("GOVCX_METRICS_TOKEN", "") or ""
GOVCX_METRICS_ALLOWED_IPS = env_list("GOVCX_METRICS_ALLOWED_IPS", [])

# Rows shown per page on list screens (audit log, members, ...).
GOVCX_PAGE_SIZE = env_int("GOVCX_PAGE_SIZE", 50, minimum=1)


def _refuse_insecure_production() -> None:
    """Stop start-up on a production setting that would weaken security, naming the variable."""
    if DEBUG:
        raise ImproperlyConfigured("DEBUG: must be false when GOVCX_ENV=production.")
    if not SECRET_KEY:
        raise ImproperlyConfigured("SECRET_KEY: required when GOVCX_ENV=production.")
    if SECRET_KEY == _DEV_SECRET or len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5:
        raise ImproperlyConfigured(
            "SECRET_KEY: use a random value of at least 50 characters in production."
        )
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured("ALLOWED_HOSTS: required when GOVCX_ENV=production.")
    if "*" in ALLOWED_HOSTS:
        raise ImproperlyConfigured("ALLOWED_HOSTS: '*' is not allowed in production.")
    if DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        # SQLite passes every other check, but one file on one machine cannot be shared by
        # several web processes, and the audit log's append-only trigger is PostgreSQL's.
        raise ImproperlyConfigured(
            "DATABASE_URL: production needs PostgreSQL (postgres://user:password@host:5432/"
            "name); SQLite is for development only."
        )
    if not SECURE_SSL_REDIRECT:
        raise ImproperlyConfigured("SECURE_SSL_REDIRECT: must be true in production.")
    if SECURE_HSTS_SECONDS < 31_536_000:
        raise ImproperlyConfigured("SECURE_HSTS_SECONDS: must be at least 31536000 in production.")


if PRODUCTION:
    _refuse_insecure_production()

# A-11 guidance: at most 15 questions. Above this survey screens warn; publishing still works.
GOVCX_SURVEY_QUESTION_WARNING = env_int("GOVCX_SURVEY_QUESTION_WARNING", 15, minimum=1)

# Collection: request size and rate limits (per address, per address for kiosks and shared
# networks, per touchpoint API key, and per touchpoint). Rates are "count/period" with period
# s, m, h or d.
GOVCX_MAX_SUBMISSION_BYTES = env_int("GOVCX_MAX_SUBMISSION_BYTES", 65_536, minimum=1024)
GOVCX_RATE_PER_ADDRESS = env_rate("GOVCX_RATE_PER_ADDRESS", "30/m")
GOVCX_RATE_PER_SHARED_ADDRESS = env_rate("GOVCX_RATE_PER_SHARED_ADDRESS", "600/m")
GOVCX_RATE_PER_TOUCHPOINT = env_rate("GOVCX_RATE_PER_TOUCHPOINT", "6000/m")
# A server (call center, IVR, chatbot) posts everything from one address: its key is counted
# instead of the address.
GOVCX_RATE_PER_KEY = env_rate("GOVCX_RATE_PER_KEY", "1200/m")

# The shared cache holds rate-limit counters. Several web processes need a shared one (Redis);
# without CACHE_URL each process counts alone.
CACHE_URL = env_str("CACHE_URL")
CACHES = {
    "default": (
        {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": CACHE_URL,
            "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.25},
        }
        if CACHE_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}
# Response imports through the screen; larger files go through `govcx import_responses`.
GOVCX_IMPORT_MAX_BYTES = env_int("GOVCX_IMPORT_MAX_BYTES", 20_000_000, minimum=1000)
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
# Seconds the submission path reuses a survey's facts in each process (0 = read every time).
GOVCX_SURVEY_CACHE_SECONDS = env_int("GOVCX_SURVEY_CACHE_SECONDS", 5, minimum=0)


def _static_headers(headers: dict[str, str], path: str, url: str) -> None:
    """The widget keeps one stable, versioned address (widget-v1.js) that agencies embed; cache it
    for a day so compatible fixes reach every embed within a day (hashed files stay immutable)."""
    if url.endswith("/collection/widget-v1.js"):
        headers["Cache-Control"] = "public, max-age=86400"


WHITENOISE_ADD_HEADERS_FUNCTION = _static_headers

# Background work: django-tasks with its database backend; run `govcx worker` and `govcx
# scheduler` (ADR 9, ADR 17).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# Seconds between rollup catch-ups once counting has caught up with new responses.
GOVCX_ROLLUP_INTERVAL = env_int("GOVCX_ROLLUP_INTERVAL", 5, minimum=1)
# Seconds the rollup waits at a hole in response ids (a submission may still be committing).
GOVCX_ROLLUP_GAP_SECONDS = env_int("GOVCX_ROLLUP_GAP_SECONDS", 10, minimum=0)
# Below this many answers a percent is shown as "not enough responses".
GOVCX_MIN_N = env_int("GOVCX_MIN_N", 30, minimum=1)

# Records retention (ADR 12): months responses are kept after their quarter's clock starts, for
# organizations that set no period of their own (GRS 5.8 item 010: one year); responses the
# purge deletes per batch; seconds between scheduled purges.
GOVCX_RETENTION_MONTHS = env_int("GOVCX_RETENTION_MONTHS", 12, minimum=1)
GOVCX_PURGE_BATCH = env_int("GOVCX_PURGE_BATCH", 5000, minimum=1)
GOVCX_PURGE_INTERVAL = env_int("GOVCX_PURGE_INTERVAL", 86_400, minimum=60)
# /healthz says "degraded" when background work is this many seconds late (ADR 17).
GOVCX_HEALTH_LAG_SECONDS = env_int("GOVCX_HEALTH_LAG_SECONDS", 120, minimum=10)
# Sign-in (docs/sign-in.md, ADR 10). Login.gov over OpenID Connect: authorization code flow with
# PKCE, private_key_jwt client authentication. Empty issuer: the Login.gov button is not offered.
LOGIN_GOV_ISSUER = (env_str("LOGIN_GOV_ISSUER", "") or "").rstrip("/")
LOGIN_GOV_CLIENT_ID = env_str("LOGIN_GOV_CLIENT_ID", "") or ""
LOGIN_GOV_PRIVATE_KEY = env_str("LOGIN_GOV_PRIVATE_KEY", "") or ""
LOGIN_GOV_ACR_VALUES = (
    env_str("LOGIN_GOV_ACR_VALUES", "urn:acr.login.gov:auth-only") or "urn:acr.login.gov:auth-only"
)
if LOGIN_GOV_ISSUER:
    from govcx.accounts.login_gov_config import check_login_gov_settings

    check_login_gov_settings(
        issuer=LOGIN_GOV_ISSUER,
        client_id=LOGIN_GOV_CLIENT_ID,
        private_key=LOGIN_GOV_PRIVATE_KEY,
        production=PRODUCTION,
    )
    # The "Sign in with Login.gov" button and "Sign out" (which then ends the Login.gov session
    # at the issuer's end-session endpoint) are forms whose answers redirect to Login.gov, and
    # browsers hold those redirects to form-action.
    FORM_ACTION.append(LOGIN_GOV_ISSUER)
# Local password accounts: development and the demo. Production refuses them unless enabled, and
# then only with an authenticator app (TOTP) as a second factor.
GOVCX_LOCAL_ACCOUNTS = env_bool("GOVCX_LOCAL_ACCOUNTS", default=not PRODUCTION)
GOVCX_LOCAL_MFA = env_bool("GOVCX_LOCAL_MFA", default=PRODUCTION)
if PRODUCTION and GOVCX_LOCAL_ACCOUNTS and not GOVCX_LOCAL_MFA:
    raise ImproperlyConfigured(
        "GOVCX_LOCAL_MFA: must be true when local accounts are enabled in production."
    )
OTP_TOTP_ISSUER = "govcx"
# Minutes the emailed link to set up an authenticator app works (once); at most a day.
GOVCX_MFA_LINK_MINUTES = env_int("GOVCX_MFA_LINK_MINUTES", 30, minimum=1)
if GOVCX_MFA_LINK_MINUTES > 1440:
    raise ImproperlyConfigured("GOVCX_MFA_LINK_MINUTES: must be at most 1440 (a day).")
# Lock a local account out after this many failed sign-ins in a row, for this many minutes.
GOVCX_LOCKOUT_FAILURES = env_int("GOVCX_LOCKOUT_FAILURES", 5, minimum=1)
GOVCX_LOCKOUT_MINUTES = env_int("GOVCX_LOCKOUT_MINUTES", 30, minimum=1)
AXES_FAILURE_LIMIT = GOVCX_LOCKOUT_FAILURES
AXES_COOLOFF_TIME = timedelta(minutes=GOVCX_LOCKOUT_MINUTES)
# Count failures per account (NIST SP 800-53 AC-7), whatever address they come from.
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_USERNAME_CALLABLE = "govcx.accounts.backends.lockout_username"
# Not per address as well: staff of one agency often share an address, and one person's typos
# must not lock out their colleagues.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "govcx.accounts.sign_in_views.locked_out"
AXES_ENABLE_ACCESS_FAILURE_LOG = False
AXES_DISABLE_ACCESS_LOG = True  # the audit log records sign-ins
AXES_CLIENT_IP_CALLABLE = "govcx.audit.services.client_ip"
AXES_VERBOSE = False
# Account lifecycle: unused accounts are deactivated after this many days, with email warnings
# 14 and 7 days before (`govcx accounts deactivate-inactive`, or the scheduled task).
GOVCX_INACTIVE_DAYS = env_int("GOVCX_INACTIVE_DAYS", 90, minimum=15)
# Read API: personal tokens last at most this many days; calls per token are rate limited
# (count/period as above); list pages hold at most GOVCX_API_PAGE_MAX items.
GOVCX_API_TOKEN_MAX_DAYS = env_int("GOVCX_API_TOKEN_MAX_DAYS", 365, minimum=1)
GOVCX_API_RATE_PER_TOKEN = env_rate("GOVCX_API_RATE_PER_TOKEN", "600/m")
GOVCX_API_PAGE_MAX = env_int("GOVCX_API_PAGE_MAX", 1000, minimum=10)
