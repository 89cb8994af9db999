"""Quarterly collections: pre-filled details, every validation problem, submission with an
integrity hash, the review states, and who may do what."""

import re
from datetime import date

import pytest
from django.urls import reverse

from govcx.audit.models import AuditEntry
from govcx.catalog.models import Touchpoint
from govcx.reporting.integrity import integrity_check
from govcx.reporting.lifecycle import TransitionError, choices, collection_transition
from govcx.reporting.models import Collection
from govcx.reporting.services import NotAHispService, collection_open, detail_update
from govcx.reporting.tests.helpers import IN_Q2, Q2, at
from govcx.reporting.validation import collection_problems
from govcx.retention.models import PurgedQuarter
from govcx.surveys.lifecycle import survey_transition
from govcx.surveys.models import Survey
from govcx.surveys.tests.helpers import make_survey
from govcx.testing.factories import World, respond, respond_many, signed_in

AFTER = date(2026, 5, 1)  # FY26 Q2 is over, its report not yet late


def _ready(world: World, respondents: int = 3) -> Collection:
    survey = survey_transition(survey=make_survey(world), name="publish", by=world.owner)
    respond_many(survey, {"trust": "1"}, respondents, when=IN_Q2)
    collection = collection_open(world.service, Q2, by=world.owner)
    detail_update(
        collection.details.get(),
        {
            "volume_of_customers": 1000,
            "volume_of_customers_provided_survey_opportunity": 200,
            "reflection_text": "Applicants want status updates; we will add text alerts.",
        },
        by=world.owner,
    )
    return collection


def test_a_collection_is_prefilled_from_what_govcx_knows(world: World) -> None:
    survey = survey_transition(survey=make_survey(world), name="publish", by=world.owner)
    respond_many(survey, {"trust": "1"}, 4, when=IN_Q2)
    respond(survey, {"trust": "0"}, when=at(7, 1))  # another quarter
    collection = collection_open(world.service, Q2, by=world.owner)
    detail = collection.details.get()
    assert (collection.hisp, collection.state) == (world.fema, "draft")
    assert detail.volume_of_respondents == 4
    assert (detail.transaction_point, detail.channel, detail.service_stage) == (
        "post_interaction",
        "website",
        "start",
    )
    assert detail.survey_type == "thumbs_up_down"
    assert detail.omb_control_number == "3090-0325"
    assert detail.trust_question_text.startswith("Based on my experience with")
    assert detail.volume_of_customers is None
    assert AuditEntry.objects.filter(action="reporting.opened").count() == 1


def test_services_outside_any_hisp_have_no_collection(world: World) -> None:
    world.fema.is_hisp = False
    world.fema.save()
    with pytest.raises(NotAHispService):
        collection_open(world.service, Q2, by=world.owner)


def test_validation_lists_every_problem(world: World) -> None:
    survey = survey_transition(survey=make_survey(world), name="publish", by=world.owner)
    Survey.objects.filter(pk=survey.pk).update(pra_expiration=date(2026, 2, 15))
    respond_many(survey, {"trust": "1"}, 3, when=IN_Q2)
    custom = survey_transition(survey=make_survey(world, "blank"), name="publish", by=world.owner)
    respond(custom, {"comment": "hello"}, when=IN_Q2)
    collection = collection_open(world.service, Q2, by=world.owner)
    thumbs = collection.details.get(survey=survey)
    detail_update(
        thumbs,
        {"volume_of_customers": 100, "volume_of_customers_provided_survey_opportunity": 2},
        by=world.owner,
    )
    blank = collection.details.get(survey=custom)
    detail_update(
        blank,
        {
            "volume_of_customers": 10,
            "volume_of_customers_provided_survey_opportunity": 50,
            "reflection_text": "ok",
        },
        by=world.owner,
    )

    problems = [str(p) for p in collection_problems(collection, today=date(2026, 3, 1))]

    assert problems[0].startswith("The quarter ends on")
    thumbs_problems = [p for p in problems if p.startswith(thumbs.survey_title) and "(Online" in p]
    joined = "\n".join(problems)
    assert "3 people answered but only 2 were offered the survey" in joined
    assert "Write what you learned this quarter" in joined
    assert "expired on Feb. 15, 2026, during the quarter" in joined
    assert "50 customers offered the survey is more than the 10 customers served" in joined
    assert "no A-11 trust question" in joined
    assert len(thumbs_problems) >= 3
    assert len(problems) == 6


def test_missing_volumes_and_an_empty_quarter_are_named(world: World) -> None:
    survey = survey_transition(survey=make_survey(world), name="publish", by=world.owner)
    respond(survey, {"trust": "1"}, when=IN_Q2)
    collection = collection_open(world.service, Q2, by=world.owner)
    problems = "\n".join(str(p) for p in collection_problems(collection, today=AFTER))
    assert "Enter how many customers the touchpoint served." in problems
    assert "Enter how many customers were offered the survey." in problems

    empty = collection_open(world.ssa_service, Q2, by=world.outsider)
    (only,) = collection_problems(empty, today=AFTER)
    assert "mark the quarter not reported" in str(only)


def test_submitting_freezes_the_report_and_later_changes_show(world: World) -> None:
    collection = _ready(world)
    collection = collection_transition(collection, "submit", by=world.owner, today=AFTER)
    assert collection.state == "submitted"
    assert len(collection.integrity_hash) == 64
    assert collection.package is not None
    assert collection.package["details"][0]["volume_of_respondents"] == 3
    assert integrity_check(collection).intact

    with pytest.raises(PermissionError):
        detail_update(collection.details.get(), {"volume_of_customers": 5}, by=world.owner)

    survey = collection.details.get().survey
    respond(survey, {"trust": "0"}, when=at(3, 30))  # a late import into the quarter
    check = integrity_check(collection)
    assert not check.intact
    assert any(
        "the responses changed since submission (3 then, 4 now" in d for d in check.differences
    )

    with pytest.raises(TransitionError) as refused:
        collection_transition(collection, "publish", by=world.platform, today=AFTER)
    assert "request changes" in str(refused.value)


def test_the_same_data_gives_the_same_hash_and_any_change_a_different_one(world: World) -> None:
    collection = _ready(world)
    first = collection_transition(collection, "submit", by=world.owner, today=AFTER)
    again = collection_transition(
        first, "request_changes", by=world.platform, today=AFTER, note="Check volumes"
    )
    assert again.integrity_hash == ""
    assert again.state == "change_requested"
    resubmitted = collection_transition(again, "submit", by=world.owner, today=AFTER)
    assert resubmitted.integrity_hash == first.integrity_hash
    returned = collection_transition(
        resubmitted, "request_changes", by=world.platform, today=AFTER, note="Volumes"
    )
    detail_update(returned.details.get(), {"volume_of_customers": 1001}, by=world.owner)
    changed = collection_transition(returned, "submit", by=world.owner, today=AFTER)
    assert changed.integrity_hash != first.integrity_hash


def test_submission_is_refused_with_every_problem(world: World) -> None:
    survey = survey_transition(survey=make_survey(world), name="publish", by=world.owner)
    respond(survey, {"trust": "1"}, when=IN_Q2)
    collection = collection_open(world.service, Q2, by=world.owner)
    with pytest.raises(TransitionError) as refused:
        collection_transition(collection, "submit", by=world.owner, today=AFTER)
    assert len(refused.value.problems) == 3
    collection.refresh_from_db()
    assert collection.state == "draft"
    assert not collection.integrity_hash


def test_each_transition_is_allowed_to_its_role_only_and_audited(world: World) -> None:
    collection = _ready(world)
    with pytest.raises(PermissionError):
        collection_transition(collection, "submit", by=world.manager, today=AFTER)
    collection = collection_transition(collection, "submit", by=world.owner, today=AFTER)
    with pytest.raises(PermissionError):
        collection_transition(collection, "publish", by=world.owner, today=AFTER)
    with pytest.raises(TransitionError):
        collection_transition(collection, "request_changes", by=world.platform, today=AFTER)
    collection = collection_transition(collection, "publish", by=world.platform, today=AFTER)
    assert collection.published_at is not None
    collection = collection_transition(collection, "archive", by=world.platform, today=AFTER)
    with pytest.raises(TransitionError):
        collection_transition(collection, "submit", by=world.owner, today=AFTER)
    actions = list(
        AuditEntry.objects.filter(action__startswith="reporting.")
        .order_by("at", "id")
        .values_list("action", flat=True)
    )
    assert actions == [
        "reporting.opened",
        "reporting.updated",
        "reporting.submitted",
        "reporting.published",
        "reporting.archived",
    ]


def test_a_quarter_can_be_marked_not_reported_with_a_reason(world: World) -> None:
    collection = collection_open(world.ssa_service, Q2, by=world.outsider)
    with pytest.raises(TransitionError):
        collection_transition(collection, "not_reported", by=world.outsider, today=AFTER)
    collection = collection_transition(
        collection, "not_reported", by=world.outsider, today=AFTER, note="Survey paused"
    )
    assert (collection.state, collection.note) == ("not_reported", "Survey paused")
    assert collection_transition(collection, "reopen", by=world.outsider, today=AFTER).state == (
        "draft"
    )


def test_the_report_screen_edits_and_submits(world: World) -> None:
    survey = survey_transition(survey=make_survey(world), name="publish", by=world.owner)
    respond(survey, {"trust": "1"}, when=IN_Q2)
    viewing = signed_in(world.member).get(reverse("reporting:list") + "?quarter=2026-2")
    assert "Apply for disaster assistance" in viewing.content.decode()
    assert "Start report" not in viewing.content.decode()
    client = signed_in(world.manager)
    listing = client.get(reverse("reporting:list") + "?quarter=2026-2")
    assert "Start report" in listing.content.decode()
    started = client.post(reverse("reporting:start", args=[world.service.pk, 2026, 2]))
    collection = Collection.objects.get()
    assert started.url == reverse("reporting:detail", args=[collection.pk])  # type: ignore[attr-defined]
    detail = collection.details.get()
    page = client.get(started.url)  # type: ignore[attr-defined]
    assert "Enter how many customers the touchpoint served." in page.content.decode()

    bad = client.post(
        started.url,  # type: ignore[attr-defined]
        {"detail": detail.pk, f"d{detail.pk}-volume_of_customers": "lots"},
    )
    assert "Enter a whole number." in bad.content.decode()
    client.post(
        started.url,  # type: ignore[attr-defined]
        {
            "detail": detail.pk,
            f"d{detail.pk}-volume_of_customers": "900",
            f"d{detail.pk}-volume_of_customers_provided_survey_opportunity": "90",
            f"d{detail.pk}-reflection_text": "We learned a lot.",
        },
    )
    detail.refresh_from_db()
    assert (detail.volume_of_customers, detail.reflection_text) == (900, "We learned a lot.")
    # A survey manager prepares; only an organization admin submits.
    assert "Submit to OMB" not in client.get(started.url).content.decode()  # type: ignore[attr-defined]
    refused = client.post(reverse("reporting:transition", args=[collection.pk, "submit"]))
    assert refused.status_code == 302
    collection.refresh_from_db()
    assert collection.state == "draft"
    owner = signed_in(world.owner)
    assert "Submit to OMB" in owner.get(started.url).content.decode()  # type: ignore[attr-defined]
    owner.post(reverse("reporting:transition", args=[collection.pk, "submit"]))
    collection.refresh_from_db()
    assert collection.state == "submitted"
    assert "matches what was submitted" in owner.get(started.url).content.decode()  # type: ignore[attr-defined]


def test_each_survey_is_reported_per_touchpoint(world: World) -> None:
    phone = Touchpoint.objects.create(
        service=world.service, name="Helpline", channel="phone", stage="middle"
    )
    survey = make_survey(world)
    survey.touchpoints.add(phone)
    survey = survey_transition(survey=survey, name="publish", by=world.owner)
    respond(survey, {"trust": "1"}, touchpoint=world.touchpoint, when=IN_Q2)
    respond(survey, {"trust": "0"}, touchpoint=phone, when=IN_Q2)
    respond(survey, {"trust": "0"}, touchpoint=phone, when=IN_Q2)
    collection = collection_open(world.service, Q2, by=world.owner)
    counts = dict(collection.details.values_list("channel", "volume_of_respondents"))
    assert counts == {"website": 1, "phone": 2}


def test_a_purge_under_the_records_schedule_is_noted_not_flagged(world: World) -> None:
    collection = _ready(world)
    collection = collection_transition(collection, "submit", by=world.owner, today=AFTER)
    survey = collection.details.get().survey
    survey.responses.all().delete()
    PurgedQuarter.objects.create(
        organization_id=world.fema.pk,
        survey_id=survey.pk,
        service_id=world.service.pk,
        fiscal_year=2026,
        quarter=2,
        first_day=date(2026, 1, 1),
        last_day=date(2026, 3, 31),
        responses=3,
    )
    check = integrity_check(collection)
    assert check.intact
    assert "3 responses of this quarter were purged" in check.notes[0]


def test_the_report_page_offers_the_next_steps_the_lifecycle_allows(world: World) -> None:
    collection = _ready(world)
    url = reverse("reporting:detail", args=[collection.pk])
    prefix = reverse("reporting:transition", args=[collection.pk, "x"])[:-2]
    step = re.compile(
        re.escape(prefix) + r'(\w+)/"[^>]*>.*?(?:<label[^>]*>([^<]*)</label>.*?)?'
        r'<button type="submit" class="usa-button( usa-button--outline)?">\s*([^<]+?)\s*</button>',
        re.S,
    )
    stages = [
        (
            world.owner,
            [
                ("submit", "", "", "Submit to OMB"),
                (
                    "not_reported",
                    "Why is nothing reported for this quarter?",
                    " usa-button--outline",
                    "Mark not reported",
                ),
            ],
        ),
        (world.manager, []),
    ]
    for who, expected in stages:
        html = signed_in(who).get(url).content.decode()
        found = [tuple(g or "" for g in m.groups()) for m in step.finditer(html)]
        offered = [
            (c.name, c.note_label, "" if c.primary else " usa-button--outline", c.label)
            for c in choices(who, collection)
        ]
        assert found == offered == expected
    collection = collection_transition(collection, "submit", by=world.owner, today=AFTER)
    html = signed_in(world.platform).get(url).content.decode()
    found = [tuple(g or "" for g in m.groups()) for m in step.finditer(html)]
    assert found == [
        ("publish", "", "", "Publish"),
        (
            "request_changes",
            "What should the agency change?",
            " usa-button--outline",
            "Request changes",
        ),
    ]
