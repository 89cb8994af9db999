"""Granting, changing and revoking roles. Every change is audited."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _

from govcx.accounts.models import Membership, User, normalize_email
from govcx.accounts.roles import Role
from govcx.audit.models import Action
from govcx.audit.services import audit_record
from govcx.catalog.models import Organization


def membership_grant(
    *, organization: Organization, email: str, role: Role, by: User, request: HttpRequest | None
) -> Membership:
    """Give a person a role. Someone who has never signed in gets an account without a password;
    they sign in through the configured identity provider (or a platform admin sets one)."""
    email = normalize_email(email)
    with transaction.atomic():
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(email=email, password=None)
        if Membership.objects.filter(user=user, organization=organization).exists():
            raise ValidationError(
                {
                    "email": _("%(email)s already has a role here; change it instead.")
                    % {"email": email}
                }
            )
        membership = Membership.objects.create(
            user=user, organization=organization, role=role, granted_by=by
        )
        audit_record(
            action=Action.ROLE_GRANTED,
            actor=by,
            request=request,
            organization=organization,
            obj=membership,
            details={"user": email, "role": role.value},
        )
    return membership


def membership_change(
    *, membership: Membership, role: Role, by: User, request: HttpRequest | None
) -> Membership:
    previous = Role(membership.role)
    if previous == role:
        return membership
    with transaction.atomic():
        if previous == Role.ORG_ADMIN:
            _refuse_last_admin(membership)
        membership.role = role
        membership.granted_by = by
        membership.save(update_fields=["role", "granted_by", "updated_at"])
        audit_record(
            action=Action.ROLE_CHANGED,
            actor=by,
            request=request,
            organization=membership.organization,
            obj=membership,
            details={"user": membership.user.email, "from": previous.value, "to": role.value},
        )
    return membership


def membership_revoke(*, membership: Membership, by: User, request: HttpRequest | None) -> None:
    with transaction.atomic():
        if membership.role == Role.ORG_ADMIN:
            _refuse_last_admin(membership)
        audit_record(
            action=Action.ROLE_REVOKED,
            actor=by,
            request=request,
            organization=membership.organization,
            obj=membership,
            details={"user": membership.user.email, "role": membership.role},
        )
        membership.delete()


def _refuse_last_admin(membership: Membership) -> None:
    """An organization keeps at least one admin of its own, so it is never left unmanaged."""
    others = (
        Membership.objects.select_for_update()
        .filter(organization=membership.organization, role=Role.ORG_ADMIN)
        .exclude(pk=membership.pk)
    )
    if not others.exists():
        raise ValidationError(
            _("This is the organization's last admin. Make someone else an admin first.")
        )
