"""``govcx demo`` builds a believable world, idempotently, and never in production."""

import re
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import Client, override_settings
from django.urls import reverse

from govcx.accounts.models import Membership, User
from govcx.catalog.models import Organization, Service, Touchpoint
from govcx.demo.world import DEMO_PASSWORD
from govcx.surveys.definition import segment_keys, translation_problems
from govcx.surveys.models import Survey


def run_demo(*args: str) -> str:
    out = StringIO()
    call_command("demo", *args, stdout=out)
    return out.getvalue()


def test_demo_builds_agencies_services_touchpoints_and_a_user_per_role(db: None) -> None:
    output = run_demo()
    assert Organization.objects.filter(is_hisp=True).count() >= 5
    assert Service.objects.count() >= 12
    assert not Service.objects.filter(life_events=None).exists()
    assert Touchpoint.objects.values("channel").distinct().count() >= 4
    roles = set(Membership.objects.values_list("role", flat=True))
    assert roles == {"org_admin", "survey_manager", "analyst", "viewer"}
    assert User.objects.filter(is_superuser=True).exists()
    assert "ssa-analyst@example.com" in output
    assert DEMO_PASSWORD in output


def test_demo_publishes_a11_surveys_of_both_standards_in_english_and_spanish(db: None) -> None:
    run_demo()
    surveys = Survey.objects.all()
    assert {s.origin for s in surveys} == {"a11_current", "a11_legacy"}
    assert all(s.status == "published" for s in surveys)
    assert not Touchpoint.objects.filter(surveys=None).exists()
    for survey in surveys:
        version = survey.published_version()
        assert version is not None
        assert version.languages == ["en", "es"]
        assert translation_problems(version.definition, ["es"]) == []


def test_demo_users_can_sign_in_and_browse(db: None) -> None:
    run_demo()
    client = Client()
    response = client.post(
        reverse("accounts:sign-in"),
        {"username": "ssa-viewer@example.com", "password": DEMO_PASSWORD},
    )
    assert response.status_code == 302
    page = client.get(reverse("catalog:services")).content.decode()
    assert "Apply for retirement benefits" in page
    assert "Apply for disaster assistance" not in page


def test_demo_twice_changes_nothing(db: None) -> None:
    run_demo()
    counts = (Organization.objects.count(), Service.objects.count(), Touchpoint.objects.count())
    run_demo()
    assert counts == (
        Organization.objects.count(),
        Service.objects.count(),
        Touchpoint.objects.count(),
    )
    again = run_demo("--if-empty")
    assert "already holds data" in again
    assert "ssa-admin@example.com        Organization admin at SSA" in again


def test_demo_sizes_are_options(db: None) -> None:
    run_demo("--extra-services", "40")
    assert Survey.objects.count() == 14
    assert Service.objects.count() >= 54
    with pytest.raises(CommandError, match="--extra-services"):
        run_demo("--extra-services", "-1")


def test_demo_responses_are_realistic_and_redacted(db: None) -> None:
    from govcx.collection.models import Response

    run_demo("--responses", "600")
    assert Response.objects.count() == 600
    trust = [r.answers.get("trust") for r in Response.objects.all() if "trust" in r.answers]
    assert 0.3 < trust.count("1") / max(1, trust.count("1") + trust.count("0")) < 0.95
    comments = " ".join(str(r.answers.get("comment", "")) for r in Response.objects.all())
    assert "123-45-6789" not in comments
    assert "202-555-0143" not in comments
    assert Response.objects.filter(language="es").exists()
    with pytest.raises(CommandError, match="--responses"):
        run_demo("--responses", "-5")


@override_settings(PRODUCTION=True)
def test_demo_refuses_production(db: None) -> None:
    with pytest.raises(CommandError, match="development only"):
        run_demo()


def test_demo_surveys_ask_segment_questions_for_the_equity_screen(db: None) -> None:
    from govcx.analytics.models import SegmentCount

    run_demo("--responses", "600")
    for survey in Survey.objects.all():
        version = survey.published_version()
        assert version is not None
        assert segment_keys(version.definition) == ["age_group", "rurality", "veteran"]
    assert set(SegmentCount.objects.values_list("segment_key", flat=True)) == {
        "age_group",
        "rurality",
        "veteran",
    }
    client = Client()
    client.force_login(User.objects.get(email="ssa-analyst@example.com"))
    page = client.get(reverse("analytics:organization-equity", args=["ssa"]))
    assert "Trust by answer to “What is your age?”" in page.content.decode()


def test_demo_reports_publish_a_different_reflection_on_every_card(db: None) -> None:
    from govcx.reporting.models import CollectionDetail
    from govcx.reporting.public import PUBLIC_STATES

    run_demo("--responses", "600")
    published = list(
        CollectionDetail.objects.filter(collection__state__in=PUBLIC_STATES)
        .exclude(reflection_text="")
        .values_list("reflection_text", flat=True)
    )
    assert len(published) >= 12
    assert len(set(published)) == len(published)
    for slug in ("ssa", "irs"):
        page = Client().get(reverse("trust:hisp", args=[slug])).content.decode()
        cards = re.findall(r'<div class="usa-summary-box__text">.*?</div>', page, re.S)
        assert len(cards) >= 4, slug
        assert len(set(cards)) == len(cards), slug
