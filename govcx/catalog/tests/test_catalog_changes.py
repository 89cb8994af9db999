"""Managing the catalog through its screens: what is saved, what is refused, what is audited."""

from django.urls import reverse

from govcx.audit.models import Action, AuditEntry
from govcx.catalog.models import Organization, Service, Touchpoint
from govcx.testing.factories import World, signed_in


def test_admin_adds_an_organization_beneath_their_own(world: World) -> None:
    response = signed_in(world.owner).post(
        reverse("catalog:organization-create") + "?parent=fema",
        {
            "name": "Recovery Directorate",
            "abbreviation": "ORR",
            "slug": "",
            "kind": "office",
            "parent": world.fema.pk,
            "domains": "recovery.fema.example.gov\n",
        },
    )
    assert response.status_code == 302
    office = Organization.objects.get(slug="orr")
    assert office.path == f"{world.fema.path}{office.pk}/"
    assert list(office.domains.values_list("domain", flat=True)) == ["recovery.fema.example.gov"]
    entry = AuditEntry.objects.get(action=Action.CREATED)
    assert entry.organization_id == office.pk
    assert "name" in entry.details["fields"]


def test_only_a_platform_admin_adds_a_top_level_organization(world: World) -> None:
    data = {"name": "Department of Energy", "abbreviation": "DOE", "kind": "department"}
    response = signed_in(world.owner).post(reverse("catalog:organization-create"), data)
    assert response.status_code == 302
    assert not Organization.objects.filter(slug="doe").exists()
    signed_in(world.platform).post(reverse("catalog:organization-create"), data)
    assert Organization.objects.get(slug="doe").parent is None


def test_moving_an_organization_moves_its_subtree(world: World) -> None:
    world.fema.parent = world.ssa
    world.fema.save()
    world.fema_office.refresh_from_db()
    assert world.fema_office.path == f"/{world.ssa.pk}/{world.fema.pk}/{world.fema_office.pk}/"


def test_an_organization_cannot_move_beneath_itself(world: World) -> None:
    response = signed_in(world.dhs_admin).post(
        reverse("catalog:organization-edit", args=["dhs"]),
        {
            "name": "Homeland Security",
            "abbreviation": "DHS",
            "slug": "dhs",
            "kind": "department",
            "parent": world.fema_office.pk,
        },
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    world.dhs.refresh_from_db()
    assert world.dhs.parent is None


def test_a_domain_belongs_to_one_organization(world: World) -> None:
    world.ssa.domains.create(domain="ssa.example.gov")
    response = signed_in(world.owner).post(
        reverse("catalog:organization-edit", args=["fema"]),
        {
            "name": "FEMA",
            "abbreviation": "FEMA",
            "slug": "fema",
            "kind": "agency",
            "parent": world.dhs.pk,
            "domains": "ssa.example.gov",
        },
    )
    assert "belongs to another organization" in response.content.decode()


def test_admin_adds_a_service_with_channels_stages_and_life_events(world: World) -> None:
    response = signed_in(world.owner).post(
        reverse("catalog:service-create"),
        {
            "organization": world.fema.pk,
            "name": "Request a home inspection",
            "channels": ["phone", "in_person"],
            "stages": "apply, inspect, decide",
            "life_events": [],
        },
    )
    assert response.status_code == 302
    service = Service.objects.get(name="Request a home inspection")
    assert service.channels == ["phone", "in_person"]
    assert service.stages == ["apply", "inspect", "decide"]


def test_a_service_cannot_be_added_to_another_organization(world: World) -> None:
    response = signed_in(world.owner).post(
        reverse("catalog:service-create"),
        {"organization": world.ssa.pk, "name": "Sneaky", "stages": "start"},
    )
    assert response.status_code == 200
    assert not Service.objects.filter(name="Sneaky").exists()


def test_stages_in_use_by_touchpoints_cannot_be_removed(world: World) -> None:
    response = signed_in(world.owner).post(
        reverse("catalog:service-edit", args=[world.service.pk]),
        {"name": world.service.name, "stages": "middle, end", "channels": ["website"]},
    )
    assert "Touchpoints still use these stages: start" in response.content.decode()


def test_survey_manager_adds_a_touchpoint_on_a_service_stage(world: World) -> None:
    url = reverse("catalog:touchpoint-create", args=[world.service.pk])
    response = signed_in(world.manager).post(
        url,
        {
            "name": "Helpline",
            "channel": "phone",
            "stage": "middle",
            "transaction_point_type": "post_interaction",
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    touchpoint = Touchpoint.objects.get(name="Helpline")
    assert (touchpoint.channel, touchpoint.stage) == ("phone", "middle")
    refused = signed_in(world.manager).post(
        url,
        {
            "name": "Bad",
            "channel": "carrier_pigeon",
            "stage": "nowhere",
            "transaction_point_type": "post_interaction",
        },
    )
    page = refused.content.decode()
    assert 'href="#id_channel"' in page
    assert 'href="#id_stage"' in page


def test_platform_admin_edits_a_life_event(world: World) -> None:
    response = signed_in(world.platform).post(
        reverse("catalog:life-event-edit", args=["retiring"]),
        {"name": "Retiring", "slug": "retiring", "kind": "life_event", "description": "Updated"},
    )
    assert response.status_code == 302
    assert AuditEntry.objects.filter(
        action=Action.UPDATED, object_type="catalog.lifeevent"
    ).exists()
