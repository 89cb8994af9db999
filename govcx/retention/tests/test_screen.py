"""The retention screen: organization admins only; period, dry run and legal holds."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from govcx.analytics.rollups import rollup_catch_up
from govcx.audit.models import Action, AuditEntry
from govcx.collection.models import Response
from govcx.collection.tests.helpers import published_survey
from govcx.retention.models import LegalHold, RetentionPeriod
from govcx.testing.factories import World, noon, respond_many, signed_in

EXPECTED = {
    "owner": 200,
    "dhs_admin": 200,
    "platform": 200,
    "manager": 403,
    "member": 403,
    "outsider": 404,
}


def url(world: World) -> str:
    return reverse("retention:organization", args=[world.fema.slug])


@pytest.mark.parametrize("who", sorted(EXPECTED))
def test_only_organization_admins_see_the_screen(world: World, who: str) -> None:
    user = getattr(world, who)
    assert signed_in(user).get(url(world)).status_code == EXPECTED[who]
    response = signed_in(user).post(url(world), {"months": "3"})
    assert response.status_code == (302 if EXPECTED[who] == 200 else EXPECTED[who])


@pytest.mark.parametrize("who", ["manager", "member", "outsider"])
def test_others_cannot_place_or_clear_holds(world: World, who: str) -> None:
    survey = published_survey(world)
    client = signed_in(getattr(world, who))
    place = reverse("retention:hold-place", args=[world.fema.slug])
    assert client.post(place, {"survey": survey.pk, "reason": "x"}).status_code in (403, 404)
    assert not LegalHold.objects.exists()
    hold = LegalHold.objects.create(survey=survey, reason="FOIA request 2026-0001")
    clear = reverse("retention:hold-clear", args=[world.fema.slug, hold.pk])
    assert client.post(clear, {f"clear-{hold.pk}-reason": "x"}).status_code in (403, 404)
    assert LegalHold.objects.filter(pk=hold.pk).exists()


def test_the_public_is_sent_to_sign_in(world: World) -> None:
    response = Client().get(url(world))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:sign-in"))


def test_a_hold_of_another_organization_is_not_found(world: World) -> None:
    survey = published_survey(world)
    hold = LegalHold.objects.create(survey=survey, reason="Audit")
    clear = reverse("retention:hold-clear", args=[world.ssa.slug, hold.pk])
    response = signed_in(world.outsider).post(clear, {f"clear-{hold.pk}-reason": "done"})
    assert response.status_code == 404
    assert LegalHold.objects.filter(pk=hold.pk).exists()


def test_the_period_is_set_audited_and_inherited_again(world: World) -> None:
    client = signed_in(world.owner)
    assert "platform default" in client.get(url(world)).content.decode()
    assert client.post(url(world), {"months": "36"}).status_code == 302
    assert RetentionPeriod.objects.get(organization=world.fema).months == 36
    office = client.get(reverse("retention:organization", args=[world.fema_office.slug]))
    assert "Inherited from Federal Emergency Management Agency" in office.content.decode()
    entry = AuditEntry.objects.get(action=Action.RETENTION_CHANGED)
    assert entry.details == {"months before": 12, "months": 36, "own period": True}
    client.post(url(world), {"months": ""})
    assert not RetentionPeriod.objects.exists()


@pytest.mark.parametrize("months", ["0", "1201", "a year"])
def test_a_bad_period_gets_a_clear_error(world: World, months: str) -> None:
    response = signed_in(world.owner).post(url(world), {"months": months})
    assert response.status_code == 200
    assert "Months to keep responses" in response.content.decode()
    assert 'aria-invalid="true"' in response.content.decode()
    assert not RetentionPeriod.objects.exists()


def test_the_dry_run_shows_counts_and_holds(world: World) -> None:
    survey = published_survey(world)
    respond_many(
        survey, {"trust": "1"}, 3, when=noon(timezone.localdate().replace(year=2020, month=8))
    )
    rollup_catch_up()
    client = signed_in(world.dhs_admin)
    page = client.get(url(world)).content.decode()
    assert "FY20 Q4" in page
    assert "The next purge will delete 3 responses." in page
    assert "Will be deleted" in page

    place = reverse("retention:hold-place", args=[world.fema.slug])
    response = client.post(place, {"survey": survey.pk, "reason": "Smith v. FEMA"})
    assert response.status_code == 302
    page = client.get(url(world)).content.decode()
    assert "The next purge will delete 0 responses." in page
    assert "3 responses are kept for legal holds." in page
    assert "Smith v. FEMA" in page
    assert Response.objects.count() == 3


def test_holds_are_placed_and_cleared_with_a_reason_and_audited(world: World) -> None:
    survey = published_survey(world)
    client = signed_in(world.owner)
    place = reverse("retention:hold-place", args=[world.fema.slug])
    response = client.post(place, {"survey": survey.pk, "reason": "  "})
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    assert not LegalHold.objects.exists()

    client.post(place, {"survey": survey.pk, "reason": "Smith v. FEMA"})
    hold = LegalHold.objects.get(survey=survey)
    assert hold.placed_by == world.owner
    clear = reverse("retention:hold-clear", args=[world.fema.slug, hold.pk])
    response = client.post(clear, {f"clear-{hold.pk}-reason": ""})
    assert response.status_code == 200
    assert LegalHold.objects.exists()
    assert client.post(clear, {f"clear-{hold.pk}-reason": "Case closed"}).status_code == 302
    assert not LegalHold.objects.exists()
    placed, cleared = AuditEntry.objects.filter(
        action__in=[Action.LEGAL_HOLD_PLACED, Action.LEGAL_HOLD_CLEARED]
    ).order_by("at", "id")
    assert (placed.details["reason"], placed.object_id) == ("Smith v. FEMA", str(survey.pk))
    assert cleared.details["reason"] == "Case closed"


def test_a_survey_of_another_organization_cannot_be_held(world: World) -> None:
    survey = published_survey(world)
    place = reverse("retention:hold-place", args=[world.ssa.slug])
    response = signed_in(world.outsider).post(place, {"survey": survey.pk, "reason": "x"})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not LegalHold.objects.exists()


def test_the_organization_page_links_to_the_screen_for_admins_only(world: World) -> None:
    page = reverse("catalog:organization", args=[world.fema.slug])
    assert url(world) in signed_in(world.owner).get(page).content.decode()
    assert url(world) not in signed_in(world.manager).get(page).content.decode()
