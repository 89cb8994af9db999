"""Turning a Login.gov identity into a govcx user, and the checks made before signing them in.

A first sign-in creates the account and matches it to an organization by the verified email
domain, with no role: an organization admin grants one on the people screen. Every step that
changes an account is audited.
"""

from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _

from govcx.accounts.login_gov import AAL_PHISHING_RESISTANT, AAL_PIV_CAC, Identity
from govcx.accounts.models import Membership, User, normalize_email
from govcx.audit.models import Action
from govcx.audit.services import audit_record
from govcx.catalog.domains import organization_for_email
from govcx.catalog.models import Organization, SignInAssurance

# Strength order: a stronger requirement includes the weaker ones.
STRENGTH = {
    SignInAssurance.ANY: 0,
    SignInAssurance.PHISHING_RESISTANT: 1,
    SignInAssurance.PIV_CAC: 2,
}
# amr values Login.gov reports for phishing-resistant methods and for PIV/CAC.
PHISHING_RESISTANT_AMR = frozenset(
    {"phishing_resistant", "webauthn", "webauthn_platform", "piv_cac"}
)
PIV_CAC_AMR = frozenset({"piv_cac"})


class SignInRefused(Exception):
    """The person may not sign in; ``message`` tells them why and what to do."""

    def __init__(self, message: str, *, reason: str, user: User | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.reason = reason
        self.user = user


def user_for_identity(*, identity: Identity, request: HttpRequest | None) -> User:
    """The account for a verified Login.gov identity: found by Login.gov's subject, else linked
    by verified email address, else created and matched to an organization by email domain."""
    if not identity.email_verified or not identity.email:
        raise SignInRefused(
            _(
                "Login.gov has not confirmed your email address. Confirm it at Login.gov, then "
                "sign in again."
            ),
            reason="email_not_verified",
        )
    with transaction.atomic():
        user = User.objects.filter(
            oidc_issuer=identity.issuer, oidc_subject=identity.subject
        ).first()
        if user is None:
            user = _link_or_create(identity=identity, request=request)
    return user


def _link_or_create(*, identity: Identity, request: HttpRequest | None) -> User:
    email = normalize_email(identity.email)
    user = User.objects.select_for_update().filter(email=email).first()
    if user is not None and user.oidc_subject:
        raise SignInRefused(
            _(
                "Your email address belongs to a govcx account that signs in with another "
                "Login.gov account. Sign in with that one, or ask a platform admin for help."
            ),
            reason="email_linked_to_another_subject",
            user=user,
        )
    matched = organization_for_email(email)
    if user is None:
        user = User.objects.create_user(email=email, password=None)
        action = Action.ACCOUNT_CREATED
    else:
        action = Action.ACCOUNT_LINKED
    user.oidc_issuer = identity.issuer
    user.oidc_subject = identity.subject
    if user.matched_organization_id is None:
        user.matched_organization = matched
    user.save(update_fields=["oidc_issuer", "oidc_subject", "matched_organization"])
    audit_record(
        action=action,
        actor=user,
        request=request,
        organization=matched,
        obj=user,
        details={"matched_organization": matched.slug if matched else ""},
    )
    return user


def required_assurance(user: User) -> SignInAssurance:
    """The strongest sign-in requirement of the organizations the person belongs to (a role, or
    the organization matched by their email domain), including those above them."""
    organizations = list(
        Organization.objects.filter(
            pk__in=Membership.objects.filter(user=user).values("organization_id")
        )
    )
    if user.matched_organization is not None:
        organizations.append(user.matched_organization)
    ancestor_ids = {pk for org in organizations for pk in org.ancestor_ids()}
    levels = Organization.objects.filter(pk__in=ancestor_ids).values_list(
        "sign_in_assurance", flat=True
    )
    return max(
        (SignInAssurance(level) for level in levels),
        key=STRENGTH.__getitem__,
        default=SignInAssurance.ANY,
    )


def assurance_met(required: SignInAssurance, identity: Identity) -> bool:
    """Whether the acr or amr Login.gov returned shows the method the organization requires."""
    amr = set(identity.amr)
    if required == SignInAssurance.PIV_CAC:
        return identity.acr == AAL_PIV_CAC or bool(amr & PIV_CAC_AMR)
    if required == SignInAssurance.PHISHING_RESISTANT:
        return identity.acr in {AAL_PHISHING_RESISTANT, AAL_PIV_CAC} or bool(
            amr & PHISHING_RESISTANT_AMR
        )
    return True


# Identity assurance values that mean "identity not verified"; asking for one of them accepts any.
IAL_UNVERIFIED = frozenset(
    {"urn:acr.login.gov:auth-only", "http://idmanagement.gov/ns/assurance/ial/1"}
)


def identity_assurance_met(identity: Identity, acr_values: str) -> bool:
    """Whether the returned acr is an identity assurance level this installation asked for.

    The acr_values travel through the browser, so a person could remove "verified" from the
    request; what counts is what Login.gov says it did.
    """
    asked = {
        value
        for value in acr_values.split()
        if value.startswith("urn:acr.login.gov:") or "/assurance/ial/" in value
    }
    if not asked or asked & IAL_UNVERIFIED:
        return True
    return identity.acr in asked


def check_may_sign_in(*, user: User, identity: Identity, acr_values: str) -> None:
    """Refuse a deactivated account, an identity less verified than this installation asks for,
    or a sign-in weaker than the person's organizations require."""
    if not user.is_active:
        raise SignInRefused(
            _(
                "Your govcx account is deactivated. Ask an admin of your organization to "
                "reactivate it."
            ),
            reason="account_inactive",
            user=user,
        )
    if not identity_assurance_met(identity, acr_values):
        raise SignInRefused(
            _(
                "govcx needs a Login.gov account with a verified identity. Verify your identity "
                "at Login.gov, then sign in again."
            ),
            reason="identity_not_verified",
            user=user,
        )
    required = required_assurance(user)
    if not assurance_met(required, identity):
        message = (
            _(
                "Your organization requires you to sign in to Login.gov with a PIV or CAC card. "
                "Sign in again and choose your PIV/CAC card."
            )
            if required == SignInAssurance.PIV_CAC
            else _(
                "Your organization requires a phishing-resistant sign-in: a security key, face "
                "or touch unlock, or a PIV/CAC card. Sign in again and choose one of these."
            )
        )
        raise SignInRefused(message, reason=f"assurance_{required.value}_not_met", user=user)
