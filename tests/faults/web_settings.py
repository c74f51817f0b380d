"""The production settings for the web process of the fault tests, with one change: static
files are served from the apps as they are (no ``collectstatic`` run, so no manifest)."""

from factcheck.settings import *  # noqa: F403

STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
