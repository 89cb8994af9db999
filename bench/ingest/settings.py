"""Production settings plus two ceiling views, for the ingest benchmark only."""

from govcx.settings import *  # noqa: F403

ROOT_URLCONF = "bench.ingest.urls"
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}
