"""Settings for Recommendation Tracker, read from the environment.

Every setting that differs between a laptop, CI and production comes from an
environment variable; a malformed value stops start-up with a clear message.
"""

import os
import secrets
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("VAR_DIR", BASE_DIR / "var"))


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in ("1", "true", "yes", "on"):
        return True
    if value.lower() in ("0", "false", "no", "off"):
        return False
    raise ImproperlyConfigured(f"{name} must be 1/0, true/false, yes/no or on/off, not {value!r}.")


def env_int(name, default):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.") from None


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def database_from_url(url):
    """A DATABASES entry from postgres://user:password@host:port/name (dj-database-url), PostgreSQL only."""
    scheme = urlsplit(url).scheme
    if scheme not in ("postgres", "postgresql"):
        raise ImproperlyConfigured(f"DATABASE_URL must start with postgres:// or postgresql://, not {scheme}://.")
    database = dj_database_url.parse(url, conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60), conn_health_checks=True)
    if not database.get("NAME"):
        raise ImproperlyConfigured("DATABASE_URL must name a database, e.g. postgres://host/tracker.")
    return database


def cache_from_url(url):
    """The public page cache: Redis (Django's own backend) shared by every process and machine, if set."""
    if not url:
        # Each process keeps its own pages: fine for one process on a laptop, wrong for several in production.
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "OPTIONS": {"MAX_ENTRIES": 2000}}
    scheme = urlsplit(url).scheme
    if scheme not in ("redis", "rediss", "unix"):
        raise ImproperlyConfigured(f"REDIS_URL must start with redis://, rediss:// or unix://, not {scheme}://.")
    return {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url, "KEY_PREFIX": "tracker"}


def file_storage():
    """Where uploads, issued PDFs and signatures are kept: a private directory (MEDIA_ROOT, which has no URL), or
    with FILE_STORAGE=s3 a bucket of S3-compatible object storage (django-storages). Either way a name in use is
    never written over (a free name is taken instead), and nothing is readable without the service."""
    kind = os.environ.get("FILE_STORAGE", "filesystem")
    if kind == "filesystem":
        return {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"allow_overwrite": False}}
    if kind != "s3":
        raise ImproperlyConfigured(f"FILE_STORAGE must be filesystem or s3, not {kind!r}.")
    if not os.environ.get("AWS_STORAGE_BUCKET_NAME"):
        raise ImproperlyConfigured("FILE_STORAGE=s3 needs AWS_STORAGE_BUCKET_NAME.")
    options = {
        "bucket_name": os.environ["AWS_STORAGE_BUCKET_NAME"],
        "file_overwrite": False,
        "default_acl": "private",
        "querystring_auth": True,
    }
    # Credentials may also come from the machine's role; the endpoint names a store other than AWS.
    for option, variable in [
        ("endpoint_url", "AWS_S3_ENDPOINT_URL"),
        ("region_name", "AWS_S3_REGION_NAME"),
        ("access_key", "AWS_ACCESS_KEY_ID"),
        ("secret_key", "AWS_SECRET_ACCESS_KEY"),
    ]:
        if os.environ.get(variable):
            options[option] = os.environ[variable]
    return {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options}


def development_secret_key():
    """A random key kept under var/, so that a laptop's sessions survive a restart."""
    path = VAR_DIR / "secret_key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


DEBUG = env_bool("DEBUG", False)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set the SECRET_KEY environment variable to a long random "
            "string (for example the output of: python3 -c 'import secrets; "
            "print(secrets.token_urlsafe(50))'), or set DEBUG=1 on a development machine."
        )
    SECRET_KEY = development_secret_key()

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

SERVICE_NAME = os.environ.get("SERVICE_NAME", "Recommendation Tracker")
INSPECTORATE_NAME = os.environ.get(
    "INSPECTORATE_NAME", "His Majesty's Inspectorate of Constabulary and Fire & Rescue Services"
)
INSPECTORATE_SHORT_NAME = os.environ.get("INSPECTORATE_SHORT_NAME", "HMICFRS")
# A letter is approved by someone other than the last person to edit it. A one-person team turns this off.
LETTER_APPROVAL_BY_ANOTHER_USER = env_bool("LETTER_APPROVAL_BY_ANOTHER_USER", True)
SERVICE_CONTACT_EMAIL = os.environ.get("SERVICE_CONTACT_EMAIL", "accessibility@inspectorate.example.org")

INSTALLED_APPS = [
    "config.apps.OTPAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_tasks",
    "django_tasks_db",
    "crispy_forms",
    "crispy_forms_gds",
    "simple_history",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "worker",
    "accounts",
    "outbox",
    "forces",
    "inspections",
    "recommendations",
    "governance",
    "reviews",
    "reminders",
    "letters",
    "publications",
    "subscriptions",
    "config",  # the top layer: the demo data command composes every app's demo
]

MIDDLEWARE = [
    # First: an anonymous visitor's stored public page is served before anything below runs.
    "publications.middleware.PublicPageCacheMiddleware",
    "core.middleware.RequestSizeLimitMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "core.middleware.RefuseNulBytesMiddleware",
    "core.middleware.SessionLifetimeMiddleware",
    "core.uploads.RawUploadNamesMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "config.context_processors.service",
            ],
        },
    },
]

if os.environ.get("DATABASE_URL"):
    DATABASES = {"default": database_from_url(os.environ["DATABASE_URL"])}
else:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": VAR_DIR / "db.sqlite3",
            "OPTIONS": {"transaction_mode": "IMMEDIATE", "timeout": 20},
        }
    }


# Only public pages live in the cache (sessions and lockouts are in the database), and it is never
# cleared: a write that changes public pages starts a new generation of them (publications.caching).
CACHES = {"default": cache_from_url(os.environ.get("REDIS_URL", ""))}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:sign-in"
LOGIN_REDIRECT_URL = "landing"
LOGOUT_REDIRECT_URL = "home"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # counts failed sign-ins and locks accounts out
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",  # verifies older hashes, then upgrades them
]

# Lockout after repeated failed sign-ins, per username and address (django-axes).
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = 1  # hour
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False
AXES_CLIENT_IP_CALLABLE = "core.addresses.client_address"
# Proxies in front of the service that append the client's address to X-Forwarded-For (1 behind the
# documented proxy). Without one the header is ignored: a client could write anything in it.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 1 if env_bool("BEHIND_PROXY") else 0)
# After two failures for a username from an address, the next attempt waits 1 s, then 2, 4 ... up to 60 s.
SIGN_IN_DELAY_SECONDS = env_int("SIGN_IN_DELAY_SECONDS", 1)

# Sessions end after 30 minutes without a request, and 10 hours after signing in whatever happens.
SESSION_COOKIE_AGE = env_int("SESSION_IDLE_SECONDS", 30 * 60)
SESSION_SAVE_EVERY_REQUEST = True
SESSION_ABSOLUTE_SECONDS = env_int("SESSION_ABSOLUTE_SECONDS", 10 * 60 * 60)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

OTP_TOTP_ISSUER = "Recommendation Tracker"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
if DEBUG:
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # WhiteNoise warns on every request without it
STATICFILES_DIRS = [BASE_DIR / "static"]

STORAGES = {
    "default": file_storage(),
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# Uploaded documents, issued PDFs and signatures are private: kept outside STATIC_ROOT, never given a URL.
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
# Set (e.g. /protected-files/) when the front proxy sends stored files itself: the service checks the file and
# answers with X-Accel-Redirect to that internal location; unset, the service streams the file.
FILE_ACCEL_REDIRECT = os.environ.get("FILE_ACCEL_REDIRECT", "")
if FILE_ACCEL_REDIRECT and not (FILE_ACCEL_REDIRECT.startswith("/") and FILE_ACCEL_REDIRECT.endswith("/")):
    raise ImproperlyConfigured(f"FILE_ACCEL_REDIRECT must start and end with /, not {FILE_ACCEL_REDIRECT!r}.")

CRISPY_ALLOWED_TEMPLATE_PACKS = ["gds"]
CRISPY_TEMPLATE_PACK = "gds"

DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "tracker@inspectorate.example.org")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_TO_FILES = env_bool("EMAIL_TO_FILES", False)
if os.environ.get("EMAIL_HOST"):
    if EMAIL_TO_FILES:
        raise ImproperlyConfigured("EMAIL_HOST and EMAIL_TO_FILES are both set: unset one of them.")
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = os.environ["EMAIL_HOST"]
    EMAIL_PORT = env_int("EMAIL_PORT", 587)
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
    EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 30)  # an SMTP server that hangs must not hold the worker
elif DEBUG or EMAIL_TO_FILES:
    # Development (or an operator who asked for it): every message is written to a file one can open.
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = Path(os.environ.get("EMAIL_FILE_PATH", VAR_DIR / "mail"))
else:
    raise ImproperlyConfigured(
        "EMAIL_HOST is not set, so letters and receipts would be written to files instead of sent. Set "
        "EMAIL_HOST (with EMAIL_PORT, EMAIL_HOST_USER and EMAIL_HOST_PASSWORD), or set EMAIL_TO_FILES=1 to "
        "keep email in files on purpose."
    )

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_HTTPONLY = True
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("BEHIND_PROXY") else None
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not DEBUG)
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Content Security Policy (django-csp): the pages load only the service's own scripts and styles.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "frame-ancestors": ["'none'"],
    }
}

# Limits on what a request may carry (files are capped again, one by one, by the upload checks).
MAX_REQUEST_BYTES = env_int("MAX_REQUEST_BYTES", 110 * 1024 * 1024)

# PDFs are made in a render process (letters.pdf_engine): at most this long per PDF, and this much memory
# beyond the renderer's own; a PDF that needs more is refused with a message and nothing is kept.
PDF_RENDER_SECONDS = env_int("PDF_RENDER_SECONDS", 10)
PDF_RENDER_MEMORY_MB = env_int("PDF_RENDER_MEMORY_MB", 256)
PDF_RENDER_START_SECONDS = env_int("PDF_RENDER_START_SECONDS", 30)
# How many PDFs one process of the service renders at once (a bulk job's letters): by default one per core.
PDF_RENDER_PROCESSES = env_int("PDF_RENDER_PROCESSES", os.cpu_count() or 1)
if PDF_RENDER_PROCESSES < 1:
    raise ImproperlyConfigured(f"PDF_RENDER_PROCESSES must be 1 or more, not {PDF_RENDER_PROCESSES}.")
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000
DATA_UPLOAD_MAX_NUMBER_FILES = 10

DEMO_PASSWORD = os.environ.get("DEMO_PASSWORD", "") or "inspectorate-demo-2017"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "{asctime} {levelname} {name} {message}", "style": "{"},
        "json": {"()": "core.audit.JsonFormatter"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain"},
        "audit": {"class": "logging.StreamHandler", "formatter": "json"},
    },
    "root": {"handlers": ["console"], "level": "INFO"},
    "loggers": {
        "django": {"level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        "audit": {"handlers": ["audit"], "level": "INFO", "propagate": False},
        "axes": {"level": "WARNING"},
    },
}

# The address links in emails point at: required in production, like SECRET_KEY (`make run` passes the
# address it serves on).
SITE_URL = os.environ.get("SITE_URL", "" if not DEBUG else "http://127.0.0.1:8000")
if not SITE_URL:
    raise ImproperlyConfigured(
        "SITE_URL is not set. Set it to the address people use to reach the service, for example "
        "https://tracker.example.org: links in emails point there."
    )

# Background work (bulk letter jobs, sending email) runs in `manage.py run_worker`.
TASKS = {"default": {"BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend")}}
