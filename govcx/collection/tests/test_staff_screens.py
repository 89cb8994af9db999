"""Collection screens for staff: snippets and links, API keys, allowed origins, rejections."""

from django.test import Client
from django.urls import reverse

from govcx.collection.models import RejectionCount, TouchpointKey
from govcx.collection.tests.helpers import published_survey, submit
from govcx.testing.factories import World, signed_in


def test_the_collect_page_by_role(world: World) -> None:
    url = reverse("collection:touchpoint-collect", args=[world.touchpoint.pk])
    assert signed_in(world.manager).get(url).status_code == 200
    assert signed_in(world.owner).get(url).status_code == 200
    assert signed_in(world.member).get(url).status_code == 403
    assert signed_in(world.outsider).get(url).status_code == 404
    assert Client().get(url).status_code == 302


def test_the_collect_page_gives_the_link_and_the_snippet(world: World) -> None:
    survey = published_survey(world)
    page = (
        signed_in(world.manager)
        .get(reverse("collection:touchpoint-collect", args=[world.touchpoint.pk]))
        .content.decode()
    )
    assert f"/s/{survey.public_id}/?tp={world.touchpoint.pk}" in page
    assert f'data-govcx-survey="{survey.public_id}"' in page
    assert "widget-v1.js" in page


def test_a_key_is_shown_once_then_only_its_prefix(world: World) -> None:
    url = reverse("collection:touchpoint-collect", args=[world.touchpoint.pk])
    client = signed_in(world.manager)
    page = client.post(url, {"name": "Call center"}).content.decode()
    key = TouchpointKey.objects.get()
    assert f"gcx_{key.prefix}_" in page
    assert "will not be shown again" in page
    again = client.get(url).content.decode()
    assert "will not be shown again" not in again
    client.post(reverse("collection:key-revoke", args=[world.touchpoint.pk, key.pk]))
    key.refresh_from_db()
    assert not key.is_active


def test_allowed_origins_are_checked(world: World) -> None:
    url = reverse("catalog:touchpoint-edit", args=[world.touchpoint.pk])
    data = {
        "name": "Online application",
        "channel": "website",
        "stage": "start",
        "transaction_point_type": "post_interaction",
        "is_active": "on",
    }
    bad = signed_in(world.manager).post(url, {**data, "allowed_origins": "www.fema.gov/page"})
    assert "Not an origin" in bad.content.decode()
    signed_in(world.manager).post(
        url, {**data, "allowed_origins": "https://www.fema.gov/\nhttps://www.fema.gov"}
    )
    world.touchpoint.refresh_from_db()
    assert world.touchpoint.allowed_origins == ["https://www.fema.gov"]


def test_rejections_are_visible_to_admins(world: World) -> None:
    survey = published_survey(world)
    submit(survey, {"trust": "7"})
    detail = signed_in(world.manager).get(reverse("surveys:detail", args=[survey.pk]))
    assert "Answers failed validation" in detail.content.decode()
    viewer = signed_in(world.member).get(reverse("surveys:detail", args=[survey.pk]))
    assert "Answers failed validation" not in viewer.content.decode()
    Client().post("/api/v1/submissions", "[]", content_type="application/json")
    Client().post("/api/v1/submissions", "[]", content_type="application/json", HTTP_ORIGIN="x")
    platform = signed_in(world.platform).get(reverse("collection:rejections")).content.decode()
    assert "Not valid JSON or wrong fields" in platform
    assert "Missing or wrong API key" in platform
    assert signed_in(world.owner).get(reverse("collection:rejections")).status_code == 403
    assert RejectionCount.objects.filter(survey__isnull=True).exists()
