"""The access helper: roles inherit down the hierarchy; other tenants get 404, weak roles 403."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404

from govcx.accounts.access import access_object, access_organization, organizations_for, scope
from govcx.accounts.roles import Perm
from govcx.catalog.models import Service, Touchpoint
from govcx.testing.factories import World


def test_a_role_on_a_parent_applies_to_its_children(world: World) -> None:
    slugs = set(organizations_for(world.dhs_admin).values_list("slug", flat=True))
    assert slugs == {"dhs", "fema", "fema-ia"}
    assert access_organization(world.dhs_admin, Perm.MANAGE_MEMBERS, slug="fema-ia")


def test_a_role_on_a_child_does_not_reach_the_parent(world: World) -> None:
    slugs = set(organizations_for(world.owner).values_list("slug", flat=True))
    assert slugs == {"fema", "fema-ia"}
    with pytest.raises(Http404):
        access_organization(world.owner, Perm.VIEW_CATALOG, slug="dhs")


def test_other_organizations_objects_are_not_found(world: World) -> None:
    with pytest.raises(Http404):
        access_object(world.outsider, Perm.VIEW_CATALOG, Service.objects.all(), pk=world.service.pk)
    with pytest.raises(Http404):
        access_object(
            world.outsider, Perm.VIEW_CATALOG, Touchpoint.objects.all(), pk=world.touchpoint.pk
        )


def test_a_lesser_role_is_forbidden_not_hidden(world: World) -> None:
    assert access_object(
        world.member, Perm.VIEW_CATALOG, Service.objects.all(), pk=world.service.pk
    )
    with pytest.raises(PermissionDenied):
        access_object(world.member, Perm.MANAGE_CATALOG, Service.objects.all(), pk=world.service.pk)


def test_scope_follows_the_tenant_path(world: World) -> None:
    assert list(scope(Touchpoint.objects.all(), world.member)) == [world.touchpoint]
    assert list(scope(Touchpoint.objects.all(), world.outsider)) == []
    assert set(scope(Service.objects.all(), world.platform)) == {world.service, world.ssa_service}


def test_inactive_and_anonymous_users_see_nothing(world: World) -> None:
    world.owner.is_active = False
    world.owner.save()
    assert not organizations_for(world.owner).exists()
    assert not organizations_for(AnonymousUser()).exists()
