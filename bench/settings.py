"""Settings for the benchmark server: the project's production settings, plus a URLconf with
bare baseline views (``bench.urls``). Nothing else is changed, so what is measured is what
runs in production: DEBUG off, PostgreSQL, Redis cache, token auth and throttling (at a rate
no benchmark reaches, so every request still pays for the counter)."""

import os

os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
# Per second, not per hour: the throttle keeps one timestamp per request of the window, and
# an hour of wrk traffic made that list (read and written on every request) cost up to
# 1.8 ms per request by the end of a run, a cost no real rate limit would reach.
os.environ.setdefault("API_RATE_PER_TOKEN", "1000000000/second")

from factcheck.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"

# The consumer read cache (claims.api.readcache); api_load.py --no-cache sets 0.
API_READ_CACHE_SECONDS = int(os.environ.get("API_READ_CACHE_SECONDS", "30"))
