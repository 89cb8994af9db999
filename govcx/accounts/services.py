"""Granting, changing and revoking roles. Every change is audited.

A person whose email domain belongs to an organization outside the granting one's line (neither
above nor beneath it) is that other organization's person: the grant must name it (the screen asks
for a confirmation), and it and every later change are also recorded in that organization's log.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _

from govcx.accounts.models import Membership, User, normalize_email
from govcx.accounts.roles import Role
from govcx.audit.models import Action
from govcx.audit.services import audit_record
from govcx.catalog.domains import home_organization, in_line
from govcx.catalog.models import Organization


class OtherOrganization(ValidationError):
    """The person belongs to another organization (``home``); the grant must name it."""

    def __init__(self, *, email: str, home: Organization) -> None:
        super().__init__(
            _(
                "%(email)s signs in with an email address of %(home)s, another organization. "
                "Confirm to give them a role here."
            )
            % {"email": email, "home": home.name}
        )
        self.home = home


def other_home(email: str, user: User | None, organization: Organization) -> Organization | None:
    """The person's organization, when it is outside ``organization``'s line."""
    home = home_organization(email, matched=user.matched_organization if user else None)
    return home if home is not None and not in_line(home, organization) else None


def membership_grant(
    *,
    organization: Organization,
    email: str,
    role: Role,
    by: User,
    request: HttpRequest | None,
    other_organization: Organization | None = None,
) -> Membership:
    """Give a person a role. Someone who has never signed in gets an account without a password;
    they sign in through the configured identity provider (or a platform admin sets one).
    ``other_organization`` confirms a person of another organization: it must be theirs."""
    email = normalize_email(email)
    with transaction.atomic():
        user = User.objects.filter(email=email).first()
        home = other_home(email, user, organization)
        if home is not None and (other_organization is None or other_organization.pk != home.pk):
            raise OtherOrganization(email=email, home=home)
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
        details = {"user": email, "role": role.value}
        audit_record(
            action=Action.ROLE_GRANTED,
            actor=by,
            request=request,
            organization=organization,
            obj=membership,
            details={**details, **({"home_organization": home.slug} if home else {})},
        )
        _record_at_home(Action.ROLE_GRANTED, membership, by, request, details, home=home)
    return membership


def _record_at_home(
    action: Action,
    membership: Membership,
    by: User,
    request: HttpRequest | None,
    details: dict[str, str],
    *,
    home: Organization | None,
) -> None:
    """The same event in the log of the person's own organization, when it is another one."""
    if home is not None:
        audit_record(
            action=action,
            actor=by,
            request=request,
            organization=home,
            obj=membership,
            details={**details, "granted_in": membership.organization.slug},
        )


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
        details = {"user": membership.user.email, "from": previous.value, "to": role.value}
        audit_record(
            action=Action.ROLE_CHANGED,
            actor=by,
            request=request,
            organization=membership.organization,
            obj=membership,
            details=details,
        )
        home = other_home(membership.user.email, membership.user, membership.organization)
        _record_at_home(Action.ROLE_CHANGED, membership, by, request, details, home=home)
    return membership


def membership_revoke(*, membership: Membership, by: User, request: HttpRequest | None) -> None:
    with transaction.atomic():
        if membership.role == Role.ORG_ADMIN:
            _refuse_last_admin(membership)
        details = {"user": membership.user.email, "role": membership.role}
        audit_record(
            action=Action.ROLE_REVOKED,
            actor=by,
            request=request,
            organization=membership.organization,
            obj=membership,
            details=details,
        )
        home = other_home(membership.user.email, membership.user, membership.organization)
        _record_at_home(Action.ROLE_REVOKED, membership, by, request, details, home=home)
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
