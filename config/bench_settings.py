"""Settings for `manage.py bench_cache` only: production's, plus a minimal view to measure the floor against."""

from config.settings import *  # noqa: F403

ROOT_URLCONF = "config.bench_urls"
# The benchmark serves no stylesheet: template tags name static files without a collected manifest.
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}  # noqa: F405
