"""The purge deletes due responses in batches, keeps held ones, and audits counts only."""

from io import StringIO

import pytest
from django.core.management import call_command

from govcx.analytics.models import RollupState
from govcx.analytics.rollups import rollup_catch_up
from govcx.audit.models import Action, AuditEntry
from govcx.collection.models import Response
from govcx.collection.tests.helpers import published_survey
from govcx.retention.models import LegalHold, PurgedQuarter, RetentionPeriod
from govcx.retention.purge import purge_run
from govcx.retention.tests.helpers import DUE_DAY, NOT_DUE_DAY, TODAY
from govcx.surveys.models import Survey
from govcx.testing.factories import World, noon, respond_many


@pytest.fixture
def survey(world: World) -> Survey:
    return published_survey(world)


def test_due_responses_are_deleted_and_later_ones_kept(world: World, survey: Survey) -> None:
    due = [r.pk for r in respond_many(survey, {"trust": "1"}, 3, when=noon(DUE_DAY))]
    kept = [r.pk for r in respond_many(survey, {"trust": "1"}, 2, when=noon(NOT_DUE_DAY))]
    rollup_catch_up()
    report = purge_run(today=TODAY, dry_run=False)
    assert report.deleted == 3
    assert set(Response.objects.values_list("pk", flat=True)) == set(kept)
    assert not Response.objects.filter(pk__in=due).exists()
    record = PurgedQuarter.objects.get()
    assert (record.fiscal_year, record.quarter, record.responses) == (2025, 4, 3)
    assert purge_run(today=TODAY, dry_run=False).slices == []


def test_a_dry_run_counts_per_survey_and_quarter_and_deletes_nothing(
    world: World, survey: Survey
) -> None:
    respond_many(survey, {"trust": "1"}, 2, when=noon(DUE_DAY))
    respond_many(survey, {"trust": "1"}, 1, when=noon(DUE_DAY.replace(month=4)))  # FY25 Q3
    respond_many(survey, {"trust": "1"}, 4, when=noon(NOT_DUE_DAY))
    rollup_catch_up()
    report = purge_run(today=TODAY, dry_run=True)
    assert [(s.survey, s.service, s.quarter.label, s.responses) for s in report.slices] == [
        (survey, world.service, "FY25 Q3", 1),
        (survey, world.service, "FY25 Q4", 2),
    ]
    assert report.due == 3
    assert Response.objects.count() == 7
    assert not PurgedQuarter.objects.exists()
    assert not AuditEntry.objects.filter(action=Action.RESPONSES_PURGED).exists()


def test_the_organization_period_decides(world: World, survey: Survey) -> None:
    respond_many(survey, {"trust": "1"}, 2, when=noon(DUE_DAY))
    rollup_catch_up()
    RetentionPeriod.objects.create(organization=world.dhs, months=24)  # FEMA inherits it
    assert purge_run(today=TODAY, dry_run=False).deleted == 0
    RetentionPeriod.objects.create(organization=world.fema, months=14)
    assert purge_run(today=TODAY, dry_run=True).due == 0  # due on 1 December 2026
    RetentionPeriod.objects.filter(organization=world.fema).update(months=13)
    assert purge_run(today=TODAY, dry_run=True).due == 2  # due since 1 November 2026
    RetentionPeriod.objects.filter(organization=world.fema).update(months=1)
    assert purge_run(today=TODAY, dry_run=False).deleted == 2


def test_a_legal_hold_stops_the_purge_until_cleared(world: World, survey: Survey) -> None:
    respond_many(survey, {"trust": "1"}, 2, when=noon(DUE_DAY))
    rollup_catch_up()
    hold = LegalHold.objects.create(survey=survey, reason="Smith v. FEMA")
    report = purge_run(today=TODAY, dry_run=False)
    assert (report.deleted, report.held) == (0, 2)
    assert report.slices[0].held
    assert Response.objects.count() == 2
    entry = AuditEntry.objects.get(action=Action.RESPONSES_PURGED)
    assert entry.details["responses held"] == 2
    assert entry.details["surveys on legal hold"] == [survey.pk]
    hold.delete()
    assert purge_run(today=TODAY, dry_run=False).deleted == 2


def test_batches_delete_everything_due(world: World, survey: Survey) -> None:
    respond_many(survey, {"trust": "1"}, 7, when=noon(DUE_DAY))
    rollup_catch_up()
    assert purge_run(today=TODAY, dry_run=False, batch=2).deleted == 7
    assert Response.objects.count() == 0
    assert PurgedQuarter.objects.get().responses == 7


def test_responses_the_rollups_have_not_counted_wait(world: World, survey: Survey) -> None:
    ids = [r.pk for r in respond_many(survey, {"trust": "1"}, 3, when=noon(DUE_DAY))]
    rollup_catch_up()
    RollupState.objects.update(last_id=ids[1])  # the last one is not counted yet
    assert purge_run(today=TODAY, dry_run=False).deleted == 2
    assert list(Response.objects.values_list("pk", flat=True)) == [ids[2]]
    rollup_catch_up()
    assert purge_run(today=TODAY, dry_run=False).deleted == 1


def test_the_audit_entry_has_counts_and_never_content(world: World, survey: Survey) -> None:
    respond_many(survey, {"trust": "0", "comment": "Kafkaesque"}, 2, when=noon(DUE_DAY))
    rollup_catch_up()
    purge_run(today=TODAY, dry_run=False, by=world.owner)
    entry = AuditEntry.objects.get(action=Action.RESPONSES_PURGED)
    assert entry.organization_id == world.fema.pk
    assert entry.actor_email == world.owner.email
    assert entry.details == {
        "responses deleted": 2,
        "quarters": ["FY25 Q4"],
        "surveys": [survey.pk],
        "responses held": 0,
        "surveys on legal hold": [],
    }
    assert "Kafkaesque" not in str(entry.details)


def test_the_scheduled_purge_is_audited_without_a_person(world: World, survey: Survey) -> None:
    respond_many(survey, {"trust": "1"}, 1, when=noon(DUE_DAY))
    rollup_catch_up()
    purge_run(today=TODAY, dry_run=False)
    entry = AuditEntry.objects.get(action=Action.RESPONSES_PURGED)
    assert (entry.actor_id, entry.actor_email) == (None, "scheduled purge")


def test_other_organizations_keep_their_own_clock(world: World, survey: Survey) -> None:
    respond_many(survey, {"trust": "1"}, 1, when=noon(DUE_DAY))
    rollup_catch_up()
    RetentionPeriod.objects.create(organization=world.ssa, months=1)
    report = purge_run(today=TODAY, dry_run=True)
    assert [s.organization for s in report.slices] == [world.fema]


def test_the_command_reports_and_purges(world: World, survey: Survey) -> None:
    respond_many(survey, {"trust": "1"}, 2, when=noon(DUE_DAY.replace(year=2020)))
    rollup_catch_up()
    out = StringIO()
    call_command("retention", "purge", "--dry-run", stdout=out)
    assert "FY20 Q4\t2 response(s)\tdue 2021-10-01\twould be deleted" in out.getvalue()
    assert "Dry run: 2 response(s) would be deleted; 0 kept for legal holds." in out.getvalue()
    assert Response.objects.count() == 2
    out = StringIO()
    call_command("retention", "purge", stdout=out)
    assert "2 response(s) deleted; 0 kept for legal holds." in out.getvalue()
    assert Response.objects.count() == 0
