"""Which organization a person belongs to, by the domain of their email address.

Kept apart from the catalog's services (which write the audit log) so that the audit log itself
can ask: a person's own events (sign-ins, authenticator, tokens) belong to their organization.
"""

from govcx.catalog.models import Organization, OrganizationDomain


def organization_for_email(email: str) -> Organization | None:
    """The organization whose domain most specifically matches the email address's domain.

    Matching is by whole labels: staff@ia.fema.dhs.gov matches fema.dhs.gov before dhs.gov, and
    evilfema.dhs.gov never matches fema.dhs.gov (only dhs.gov, if that is registered).
    """
    domain = email.rpartition("@")[2].strip().lower().rstrip(".")
    labels = domain.split(".")
    candidates = [".".join(labels[i:]) for i in range(len(labels) - 1)]
    if not domain or not candidates:
        return None
    found = {
        entry.domain: entry.organization
        for entry in OrganizationDomain.objects.filter(domain__in=candidates).select_related(
            "organization"
        )
    }
    return next((found[c] for c in candidates if c in found), None)


def home_organization(email: str, *, matched: Organization | None = None) -> Organization | None:
    """The organization a person belongs to: the one matched by domain at their first Login.gov
    sign-in, else the one whose domain their email address has now."""
    return matched or organization_for_email(email)


def in_line(one: Organization, other: Organization) -> bool:
    """Whether one organization is the other, or above or beneath it."""
    return one.path.startswith(other.path) or other.path.startswith(one.path)
