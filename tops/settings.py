"""Settings for the TOPS portal.

Every setting that differs between a laptop and production comes from an
environment variable (see README and .env.example). With no environment at
all the portal runs on its embedded default: SQLite, media on the local disk,
Celery tasks executed in-process and e-mail printed to the console.
"""

import os
import secrets
from pathlib import Path

import environ
from celery.schedules import crontab
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()


def _local_secret_key(path: Path) -> str:
    """With no SECRET_KEY given (the embedded default), a key of this machine's own, made once
    and kept beside the code, never one that is in the repository. Production sets SECRET_KEY,
    shared by every instance; `check --deploy` says so when it is missing (tops/checks.py)."""
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text().strip()
    with os.fdopen(descriptor, "w") as key_file:
        key_file.write(secrets.token_urlsafe(50))
    return path.read_text().strip()


LOCAL_SECRET_KEY_FILE = BASE_DIR / ".secret-key"
SECRET_KEY = env("SECRET_KEY", default="") or _local_secret_key(LOCAL_SECRET_KEY_FILE)
# Rotation: the new key in SECRET_KEY, the old one here until sessions and reset links made with
# it have expired (README, Operations).
SECRET_KEY_FALLBACKS = env.list("SECRET_KEY_FALLBACKS", default=[])
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "tops",
    "registry",
    "activity",
    "accounts",
    "suppliers",
    "catalog",
    "review",
    "reports",
    "awards",
    "programme",
    "publications",
    "coaching",
    "figures",
]

MIDDLEWARE = [
    "tops.logs.RequestLogMiddleware",
    "tops.middleware.RequestBodyLimitMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "accounts.middleware.StaffTwoStepRequiredMiddleware",
    "publications.rules.RulesAcceptanceMiddleware",
]

ROOT_URLCONF = "tops.urls"
WSGI_APPLICATION = "tops.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "tops.context_processors.portal",
                "catalog.context_processors.pavilions",
            ],
        },
    },
]

# --- Data -------------------------------------------------------------------

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = True
if DATABASES["default"]["ENGINE"].endswith("postgresql"):
    # Persistent connections, checked before each request reuses one (a restarted PostgreSQL
    # leaves dead connections behind); a short connect timeout so that a database that is
    # down answers 503 quickly instead of holding the request.
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("connect_timeout", 5)
else:
    # The embedded default under concurrent requests: readers do not block the writer (WAL),
    # a writer waits its turn (busy timeout) and takes the write lock when its transaction
    # starts, so two transactions never deadlock upgrading their locks.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    )
    # Tests use a file too, not SQLite's shared in-memory database, whose locks fail at once
    # instead of waiting: the browser tests' concurrent requests then meet the same database
    # as `make run`.
    DATABASES["default"].setdefault("TEST", {}).setdefault(
        "NAME", str(BASE_DIR / "test-db.sqlite3")
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    # Shared by every web and worker process, so that counters such as failed
    # log-ins hold across processes.
    # While Redis is out of reach each process falls back to its own memory (tops/cache.py):
    # log-in and sign-up keep working, their limits per process until Redis is back.
    CACHES = {
        "default": {
            "BACKEND": "tops.cache.RedisWithLocalFallback",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "tops",
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# The government's company registry (商工行政資料開放平臺), asked for the company behind a
# 統一編號 at sign-up, in the supplier application and on the reviewer's page. Empty: off.
COMPANY_REGISTRY_URL = env(
    "COMPANY_REGISTRY_URL", default="https://data.gcis.nat.gov.tw/od/data/api"
)
COMPANY_REGISTRY_TIMEOUT = env.float("COMPANY_REGISTRY_TIMEOUT", default=3.0)
COMPANY_REGISTRY_CACHE_SECONDS = 24 * 60 * 60
# After this many failures in a row, the registry is not asked again for this many seconds.
COMPANY_REGISTRY_BREAKER_FAILURES = 3
COMPANY_REGISTRY_BREAKER_SECONDS = 60

MEDIA_ROOT = Path(env("MEDIA_ROOT", default=str(BASE_DIR / "media")))
MEDIA_URL = "/media/"
# Only needed where collectstatic runs (production); whitenoise serves from the finders otherwise.
STATIC_ROOT = env("STATIC_ROOT", default=None)
STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
WHITENOISE_USE_FINDERS = True
# Documents (registration papers, labour-insurance lists…) are private: they
# live apart from public media and are only ever served through a view that
# checks who is asking. In production both go to object storage; the private
# bucket hands out short-lived signed URLs only.
PRIVATE_MEDIA_ROOT = Path(env("PRIVATE_MEDIA_ROOT", default=str(BASE_DIR / "private-media")))
OBJECT_STORAGE_BUCKET = env("OBJECT_STORAGE_BUCKET", default="")
PRIVATE_OBJECT_STORAGE_BUCKET = env("PRIVATE_OBJECT_STORAGE_BUCKET", default="")
if OBJECT_STORAGE_BUCKET and PRIVATE_OBJECT_STORAGE_BUCKET:
    _object_storage = {
        "endpoint_url": env("OBJECT_STORAGE_ENDPOINT_URL", default=None),
        "region_name": env("OBJECT_STORAGE_REGION", default=None),
        "access_key": env("OBJECT_STORAGE_ACCESS_KEY", default=None),
        "secret_key": env("OBJECT_STORAGE_SECRET_KEY", default=None),
        "file_overwrite": False,
        "signature_version": "s3v4",
    }
    STORAGES_DEFAULT = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            **_object_storage,
            "bucket_name": OBJECT_STORAGE_BUCKET,
            "querystring_auth": False,
            "default_acl": "public-read",
            # Pictures and logos as the proxy in front serves them (e.g. "tops.gov.taipei/media").
            "custom_domain": env("OBJECT_STORAGE_PUBLIC_DOMAIN", default=None),
            "url_protocol": env("OBJECT_STORAGE_PUBLIC_PROTOCOL", default="https:"),
        },
    }
    STORAGES_PRIVATE = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            **_object_storage,
            "bucket_name": PRIVATE_OBJECT_STORAGE_BUCKET,
            "default_acl": "private",
            "querystring_auth": True,
            "querystring_expire": 60,
        },
    }
else:
    STORAGES_DEFAULT = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    STORAGES_PRIVATE = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": None},
    }
STORAGES = {
    "default": STORAGES_DEFAULT,
    "private": STORAGES_PRIVATE,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 11 * 1024 * 1024
# The largest form (a product with 8 pictures of at most 10 MB) and a little more; the proxy in
# front has the same limit (client_max_body_size in scripts/cluster.py's nginx).
MAX_REQUEST_BYTES = 85 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 11 * 1024 * 1024

# --- Celery -----------------------------------------------------------------

CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
# A task whose worker process died (killed, out of memory) goes back to the queue.
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# An unacknowledged task returns to the queue after minutes, not Redis's default hour.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=300),
    "socket_connect_timeout": 2,
    "socket_timeout": 5,
}
# Publishing to a broker that is down gives up after about a second; the outbox keeps the mail.
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 2,
    "interval_start": 0,
    "interval_step": 0.3,
    "interval_max": 0.5,
}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# No task runs for ever: a hung call is cut off and the work tried again later.
CELERY_TASK_SOFT_TIME_LIMIT = 120
CELERY_TASK_TIME_LIMIT = 150
CELERY_TIMEZONE = "Asia/Taipei"
CELERY_BEAT_SCHEDULE = {
    # A newsletter issue left half sent by a stopped worker is taken up again.
    "resume-sending-newsletter-issues": {
        "task": "publications.tasks.resume_sending",
        "schedule": crontab(minute=20),
    },
    "forget-unconfirmed-newsletter-subscribers": {
        "task": "publications.tasks.forget_unconfirmed_subscribers",
        "schedule": crontab(hour=4, minute=10),
    },
    "sweep-the-outbox": {"task": "tops.tasks.sweep_outbox", "schedule": 60.0},
    "sweep-processing-product-pictures": {
        "task": "catalog.tasks.sweep_processing_pictures",
        "schedule": 60.0,
    },
    "remove-pictures-held-on-forms-never-sent": {
        "task": "catalog.tasks.remove_unsent_held_pictures",
        "schedule": crontab(hour=3, minute=50),
    },
    "sweep-staged-private-files": {
        "task": "tops.tasks.sweep_staged_files",
        "schedule": crontab(hour=3, minute=45),
    },
    # Every morning; the task itself does nothing on a day that is not a working day.
    "remind-reviewers-of-due-applications": {
        "task": "review.tasks.remind_reviewers",
        "schedule": crontab(hour=8, minute=0),
    },
    "remind-applicants-of-open-corrections": {
        "task": "review.tasks.remind_applicants_of_corrections",
        "schedule": crontab(hour=9, minute=0),
    },
    "purge-labour-insurance-lists": {
        "task": "suppliers.tasks.purge_expired_labour_insurance_lists",
        "schedule": crontab(hour=3, minute=15),
    },
    "remind-suppliers-of-the-yearly-update": {
        "task": "suppliers.tasks.remind_suppliers_of_yearly_update",
        "schedule": crontab(hour=9, minute=30),
    },
    "remove-expired-copies-of-personal-data": {
        "task": "accounts.tasks.remove_expired_data_copies",
        "schedule": crontab(hour=3, minute=30),
    },
    "remind-staff-of-invitation-follow-ups": {
        "task": "awards.tasks.remind_staff_of_follow_ups",
        "schedule": crontab(hour=8, minute=30),
    },
    # Hourly: a registration whose activity starts within 24 hours gets its reminder once;
    # a run missed while the workers were down is made up by the next.
    "remind-registrants-of-tomorrows-activities": {
        "task": "programme.tasks.remind_registrants",
        "schedule": crontab(minute=5),
    },
    "take-the-public-figures": {
        "task": "figures.tasks.take_public_figures",
        "schedule": crontab(hour=2, minute=45),
    },
    "move-grown-startups-to-the-sme-group": {
        "task": "suppliers.tasks.move_grown_startups_to_sme_group",
        "schedule": crontab(hour=2, minute=30),
    },
}

# --- E-mail -----------------------------------------------------------------

vars().update(env.email_url("EMAIL_URL", default="consolemail://"))
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="TOPS 台北好購 <no-reply@tops.gov.taipei>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# A mail server that never answers cannot hold a worker: the send fails and is tried again.
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=15)
EMAIL_MESSAGE_ID_DOMAIN = env("EMAIL_MESSAGE_ID_DOMAIN", default="tops.gov.taipei")

# --- Accounts ---------------------------------------------------------------

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
SITE_ID = 1
# The public address, used in e-mails that link back to the portal.
SITE_DOMAIN = env("SITE_DOMAIN", default="localhost:8000")
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "accounts:organisation"

ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
ACCOUNT_FORMS = {
    "signup": "accounts.forms.BuyerSignupForm",
    "login": "accounts.forms.LoginForm",
}
# The username is the organisation's 統一編號; buyers log in with it or with
# their contact e-mail.
ACCOUNT_LOGIN_METHODS = {"username", "email"}
ACCOUNT_SIGNUP_FIELDS = ["username*", "email*", "password1*", "password2*"]
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_EMAIL_VERIFICATION_BY_CODE_ENABLED = True
ACCOUNT_EMAIL_VERIFICATION_BY_CODE_TIMEOUT = 10 * 60
ACCOUNT_EMAIL_VERIFICATION_BY_CODE_MAX_ATTEMPTS = 5
# A log-in to an account not yet activated mails no code: the code page sends a new one when
# asked, within ACCOUNT_RATE_LIMITS["activation_code"] per account (accounts/stages.py,
# accounts/views.py), so the request is always offered there.
ACCOUNT_EMAIL_VERIFICATION_SUPPORTS_RESEND = True
ACCOUNT_EMAIL_VERIFICATION_SUPPORTS_CHANGE = True
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = False
# Tax IDs are public registry data, and the issue asks that a taken number or
# e-mail be named at the field rather than answered with a silent e-mail.
# Password reset answers the same whether or not an address has an account, and mails only
# addresses that do; the sign-up still says a 統一編號 is taken (with the way to reset it).
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[TOPS 台北好購] "
# The account's holder is told of a changed or reset password and a changed e-mail address, in
# the portal's own mail templates (templates/account/email/).
ACCOUNT_EMAIL_NOTIFICATIONS = True
ACCOUNT_LOGOUT_REDIRECT_URL = "home"
# Behind the city's reverse proxy every request comes from the proxy's address: the rate limits
# (log-in, reports) must count the visitor's address from X-Forwarded-For instead.
ALLAUTH_TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)

ACCOUNT_RATE_LIMITS = {
    # Five wrong passwords for one account lock it for five minutes; an
    # address that tries many accounts is slowed down as well.
    "login_failed": "20/m/ip,5/5m/key",
    # At most 3 new codes an hour for one account, mailed only when asked for (the first
    # code after sign-up is not counted; a code for a changed address is).
    "activation_code": "3/h/key",
    # allauth's own limit on the codes (and "you already have an account" mails) sent to one
    # address, whoever asks: the sign-up's code and the new ones above fit in it.
    "confirm_email": "5/h/key",
    "reset_password": "20/m/ip,5/m/key",
    "signup": "20/m/ip",
    # The sign-up page's company registry lookup, open to anyone: enough for a person.
    "registry_lookup": "10/m/ip,60/h/ip",
    # Public reports (reports.views): enough for a person, too few for a flood.
    "report": "5/h/ip",
    "report_attempt": "30/h/ip",
    # Buyers' inquiries to suppliers: enough for real purchasing, too few for spam.
    "inquiry": "10/h/user,30/d/user",
}

# Staff, who can disqualify suppliers and verify awards, log in in two steps: an authenticator
# app's code (TOTP) or a security key (WebAuthn, where the browser offers it), with recovery
# codes; the admin does not open until one is set up (accounts/middleware.py).
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes", "webauthn"]
MFA_TOTP_ISSUER = "TOPS 台北好購"
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = DEBUG

# --- Language and time ------------------------------------------------------

LANGUAGE_CODE = "zh-hant"
LANGUAGES = [
    ("zh-hant", "繁體中文"),
    ("en", "English"),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60
LANGUAGE_COOKIE_SAMESITE = "Lax"
USE_I18N = True
# Dates as 2026年12月3日 / 3 Dec 2026 (tops/formats/).
FORMAT_MODULE_PATH = ["tops.formats"]
TIME_ZONE = "Asia/Taipei"
USE_TZ = True

# --- Security ---------------------------------------------------------------

SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
# No inline script or style anywhere (scripts and styles are files under static/); pictures
# from this site, data URLs and the public bucket where it is served from elsewhere.
_public_media_domain = env("OBJECT_STORAGE_PUBLIC_DOMAIN", default="")
_PUBLIC_MEDIA_ORIGINS = [
    origin
    for origin in (
        env("OBJECT_STORAGE_ENDPOINT_URL", default=""),
        _public_media_domain
        and f"{env('OBJECT_STORAGE_PUBLIC_PROTOCOL', default='https:')}//"
        f"{_public_media_domain.split('/')[0]}",
    )
    if origin
]
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", *_PUBLIC_MEDIA_ORIGINS],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
# The browser features the portal never uses, switched off for every page.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "camera",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    )
}
HTTPS = env.bool("HTTPS", default=False)
if HTTPS:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

# --- The portal -------------------------------------------------------------

# 參.二(四)3: a receipt after the office closes counts from the next working day.
REVIEW_OFFICE_CLOSES_AT = env("REVIEW_OFFICE_CLOSES_AT", default="17:30")
# An applicant who has not answered a correction request after this many working days
# is reminded once.
CORRECTIONS_REMINDER_WORKING_DAYS = 10
# The reviewers' shared mailbox: told of every submitted application.
REVIEWERS_EMAIL = env("REVIEWERS_EMAIL", default="tops-review@example.gov.taipei")
# The city's personal-data window: told of every correction or deletion request.
PERSONAL_DATA_EMAIL = env("PERSONAL_DATA_EMAIL", default="tops-privacy@example.gov.taipei")
# 個資法: labour-insurance lists name employees; they are deleted this many days
# after the decision on their application.
LABOUR_INSURANCE_LIST_RETENTION_DAYS = env.int("LABOUR_INSURANCE_LIST_RETENTION_DAYS", default=90)

PORTAL_NAME = _("TOPS Taipei-Origin Promotional Station")
# 參.三: the contact window shown in every page's footer.
CONTACT_PHONE = "02-2720-8889"
CONTACT_PHONE_EXTENSION = "6627"
CONTACT_EMAIL = "ea-40037@gov.taipei"

# JSON lines (one per request, with its request id) unless DEBUG or LOG_FORMAT=text; the
# worker logs the same way (Celery leaves the root logger alone), each line with its task id.
LOG_FORMAT = env("LOG_FORMAT", default="text" if DEBUG else "json")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "tops.logs.RequestIdFilter"}},
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(request_id)s %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": LOG_FORMAT,
            "filters": ["request_id"],
        }
    },
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        # runserver and gunicorn print their own access lines; ours is tops.request.
        "django.server": {"level": "WARNING"},
    },
}
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
