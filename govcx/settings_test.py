"""Settings for the test suite: development defaults, a fast hasher, an in-memory cache."""

import os

os.environ.setdefault("GOVCX_ENV", "development")
os.environ.setdefault("DEBUG", "false")

from govcx.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
# Tests change surveys and submit right away: read them fresh every time.
GOVCX_SURVEY_CACHE_SECONDS = 0
# Tasks run inline in tests.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# Nothing commits concurrently in tests (database sequences are not reset between them).
GOVCX_ROLLUP_GAP_SECONDS = 0
