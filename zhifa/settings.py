"""zhifa settings, read from the environment (see README, 'Configuration')."""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from zhifa.env import (
    env_bool,
    env_header,
    env_hex_key,
    env_int,
    env_json_object,
    env_list,
    env_secret,
    env_str,
)

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("ZHIFA_VAR_DIR", str(BASE_DIR / "var")))

SECRET_KEY = env_secret("SECRET_KEY", keep_in=VAR_DIR / "secret_key")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

# Personal data (身份证号码, phone numbers) is encrypted with SM4-GCM under this 128-bit key;
# lookups use an HMAC-SM3 digest under a key derived from it.
PERSONAL_DATA_KEY = env_hex_key(
    "PERSONAL_DATA_KEY", nbytes=16, keep_in=VAR_DIR / "personal_data_key"
)

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_htmx",
    "axes",
    "csp",
    "zhifa.core",
    "zhifa.org",
    "zhifa.registry",
    "zhifa.catalog",
    "zhifa.parties",
    "zhifa.inspections",
    "zhifa.cases",
    "zhifa.portal",
]

MIDDLEWARE = [
    "zhifa.core.requestid.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "zhifa.core.middleware.NoStoreWhenSignedInMiddleware",
    "zhifa.org.middleware.ForcePasswordChangeMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
    "zhifa.core.outage.DatabaseUnavailableMiddleware",
    "zhifa.core.api_input.AtomicAPIWritesMiddleware",
]

ROOT_URLCONF = "zhifa.urls"
WSGI_APPLICATION = "zhifa.wsgi.application"

#: Every form's errors name their field ("请填写「姓名」"): zhifa.core.form_errors.
FORM_RENDERER = "zhifa.core.form_errors.Renderer"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "zhifa" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "zhifa.portal.context_processors.navigation",
                "zhifa.portal.display.text_size",
            ],
        },
    },
]

# --- Database: SQLite (WAL) by default, PostgreSQL when DATABASE_URL says so ---
_default_sqlite = f"sqlite:///{VAR_DIR / 'zhifa.sqlite3'}"
_database_url = env_str("DATABASE_URL", _default_sqlite)
try:
    _db = dj_database_url.parse(_database_url, conn_max_age=env_int("DB_CONN_MAX_AGE", 0))
except ValueError as exc:
    raise ImproperlyConfigured(f"DATABASE_URL is not a valid database URL: {exc}") from None
if _db["ENGINE"] == "django.db.backends.sqlite3":
    Path(_db["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    _db["OPTIONS"] = {
        # BEGIN IMMEDIATE: writers queue for the lock instead of failing mid-transaction,
        # which is what keeps the ledger chain linear on SQLite.
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    # A file (not memory) so that threads — the browser tests' live server, the ledger's
    # concurrency test — share it; one per process so parallel runs never collide.
    _db.setdefault("TEST", {})["NAME"] = str(VAR_DIR / f"test_zhifa_{os.getpid()}.sqlite3")
elif _db["ENGINE"] not in ("django.db.backends.postgresql",):
    raise ImproperlyConfigured("DATABASE_URL must point at SQLite or PostgreSQL")
DATABASES = {"default": _db}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "org.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# Passwords as a 等保 level-3 audit expects: length, three character classes, not common,
# not like the user's name.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "zhifa.org.passwords.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "zhifa.org.passwords.CharacterClassValidator"},
]

# Idle timeout: the session lives SESSION_IDLE_MINUTES after the last request.
SESSION_IDLE_MINUTES = env_int("SESSION_IDLE_MINUTES", 30, minimum=1, maximum=24 * 60)
SESSION_COOKIE_AGE = SESSION_IDLE_MINUTES * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# --- HTTPS and security headers (README, "正式部署") ---
# HTTPS=true: the site is served over HTTPS (usually TLS ends at nginx, which then must say so in
# the header named by SECURE_PROXY_SSL_HEADER); plain HTTP is redirected, cookies are secure and
# browsers are told to use HTTPS only (HSTS). /healthz stays reachable over HTTP for probes.
HTTPS = env_bool("HTTPS", False)
SECURE_SSL_REDIRECT = HTTPS
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
_proxy_ssl_header = env_header("SECURE_PROXY_SSL_HEADER")
SECURE_PROXY_SSL_HEADER = (_proxy_ssl_header, "https") if _proxy_ssl_header else None
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", HTTPS)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_HSTS_SECONDS = env_int(
    "HSTS_SECONDS", 365 * 24 * 3600 if HTTPS else 0, maximum=2 * 365 * 24 * 3600
)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("HSTS_INCLUDE_SUBDOMAINS", True)
# Browsers' preload lists are for sites on the internet; an intranet host cannot be on them.
SECURE_HSTS_PRELOAD = env_bool("HSTS_PRELOAD", False)
# Content-Security-Policy: only the app's own scripts, styles, images and fonts (it runs offline
# and has no inline script; htmx's indicator style is in the stylesheet, Swagger UI's start-up
# script is a file of its own). Forms post only to the app; no page may be framed.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}
# A reverse proxy may pass its own X-Request-ID (zhifa.core.requestid); false: always make one.
TRUST_REQUEST_ID = env_bool("TRUST_REQUEST_ID", True)

# Login throttling (zhifa.org.throttle): an account is locked for the address it is attacked from
# after LOGIN_FAILURE_LIMIT failures, an address for every account after
# LOGIN_ADDRESS_FAILURE_LIMIT failures, each for LOGIN_LOCK_MINUTES.
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5, minimum=1, maximum=100)
AXES_ADDRESS_FAILURE_LIMIT = env_int("LOGIN_ADDRESS_FAILURE_LIMIT", 20, minimum=1, maximum=10000)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("LOGIN_LOCK_MINUTES", 30, minimum=1))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_HANDLER = "zhifa.org.throttle.AddressAwareHandler"
# Attempts during a lockout are refused uncounted: they neither extend it nor flood the ledger.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "zhifa.org.views.auth.locked_out"
AXES_VERBOSE = False
AXES_ENABLE_ACCESS_FAILURE_LOG = False

LANGUAGE_CODE = "zh-hans"
# The only language: LocaleMiddleware would otherwise follow the browser's Accept-Language, and an
# English-language browser got Django's own texts (form errors, weekday names) in English.
LANGUAGES = [("zh-hans", "简体中文")]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(VAR_DIR / "static")))
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STATICFILES_DIRS = [BASE_DIR / "zhifa" / "static"]
# Uploaded files (officers' photos: personal data). No MEDIA_URL on purpose: nothing here is served
# as a static file; the registry's photo view streams a photo to users who can see the officer.
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
# Evidence and other files kept by their SM3 (zhifa.core.filestore). By default the file system
# under MEDIA_ROOT (overwriting is allowed: a name is its content's hash, so it is the same bytes).
# An S3-compatible object store (MinIO …) by setting, with django-storages installed, e.g.
#   FILE_STORE_BACKEND=storages.backends.s3.S3Storage
#   FILE_STORE_OPTIONS='{"bucket_name": "zhifa-evidence", "endpoint_url": "http://minio:9000",
#                        "access_key": "…", "secret_key": "…", "file_overwrite": true}'
# Where Django keeps an upload larger than 2.5 MB while it arrives; beside MEDIA_ROOT (one file
# system), the file store moves it into place instead of copying it.
FILE_UPLOAD_TEMP_DIR = env_str("FILE_UPLOAD_TEMP_DIR", "") or None
FILE_STORE_BACKEND = env_str("FILE_STORE_BACKEND", "django.core.files.storage.FileSystemStorage")
FILE_STORE_OPTIONS = env_json_object(
    "FILE_STORE_OPTIONS",
    {"allow_overwrite": True} if FILE_STORE_BACKEND.endswith(".FileSystemStorage") else {},
)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "filestore": {"BACKEND": FILE_STORE_BACKEND, "OPTIONS": FILE_STORE_OPTIONS},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
# Issued documents (zhifa.core.documents): the address printed under each document's QR code (the
# public check page as the public reaches it), the largest file the public check accepts, and how
# many lookups and checks one address may make per window (fixed window, in the default cache).
PUBLIC_BASE_URL = env_str("PUBLIC_BASE_URL", "http://127.0.0.1:8000")
DOCUMENT_CHECK_MAX_BYTES = env_int("DOCUMENT_CHECK_MAX_BYTES", 20 * 1024 * 1024, minimum=1)
PUBLIC_DOCUMENT_LOOKUPS = env_int("PUBLIC_DOCUMENT_LOOKUPS", 60, minimum=1)
PUBLIC_DOCUMENT_CHECKS = env_int("PUBLIC_DOCUMENT_CHECKS", 20, minimum=1)
PUBLIC_RATE_WINDOW_SECONDS = env_int("PUBLIC_RATE_WINDOW_SECONDS", 600, minimum=1)
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

API_TOKEN_HOURS = env_int("API_TOKEN_HOURS", 12, minimum=1, maximum=24 * 30)

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "zhifa.org.authentication.ExpiringTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": [
        "rest_framework.permissions.IsAuthenticated",
        "zhifa.core.api.MayWrite",
    ],
    # Bounded input (zhifa.core.api_input): JSON objects of at most DATA_UPLOAD_MAX_MEMORY_SIZE,
    # pages of at most 500 rows, filter numbers a column can hold.
    "DEFAULT_PARSER_CLASSES": [
        "zhifa.core.api_input.JSONObjectParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_FILTER_BACKENDS": ["zhifa.core.api_input.FilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "zhifa.core.api_input.Pagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    # A database outage is a 503 (zhifa.core.outage); everything else core.api's handler answers.
    "EXCEPTION_HANDLER": "zhifa.core.outage.api_exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "zhifa 执法 API",
    "VERSION": "1",
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # No online validator badge: the intranet has no internet, and the CSP allows only 'self'.
    "SWAGGER_UI_SETTINGS": {"deepLinking": True, "validatorUrl": None},
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    # Every operation's error answers are documented too (400/401/403/404/413/503).
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "zhifa.core.schema.document_errors",
    ],
    # Choice sets whose field names ("kind", "status") are shared by several models.
    "ENUM_NAME_OVERRIDES": {
        "OfficerStatusEnum": "zhifa.registry.models.OfficerStatus",
        "CertificateStatusEnum": "zhifa.registry.models.CertificateStatus",
        "TrainingKindEnum": "zhifa.registry.models.TrainingKind",
        "ExamKindEnum": "zhifa.registry.models.ExamKind",
        "MatterLevelEnum": "zhifa.catalog.models.MatterLevel",
        "MatterStatusEnum": "zhifa.catalog.models.MatterStatus",
        "ListKindEnum": "zhifa.catalog.models.ListKind",
        "FilingStatusEnum": "zhifa.catalog.models.FilingStatus",
        "FactKindEnum": "zhifa.catalog.models.FactKind",
        "BenchmarkStatusEnum": "zhifa.catalog.models.BenchmarkStatus",
        "PartyKindEnum": "zhifa.parties.models.PartyKind",
        "CreditGradeEnum": "zhifa.parties.models.CreditGrade",
        "RiskClassEnum": "zhifa.parties.models.RiskClass",
        "InspectionKindEnum": "zhifa.inspections.models.InspectionKind",
        "PlanKindEnum": "zhifa.inspections.models.PlanKind",
        "CheckResultEnum": "zhifa.inspections.models.CheckResult",
        "ReviewResultEnum": "zhifa.registry.models.certificates.ReviewResult",
        "AgencyKindEnum": "zhifa.org.models.agencies.AgencyKind",
        "VisitOutcomeEnum": "zhifa.inspections.models.Outcome",
        "ImpactLevelEnum": "zhifa.inspections.models.ImpactLevel",
        "RecordStateEnum": "zhifa.inspections.models.RecordState",
        "CaseStatusEnum": "zhifa.cases.models.CaseStatus",
        "CaseSourceEnum": "zhifa.cases.models.CaseSource",
        "CaseOutcomeEnum": "zhifa.cases.models.Outcome",
        "ServiceMethodEnum": "zhifa.cases.models.ServiceMethod",
        "SummaryMeasureEnum": "zhifa.cases.models.SummaryMeasure",
        "CaseOfficerRoleEnum": "zhifa.cases.models.OfficerRole",
        "EvidenceKindEnum": "zhifa.cases.models.evidence.EvidenceKind",
        "DecisionKindEnum": "zhifa.cases.models.decisions.DecisionKind",
        "PenaltyMeasureEnum": "zhifa.cases.models.decisions.Measure",
        "CoerciveKindEnum": "zhifa.cases.models.coercive.CoerciveKind",
        "CoerciveStatusEnum": "zhifa.cases.models.coercive.CoerciveStatus",
        "LiftReasonEnum": "zhifa.cases.models.coercive.LiftReason",
        "AppraisalKindEnum": "zhifa.cases.models.coercive.AppraisalKind",
        "AppealKindEnum": "zhifa.cases.models.appeals.AppealKind",
        "AppealResultEnum": "zhifa.cases.models.appeals.AppealResult",
        "CourtRulingEnum": "zhifa.cases.models.execution.CourtRuling",
        "ReviewRulingEnum": "zhifa.cases.models.reviews.Ruling",
        "ArrangementKindEnum": "zhifa.cases.models.execution.ArrangementKind",
        "ArrangementStatusEnum": "zhifa.cases.models.execution.ArrangementStatus",
        "MajorFilingStatusEnum": "zhifa.cases.models.filings.FilingStatus",
        "RecipientKindEnum": "zhifa.cases.models.filings.RecipientKind",
        "TransferStatusEnum": "zhifa.cases.models.filings.TransferStatus",
        "TransferOutcomeEnum": "zhifa.cases.models.filings.TransferOutcome",
    },
}

# Every log line carries the request id (zhifa.core.requestid), "-" outside a request.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "zhifa.core.requestid.RequestIdFilter"}},
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s [%(request_id)s] %(name)s: %(message)s"}
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": "plain",
        }
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {"axes": {"level": "WARNING"}},
}

# security.W021 asks for HSTS preload, which only sites on the internet can have (see HSTS_PRELOAD).
SILENCED_SYSTEM_CHECKS = ["security.W021"]
