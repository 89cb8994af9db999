"""Staff are matched to organizations by email domain: whole labels, most specific first."""

import pytest

from govcx.catalog.domains import organization_for_email
from govcx.catalog.models import OrganizationDomain
from govcx.testing.factories import World


@pytest.mark.parametrize(
    ("email", "slug"),
    [
        ("pat@fema.dhs.gov", "fema"),
        ("Pat@FEMA.DHS.GOV", "fema"),
        ("pat@ia.fema.dhs.gov", "fema"),
        ("pat@fema.dhs.gov.", "fema"),
        ("pat@dhs.gov", "dhs"),
        ("pat@evilfema.dhs.gov", "dhs"),
        ("pat@tsa.dhs.gov", "dhs"),
        ("pat@ssa.gov", "ssa"),
        ("pat@fema.dhs.gov.example.com", None),
        ("pat@gov", None),
        ("pat@notssa.gov", None),
        ("not-an-address", None),
    ],
)
def test_most_specific_whole_label_match(world: World, email: str, slug: str | None) -> None:
    OrganizationDomain.objects.create(organization=world.dhs, domain="dhs.gov")
    OrganizationDomain.objects.create(organization=world.fema, domain="fema.dhs.gov")
    OrganizationDomain.objects.create(organization=world.ssa, domain="ssa.gov")
    found = organization_for_email(email)
    assert (found.slug if found else None) == slug
