"""The one place that decides which organizations' data a user may reach.

Every organization-owned lookup goes through ``access_organization`` or ``access_object``: an object
of an organization the user has no role in answers 404 (its existence is not revealed); an object of
the user's own organization that needs a stronger role answers 403.
A role held on an organization applies to everything beneath it in the hierarchy.
"""

from typing import Any, TypeVar

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import Model, Q, QuerySet
from django.http import Http404

from govcx.accounts.models import Membership, User
from govcx.accounts.roles import ROLE_PERMS, Perm, Role
from govcx.catalog.models import Organization
from govcx.catalog.ownership import owning_organization

M = TypeVar("M", bound=Model)
AnyUser = User | AnonymousUser

_CACHE_ATTR = "_govcx_grants"


def _grants(user: AnyUser) -> list[tuple[str, frozenset[Perm]]]:
    """(organization path, permissions) for each membership, loaded once per user object."""
    if not user.is_authenticated or not user.is_active:
        return []
    cached: list[tuple[str, frozenset[Perm]]] | None = getattr(user, _CACHE_ATTR, None)
    if cached is None:
        rows = Membership.objects.filter(user=user).values_list("organization__path", "role")
        cached = [(path, ROLE_PERMS[Role(role)]) for path, role in rows]
        setattr(user, _CACHE_ATTR, cached)
    return cached


def is_platform_admin(user: AnyUser) -> bool:
    return isinstance(user, User) and user.is_platform_admin


def has_perm(user: AnyUser, organization: Organization, perm: Perm) -> bool:
    if is_platform_admin(user):
        return True
    return any(
        organization.path.startswith(path) and perm in perms for path, perms in _grants(user)
    )


def has_perm_anywhere(user: AnyUser, perm: Perm) -> bool:
    return is_platform_admin(user) or any(perm in perms for _, perms in _grants(user))


def organizations_for(user: AnyUser, perm: Perm = Perm.VIEW_CATALOG) -> QuerySet[Organization]:
    """The organizations (with their descendants) on which the user holds ``perm``."""
    if is_platform_admin(user):
        return Organization.objects.all()
    query = Q(pk__in=[])
    for path, perms in _grants(user):
        if perm in perms:
            query |= Q(path__startswith=path)
    return Organization.objects.filter(query)


def scope(queryset: QuerySet[M], user: AnyUser, perm: Perm = Perm.VIEW_CATALOG) -> QuerySet[M]:
    """Narrow an organization-owned queryset to what the user may see with ``perm``."""
    if is_platform_admin(user):
        return queryset
    tenant_path: str = getattr(queryset.model, "tenant_path", "organization")
    return queryset.filter(**{f"{tenant_path}__in": organizations_for(user, perm)})


def access_organization(user: AnyUser, perm: Perm, **lookup: Any) -> Organization:
    try:
        organization = organizations_for(user).get(**lookup)
    except Organization.DoesNotExist:
        raise Http404("No such organization.") from None
    if not has_perm(user, organization, perm):
        raise PermissionDenied
    return organization


def access_object(user: AnyUser, perm: Perm, queryset: QuerySet[M], **lookup: Any) -> M:
    """Fetch one organization-owned object, or answer 404 (not visible) or 403 (role too weak)."""
    obj = scope(queryset, user).filter(**lookup).first()
    if obj is None:
        raise Http404("Not found.")
    if not has_perm(user, owning_organization(obj), perm):
        raise PermissionDenied
    return obj
