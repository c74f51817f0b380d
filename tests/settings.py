"""Test configuration: the project's settings with test-only choices layered on top.

Environment variables still decide the database and Redis (CI runs the suite on SQLite and
on PostgreSQL + Redis), but nothing here needs a secret from the environment.
"""

import os

# Never a developer's .env (make install writes one with DEBUG=true): the suite, and the
# manage.py processes its tests start, see only what the environment and this file say.
os.environ["FACTCHECK_ENV_FILE"] = "off"
os.environ.setdefault("SECRET_KEY", "test-only-secret-key-not-for-production-use-0123456789")

from factcheck.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Tests call tasks through the same code path as production, but in-process.
CELERY_TASK_ALWAYS_EAGER = True
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
SECURE_SSL_REDIRECT = False
WHITENOISE_AUTOREFRESH = True  # no collected static files in tests
# Query-count tests count the uncached path; tests/claims/api/test_readcache.py turns it on.
API_READ_CACHE_SECONDS = 0
