"""Rate limits count across processes through Redis, and fail open when the store is down."""

import os
import socket
import subprocess
import sys

import pytest
from django.core.cache import caches
from django.test import RequestFactory, override_settings

from govcx.collection.limits import submission_limited
from govcx.testing.factories import World

REDIS = "redis://127.0.0.1:6379/15"
REDIS_CACHE = {
    "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS}
}
OTHER_PROCESS = """
import django, os
django.setup()
from django.test import RequestFactory
from govcx.catalog.models import Touchpoint
from govcx.collection.limits import submission_limited
request = RequestFactory().post("/", REMOTE_ADDR="192.0.2.10")
touchpoint = Touchpoint(pk=int(os.environ["TP"]), shared_address=False)
print(sum(submission_limited(request, touchpoint) for _ in range(3)))
"""


def redis_up() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
    except OSError:
        return False
    return True


@override_settings(CACHES=REDIS_CACHE, CACHE_URL=REDIS, GOVCX_RATE_PER_ADDRESS="4/m")
def test_two_processes_share_one_count(world: World) -> None:
    if not redis_up():
        if os.environ.get("CI"):
            pytest.fail("Redis is not reachable on 127.0.0.1:6379")
        pytest.skip("Redis not running")
    caches["default"].clear()
    request = RequestFactory().post("/", REMOTE_ADDR="192.0.2.10")
    assert [submission_limited(request, world.touchpoint) for _ in range(2)] == [False, False]
    env = {
        **os.environ,
        "TP": str(world.touchpoint.pk),
        "CACHE_URL": REDIS,
        "GOVCX_RATE_PER_ADDRESS": "4/m",
        "DJANGO_SETTINGS_MODULE": "govcx.settings_test",
    }
    result = subprocess.run(  # noqa: S603 - fixed interpreter and script
        [sys.executable, "-c", OTHER_PROCESS],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    # The other process saw the first two: its third and fourth pass, its fifth is limited.
    assert result.stdout.strip() == "1"
    assert submission_limited(request, world.touchpoint) is True
    caches["default"].clear()


DOWN = "redis://127.0.0.1:9/0"
DOWN_CACHE = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": DOWN,
        "OPTIONS": {"socket_connect_timeout": 0.1},
    }
}


@pytest.mark.parametrize("direct", [True, False], ids=["redis client", "django cache"])
def test_an_unreachable_store_fails_open(
    world: World, caplog: pytest.LogCaptureFixture, direct: bool
) -> None:
    with override_settings(
        CACHES=DOWN_CACHE, CACHE_URL=DOWN if direct else None, GOVCX_RATE_PER_ADDRESS="1/m"
    ):
        request = RequestFactory().post("/", REMOTE_ADDR="192.0.2.11")
        assert [submission_limited(request, world.touchpoint) for _ in range(3)] == [False] * 3
    assert "Rate-limit store unreachable" in caplog.text
