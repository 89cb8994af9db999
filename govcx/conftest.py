"""Shared test fixtures; what they build is in govcx/testing/factories.py.

DHS (department) > FEMA (agency) > FEMA IA (office), and SSA elsewhere.
owner: org admin on FEMA; member: viewer on FEMA; manager: survey manager on FEMA;
outsider: org admin on SSA; dhs_admin: org admin on DHS (inherits FEMA); platform: platform admin.
"""

import pytest

from govcx.testing.factories import World, world_build


@pytest.fixture(autouse=True)
def empty_cache() -> None:
    """Each test starts with no rate-limit counts: the in-memory cache outlives a test, and the
    test client always comes from one address."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def world(db: None) -> World:
    return world_build()


# Shared fixtures for browser tests.
from govcx.testing.browser import agency_site, browser, page  # noqa: E402, F401
