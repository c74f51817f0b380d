"""Settings for the factcheck project, read from environment variables (and, in a checkout,
from the .env file that `make install` writes; the environment wins over it).

Embedded default (nothing set but DEBUG=true): SQLite under var/, tasks run eagerly in the
web process, local-memory cache. Production shape: DATABASE_URL (PostgreSQL), REDIS_URL
(Celery broker and cache), SECRET_KEY, ALLOWED_HOSTS, CSRF_TRUSTED_ORIGINS.
"""

from __future__ import annotations

from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured

from factcheck.env import (
    env_bool,
    env_file_path,
    env_float,
    env_int,
    env_list,
    env_origins,
    env_str,
    env_url,
    load_env_file,
)
from factcheck.logging import FORMATS, logging_config

BASE_DIR = Path(__file__).resolve().parent.parent
# A checkout's development settings: `make install` writes .env with DEBUG=true and a
# generated SECRET_KEY. Production has no such file (.dockerignore keeps it out of the
# image), so there a missing SECRET_KEY still stops the start.
load_env_file(env_file_path(BASE_DIR / ".env"))
VAR_DIR = Path(env_str("FACTCHECK_VAR_DIR", str(BASE_DIR / "var")))

DEBUG = env_bool("DEBUG", False)

# Demo mode loads the seed article and demo users with printed passwords. It is for a
# laptop only, so it cannot be switched on without DEBUG.
DEMO_MODE = env_bool("FACTCHECK_DEMO", False)
if DEMO_MODE and not DEBUG:
    raise ImproperlyConfigured("FACTCHECK_DEMO=true is only allowed together with DEBUG=true.")

SECRET_KEY = env_str("SECRET_KEY")
if SECRET_KEY is None:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY must be set when DEBUG is off (set it in the environment; "
            "a checkout gets one in .env from `make install`)."
        )
    SECRET_KEY = "insecure-development-key-only-used-with-DEBUG-on"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "claims",
    "reviewers",
]

MIDDLEWARE = [
    # Outermost: every response, even a redirect or a 400, carries X-Request-ID.
    "factcheck.request_id.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "factcheck.security.ContentSecurityPolicyMiddleware",
    # Outside everything that writes the body; gzip for the API's JSON only.
    "factcheck.compression.ApiGZipMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # 429 + Retry-After for a locked sign-in, the known-device cookie after a good one.
    "factcheck.auth.SignInMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # The consumer API's CORS (answers a preflight before the view) and RateLimit-* headers;
    # inside them the 503 of a lost database, so it gets both.
    "claims.api.cors.ConsumerCorsMiddleware",
    "claims.api.ratelimit_headers.RateLimitHeadersMiddleware",
    # Innermost, so its 503 for a lost database still gets every header set above.
    "factcheck.dbfaults.DatabaseUnavailableMiddleware",
]

ROOT_URLCONF = "factcheck.urls"
WSGI_APPLICATION = "factcheck.wsgi.application"
ASGI_APPLICATION = "factcheck.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "factcheck" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------
DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'db.sqlite3'}")
try:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
except ValueError as exc:
    raise ImproperlyConfigured(f"DATABASE_URL cannot be read: {exc}") from None
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A web request and an in-process task may write at the same moment; wait, don't fail.
    # IMMEDIATE takes the write lock when a transaction starts, so two workflow steps on
    # SQLite serialize instead of failing half-way ("database is locked" on upgrade).
    DATABASES["default"]["OPTIONS"] = {"timeout": 20, "transaction_mode": "IMMEDIATE"}
    DATABASES["default"]["CONN_MAX_AGE"] = 0
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A database host that does not answer fails the request in seconds (a 503), rather
    # than holding a worker until the client gives up.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("connect_timeout", 5)
    # Parameters bound on the server, and psycopg prepares a statement after its 5th run on
    # a connection, so PostgreSQL plans it once (kept connections: CONN_MAX_AGE). Django
    # turns preparing off unless prepare_threshold is given. At 1M claims it lets the
    # consumer API without its read cache serve more requests a second, and costs a take
    # less database CPU (README, "Benchmarks"). Turn off behind a pooler in transaction mode
    # that cannot keep prepared statements (PgBouncer before 1.21, or without
    # max_prepared_statements).
    if env_bool("DATABASE_PREPARED_STATEMENTS", True):
        DATABASES["default"]["OPTIONS"].setdefault("server_side_binding", True)
        DATABASES["default"]["OPTIONS"].setdefault("prepare_threshold", 5)
DATABASES["default"]["ATOMIC_REQUESTS"] = False
# A kept connection is pinged before a request reuses it, so after a database restart
# the first request reconnects instead of failing on a dead socket. While the database is
# down, requests get a 503 with Retry-After (factcheck.dbfaults, claims.api.exceptions).
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache and Celery -----------------------------------------------------------------
REDIS_URL = env_str("REDIS_URL")
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL", REDIS_URL)
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "factcheck",
            # A Redis that stops answering must not hang requests that touch the cache.
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# With no broker the tasks run in-process, so the embedded default needs no services.
CELERY_TASK_ALWAYS_EAGER = CELERY_BROKER_URL is None
if CELERY_TASK_ALWAYS_EAGER:
    # Celery takes a producer from its pool even for an eager task (only to choose the
    # serializer). Without a URL that is an AMQP connection to localhost, never opened but
    # logged ("No hostname was supplied"); kombu's in-memory transport is no broker at all.
    CELERY_BROKER_URL = "memory://localhost/"
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# Late acks: a task's message is acknowledged when it ends, so one whose worker dies is
# delivered again (tasks are safe to run twice). A pool child killed mid-task (OOM, SIGKILL)
# has its message requeued at once (REJECT_ON_WORKER_LOST; a task that kills its worker
# every time would loop, so time limits are set). If the whole worker dies, Redis hands the
# unacknowledged message to another worker after the visibility timeout. That timeout must
# exceed the longest task (hard limits are at most 300 s) and should exceed the longest
# countdown (a webhook retry waits up to WEBHOOK_RETRY_MAX_SECONDS), or a waiting message is
# handed out twice: harmless, each task claims its row first, but wasted work. The sweepers
# (articles, webhook deliveries) catch what is lost sooner than the default hour.
_visibility_timeout = env_int("CELERY_VISIBILITY_TIMEOUT", 3600, minimum=1)
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": _visibility_timeout,
    # Look for such messages every tenth of the timeout (1 s to 60 s), not every 100 s.
    "unacked_restore_interval": max(1, min(60, _visibility_timeout // 10)),
    "unacked_restore_throttle": 1,
}
CELERY_TASK_SOFT_TIME_LIMIT = env_int("CELERY_TASK_SOFT_TIME_LIMIT", 120, minimum=1)
CELERY_TASK_TIME_LIMIT = env_int("CELERY_TASK_TIME_LIMIT", 180, minimum=1)
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = "UTC"

# --- Auth and i18n --------------------------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Every password check goes through the sign-in throttle (factcheck/auth.py): this many
# failures within LOGIN_LOCKOUT_SECONDS lock the account name, or the client address, for
# LOGIN_LOCKOUT_SECONDS. Counted in the cache, so Redis shares them between processes. A
# browser that signed in as the user before (its signed device cookie, kept
# LOGIN_DEVICE_COOKIE_DAYS) is counted on its own instead of under the account name, so a
# guesser elsewhere cannot lock it out; the per-address limit still applies to it.
AUTHENTICATION_BACKENDS = ["factcheck.auth.ThrottledModelBackend"]
LOGIN_FAILURE_LIMIT_PER_ACCOUNT = env_int("LOGIN_FAILURE_LIMIT_PER_ACCOUNT", 5, minimum=1)
LOGIN_FAILURE_LIMIT_PER_IP = env_int("LOGIN_FAILURE_LIMIT_PER_IP", 30, minimum=1)
LOGIN_LOCKOUT_SECONDS = env_int("LOGIN_LOCKOUT_SECONDS", 900, minimum=1)
LOGIN_DEVICE_COOKIE_DAYS = env_int("LOGIN_DEVICE_COOKIE_DAYS", 180, minimum=1)
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "desk:my-work"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

# --- Static files ---------------------------------------------------------------------
STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "factcheck" / "static"]
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
# Files served at the site's root by WhiteNoise: /favicon.ico, which browsers ask for on
# pages that link no icon (the admin's, JSON) (scripts/make_favicon.py draws it).
WHITENOISE_ROOT = BASE_DIR / "factcheck" / "root"
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

# --- Security (production defaults when DEBUG is off) ---------------------------------
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True  # nothing of ours reads it: forms carry the token
# Sent by factcheck.security: no inline script or style anywhere, no framing, no plugins.
CONTENT_SECURITY_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "frame-ancestors": ["'none'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
}
CONTENT_SECURITY_POLICY_REPORT_ONLY = env_bool("CONTENT_SECURITY_POLICY_REPORT_ONLY", False)

# --- E-mail ---------------------------------------------------------------------------
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "factcheck@localhost")
# A mail server that hangs is a timeout the mail task retries, not a task killed at its limit.
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 20, minimum=1)

# --- REST framework -------------------------------------------------------------------
REST_FRAMEWORK = {
    # Bearer first: its challenge makes a missing credential a 401 with WWW-Authenticate.
    # Last, not a credential: a request with none is counted per address (the "anon" rate)
    # before the permission check, as the bearer class counts a refused token.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "claims.api.authentication.BearerTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
        "claims.api.throttling.AddressRateLimit",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    # Refuses JSON nested deeper than our inputs ever are (a 400, not a RecursionError).
    "DEFAULT_PARSER_CLASSES": ["claims.api.parsers.JSONParser"],
    "EXCEPTION_HANDLER": "claims.api.exceptions.problem_exception_handler",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    # Counted in the cache (Redis in production): per token (or signed-in user); per IP for
    # requests without a usable credential, while authenticating (claims.api.throttling).
    "DEFAULT_THROTTLE_CLASSES": ["claims.api.throttling.TokenRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {
        "token": env_str("API_RATE_PER_TOKEN", "1200/hour"),
        "anon": env_str("API_RATE_PER_ANONYMOUS_IP", "120/hour"),
        # The bulk export (GET /api/v1/claims/export/) alone: few requests, each the whole
        # record (a resumed export is a new request).
        "export": env_str("API_RATE_EXPORT_PER_TOKEN", "20/hour"),
    },
    # How many proxies in X-Forwarded-For to trust for the client address; 0 = REMOTE_ADDR.
    # (DRF's default, None, would let any client pick its own address and dodge limits.)
    "NUM_PROXIES": env_int("API_NUM_PROXIES", 0, minimum=0),
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}
# Published verdicts readable without a token (off: anonymous callers get 401).
API_ALLOW_ANONYMOUS_READS = env_bool("API_ALLOW_ANONYMOUS_READS", False)
# Consumer reads: responses cached while nothing visible changed (claims.api.readcache),
# and the caller's permission set shared for a few seconds (claims.api.authentication).
API_READ_CACHE_SECONDS = env_int("API_READ_CACHE_SECONDS", 30, minimum=0)
API_PERMISSION_CACHE_SECONDS = env_int("API_PERMISSION_CACHE_SECONDS", 5, minimum=0)
# Web origins whose pages may read the consumer endpoints with a token (claims.api.cors):
# comma-separated, e.g. https://newsroom.example.org; none by default.
API_CORS_ALLOWED_ORIGINS = env_origins("API_CORS_ALLOWED_ORIGINS")
# The bulk export leaves out changes younger than this, so that a transaction still
# committing cannot land behind the cursor it hands out (claims.api.export).
API_EXPORT_SETTLE_SECONDS = env_int("API_EXPORT_SETTLE_SECONDS", 10, minimum=0)
# ... and ends a response after this long, with a cursor to continue from: a stream never
# holds a web worker for minutes, nor outlives gunicorn's worker timeout (30 s by default).
API_EXPORT_MAX_SECONDS = env_int("API_EXPORT_MAX_SECONDS", 20, minimum=1)
# ... and one token runs at most this many at once (a 429 for one more): each holds a web
# worker for up to API_EXPORT_MAX_SECONDS (claims.api.export_slots).
API_EXPORT_CONCURRENT_PER_TOKEN = env_int("API_EXPORT_CONCURRENT_PER_TOKEN", 2, minimum=1)

SPECTACULAR_SETTINGS = {
    "TITLE": "Fact-check API",
    "DESCRIPTION": (
        "Verified status of claims: by claim, by article URL, as a change feed and as "
        "schema.org ClaimReview. Authenticate with `Authorization: Bearer <token>`. Every "
        "error is an RFC 9457 problem (application/problem+json)."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    # The schema states what the server enforces: request shapes apart from responses, so
    # a string that may not be blank says minLength 1 (as a request, not as a response),
    # and every operation that reads a body documents its 415 (claims.api.schema).
    "COMPONENT_SPLIT_REQUEST": True,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "claims.api.schema.document_unsupported_media_types",
    ],
    # The docs UI from our own static files (drf-spectacular-sidecar), no CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

# --- The product ----------------------------------------------------------------------
# Outbound fetching of articles: limits and the address guard.
INGEST_MAX_BYTES = env_int("INGEST_MAX_BYTES", 5 * 1024 * 1024, minimum=1024)
INGEST_TIMEOUT_SECONDS = env_float("INGEST_TIMEOUT_SECONDS", 10.0)
INGEST_MAX_REDIRECTS = env_int("INGEST_MAX_REDIRECTS", 5, minimum=0)
# Submitting a URL resolves its host name (a name for an internal address is refused then);
# a resolver that has not answered within this many seconds counts as "could not be reached".
INGEST_RESOLVE_TIMEOUT_SECONDS = env_float("INGEST_RESOLVE_TIMEOUT_SECONDS", 3.0)
# Only tests that serve pages on 127.0.0.1 turn this on; production never fetches loopback.
INGEST_ALLOW_LOOPBACK = env_bool("INGEST_ALLOW_LOOPBACK", False)

# Check-worthiness scorer: "linear" (default, shipped, numpy only) or "semantic" (MiniLM
# embeddings from the committed ONNX model + a small head) or "semantic-lora" (MiniLM
# fine-tuned through shipped low-rank adapters; needs the optional `semantic` extra, torch).
EXTRACTOR = env_str("EXTRACTOR", "linear")
if EXTRACTOR not in ("linear", "semantic", "semantic-lora"):
    raise ImproperlyConfigured(
        f"EXTRACTOR={EXTRACTOR!r} must be 'linear', 'semantic' or 'semantic-lora'."
    )
# Blend sentence-embedding similarity (the committed ONNX MiniLM, claims/embeddings.py) into
# claim matching. The conflict rules (numbers, negation, names...) still block auto-linking.
MATCH_SEMANTIC = env_bool("MATCH_SEMANTIC", True)

# A verdict must cite at least this many source links.
VERDICT_MIN_SOURCES = env_int("VERDICT_MIN_SOURCES", 1, minimum=0)
# New claims scoring at least this are routed to a queue at once; the rest wait in
# triage. Set to "off" to send everything through triage.
_auto_queue = env_str("AUTO_QUEUE_THRESHOLD", "0.85")
AUTO_QUEUE_THRESHOLD = (
    None if _auto_queue.lower() == "off" else env_float("AUTO_QUEUE_THRESHOLD", 0.85)
)
# Take-next brings a claim's due time forward by up to this many hours for check-worthiness.
QUEUE_PRIORITY_BOOST_HOURS = env_float("QUEUE_PRIORITY_BOOST_HOURS", 12.0)
# How long a fact-checker holds a claim they took before it returns to its queue.
ASSIGNMENT_LEASE_HOURS = env_float("ASSIGNMENT_LEASE_HOURS", 2.0)
# How long an editor's "Review this" keeps a proposed verdict to them (other editors may not
# decide on it meanwhile) unless they decide, release it or press it again.
REVIEW_HOLD_MINUTES = env_int("REVIEW_HOLD_MINUTES", 30, minimum=1)

# The address people reach this app at, for links that leave it (desk e-mails, the demo
# banner): no request is there to say which host and port it was. The default is where
# runserver listens; `make run` sets it from its HOST and PORT.
SITE_URL = env_url("SITE_URL", "http://127.0.0.1:8000/")
# Who publishes the fact checks (ClaimReview author); their pages are under this address.
# With DEBUG off, `check --deploy` refuses a local SITE_URL / FACTCHECK_ORG_URL and this
# default name (claims/checks.py).
FACTCHECK_ORG_NAME = env_str("FACTCHECK_ORG_NAME", "Fact-check desk")
FACTCHECK_ORG_URL = env_str("FACTCHECK_ORG_URL", SITE_URL)

# JSON lines (production) or text (DEBUG), with the request id; see factcheck/logging.py.
LOG_FORMAT = env_str("LOG_FORMAT", "text" if DEBUG else "json").lower()
if LOG_FORMAT not in FORMATS:
    raise ImproperlyConfigured(f"LOG_FORMAT={LOG_FORMAT!r} is not one of {', '.join(FORMATS)}.")
LOGGING = logging_config(
    fmt=LOG_FORMAT,
    level=env_str("LOG_LEVEL", "INFO"),
    access_log=env_bool("LOG_ACCESS", not DEBUG),
)

# /readyz (factcheck/health.py): how long a probe may take, and how old the heartbeat that
# beat schedules for a worker may be (0: not checked). Only with a broker.
READYZ_TIMEOUT_SECONDS = env_float("READYZ_TIMEOUT_SECONDS", 3.0)
WORKER_HEARTBEAT_SECONDS = env_float("WORKER_HEARTBEAT_SECONDS", 30.0)
WORKER_HEARTBEAT_MAX_AGE_SECONDS = env_float("WORKER_HEARTBEAT_MAX_AGE_SECONDS", 120.0)

CELERY_BEAT_SCHEDULE = {
    "expire-assignment-leases": {
        "task": "reviewers.tasks.expire_leases_task",
        "schedule": env_float("LEASE_SWEEP_SECONDS", 60.0),
    },
    # Articles whose task never ran (broker down at submission) or died mid-way.
    "sweep-stale-articles": {
        "task": "claims.tasks.sweep_stale_articles_task",
        "schedule": env_float("ARTICLE_SWEEP_SECONDS", 60.0),
    },
    "route-waiting-candidates": {
        "task": "reviewers.tasks.route_waiting_candidates_task",
        "schedule": env_float("ROUTE_SWEEP_SECONDS", 300.0),
    },
    "sla-digest": {
        "task": "reviewers.tasks.sla_digest_task",
        "schedule": crontab(hour=env_int("SLA_DIGEST_HOUR_UTC", 7, minimum=0), minute=0),
    },
    # A heartbeat nobody runs is stale: it expires rather than pile up while workers are down.
    "worker-heartbeat": {
        "task": "factcheck.worker_heartbeat",
        "schedule": WORKER_HEARTBEAT_SECONDS,
        "options": {"expires": WORKER_HEARTBEAT_SECONDS},
    },
}

# The ledger of anonymous reports (claims.claimants.ledger): a report nobody named has
# confirmed in this many days is marked stale by a beat sweep.
ANONYMOUS_REPORT_STALE_DAYS = env_int("ANONYMOUS_REPORT_STALE_DAYS", 30, minimum=1)
CELERY_BEAT_SCHEDULE["mark-stale-anonymous-reports"] = {
    "task": "claims.tasks.mark_stale_reports_task",
    "schedule": env_float("REPORT_STALE_SWEEP_SECONDS", 3600.0),
}

# Matching's embedding cells (claims/matching/cells.py) are built when due: checked daily.
CELERY_BEAT_SCHEDULE["refresh-embedding-cells"] = {
    "task": "claims.tasks.refresh_embedding_cells_task",
    "schedule": crontab(hour=env_int("EMBEDDING_CELLS_HOUR_UTC", 3, minimum=0), minute=30),
}

# --- Webhooks -------------------------------------------------------------------------
# Deliveries are POSTed through the outbound address guard (claims.netguard), signed with
# the subscription's secret. A failed attempt is retried after RETRY_BASE x 2^(n-1) seconds,
# capped at RETRY_MAX, until MAX_ATTEMPTS; a subscription whose attempts fail
# DISABLE_AFTER_FAILURES times in a row is switched off with the reason.
WEBHOOK_TIMEOUT_SECONDS = env_float("WEBHOOK_TIMEOUT_SECONDS", 10.0)
WEBHOOK_MAX_ATTEMPTS = env_int("WEBHOOK_MAX_ATTEMPTS", 8, minimum=1)
WEBHOOK_RETRY_BASE_SECONDS = env_int("WEBHOOK_RETRY_BASE_SECONDS", 30, minimum=1)
WEBHOOK_RETRY_MAX_SECONDS = env_int("WEBHOOK_RETRY_MAX_SECONDS", 3600, minimum=1)
WEBHOOK_DISABLE_AFTER_FAILURES = env_int("WEBHOOK_DISABLE_AFTER_FAILURES", 20, minimum=1)
# A consumer's read token may own this many subscriptions of its own (claims.webhooks.consumer).
WEBHOOK_MAX_PER_TOKEN = env_int("WEBHOOK_MAX_PER_TOKEN", 5, minimum=1)
# Due deliveries whose task message was lost (broker down, worker killed) are re-queued.
CELERY_BEAT_SCHEDULE["retry-due-webhook-deliveries"] = {
    "task": "claims.webhooks.send_due_webhook_deliveries_task",
    "schedule": env_float("WEBHOOK_SWEEP_SECONDS", 60.0),
}
# One name in the API schema for the event choices, wherever a field uses them.
SPECTACULAR_SETTINGS["ENUM_NAME_OVERRIDES"] = {
    "WebhookEventEnum": "claims.models.WebhookEvent",
    "ConsumerWebhookEventEnum": "claims.models.CONSUMER_WEBHOOK_EVENTS",
}

# --- Reviewers: staff workflow API ------------------------------------------------------
# Enum component names for the workflow API's choice fields, so the schema generates
# without naming collisions ("status", "kind" mean different things on different models).
SPECTACULAR_SETTINGS.setdefault("ENUM_NAME_OVERRIDES", {}).update(
    {
        "ClaimStatusEnum": "claims.models.Claim.Status",
        "VerdictStateEnum": "claims.models.Verdict.State",
        "SourceKindEnum": "claims.models.SourceLink.Kind",
        "SourceStanceEnum": "claims.models.SourceLink.Stance",
        "ClaimEventKindEnum": "claims.models.ClaimEvent.Kind",
        "ClaimantKindEnum": "claims.models.Claimant.Kind",
    }
)
