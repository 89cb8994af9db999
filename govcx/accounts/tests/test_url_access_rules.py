"""Deny by default: every route declares who may use it, and one that does not is refused."""

from collections.abc import Iterator

import pytest
from django.http import HttpRequest, HttpResponse
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver, path

from govcx.accounts.middleware import SELF_GUARDED_NAMESPACES
from govcx.accounts.rules import rule_of


def _walk(
    patterns: list[URLPattern | URLResolver], namespaces: tuple[str, ...] = ()
) -> Iterator[tuple[str, URLPattern, tuple[str, ...]]]:
    for entry in patterns:
        if isinstance(entry, URLResolver):
            space = (*namespaces, entry.namespace) if entry.namespace else namespaces
            yield from _walk(entry.url_patterns, space)
        else:
            yield str(entry.pattern), entry, namespaces


def test_every_route_declares_an_access_rule() -> None:
    missing = [
        route
        for route, pattern, namespaces in _walk(get_resolver().url_patterns)
        if not SELF_GUARDED_NAMESPACES.intersection(namespaces)
        and rule_of(pattern.callback) is None
    ]
    assert missing == []


def test_the_walk_sees_the_routes() -> None:
    routes = [route for route, _, _ in _walk(get_resolver().url_patterns)]
    assert "healthz" in routes
    assert len(routes) > 20


def undeclared(request: HttpRequest) -> HttpResponse:
    return HttpResponse("secret")


urlpatterns = [path("undeclared/", undeclared)]


@override_settings(ROOT_URLCONF=__name__)
@pytest.mark.django_db
def test_a_view_without_a_rule_is_refused() -> None:
    response = Client().get("/undeclared/")
    assert response.status_code == 403
    assert b"secret" not in response.content


@pytest.mark.django_db
def test_the_admin_is_for_platform_admins_only(world: "World") -> None:
    from govcx.testing.factories import signed_in

    assert signed_in(world.platform).get("/django-admin/").status_code == 200
    response = signed_in(world.owner).get("/django-admin/")
    assert response.status_code == 302
    assert "/django-admin/login/" in response["Location"]


from govcx.testing.factories import World  # noqa: E402
