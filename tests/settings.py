"""Test configuration: the project's settings with test-only choices layered on top.

Environment variables still decide the database and Redis (CI runs the suite on SQLite and
on PostgreSQL + Redis), but nothing here needs a secret from the environment.
"""

import os
from urllib.parse import urlsplit, urlunsplit

# Never a developer's .env (make install writes one with DEBUG=true): the suite, and the
# manage.py processes its tests start, see only what the environment and this file say.
os.environ["FACTCHECK_ENV_FILE"] = "off"
os.environ.setdefault("SECRET_KEY", "test-only-secret-key-not-for-production-use-0123456789")


def _worker_redis_url(url: str, worker: str) -> str:
    """Under pytest-xdist each worker (gw0, gw1, ...) has a test database of its own
    (pytest-django suffixes its name); it gets a Redis database of its own too, the URL's
    number plus the worker's, so that one worker's keys and flushes never reach another's."""
    parts = urlsplit(url)
    number = int(parts.path.strip("/") or 0) + int(worker.removeprefix("gw"))
    return urlunsplit(parts._replace(path=f"/{number % 16}"))


_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")
if _WORKER.startswith("gw") and os.environ.get("REDIS_URL"):
    # Set in the environment, so the processes a test starts see the same database.
    os.environ["REDIS_URL"] = _worker_redis_url(os.environ["REDIS_URL"], _WORKER)

from factcheck.settings import *  # noqa: E402, F403 (after the environment above)

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Tests call tasks through the same code path as production, but in-process.
CELERY_TASK_ALWAYS_EAGER = True
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
SECURE_SSL_REDIRECT = False
WHITENOISE_AUTOREFRESH = True  # no collected static files in tests
# Query-count tests count the uncached path; tests/claims/api/test_readcache.py turns it on.
API_READ_CACHE_SECONDS = 0
