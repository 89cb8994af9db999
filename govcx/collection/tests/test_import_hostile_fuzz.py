"""Hostile text through the CSV import screen: every file is either stored whole, each cell
intact (redacted as any comment is) and exported again with formula cells neutralized, or
refused with its problems listed by row and column and nothing stored. Never a server error.
Bounded examples, on SQLite and PostgreSQL alike."""

import csv
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govcx.accounts.tests.api_helpers import api_get, token_for
from govcx.collection.imports import KEY_PREFIX
from govcx.collection.models import Response
from govcx.collection.tests.helpers import published_survey
from govcx.collection.tests.test_hostile_text_fuzz import HOSTILE, as_csv, stored_text
from govcx.core.text import text_problem
from govcx.surveys.models import Survey
from govcx.testing.factories import World, signed_in

ROWS = st.lists(st.tuples(HOSTILE, HOSTILE), min_size=1, max_size=3)


def as_file(rows: list[tuple[str, str]]) -> bytes:
    """A CSV as a spreadsheet writes it; a lone surrogate, which UTF-8 cannot hold, goes in as
    the bytes a careless encoder writes for it (so the file is not UTF-8)."""
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow(["id", "trust", "comment", "location_code"])
    for number, (comment, location) in enumerate(rows, start=1):
        writer.writerow([f"paper-{number}", "1", comment, location[:100]])
    return text.getvalue().encode("utf-8", "surrogatepass")


def upload(client: Client, survey: Survey, world: World, data: bytes) -> tuple[int, str]:
    url = reverse("collection:import-responses", args=[survey.pk])
    response = client.post(
        url,
        {
            "touchpoint": world.touchpoint.pk,
            "layout": "columns",
            "file": SimpleUploadedFile("paper.csv", data),
        },
    )
    return response.status_code, response.content.decode()


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(rows=ROWS)
def test_hostile_files_are_stored_whole_or_refused_by_row_and_column(
    world: World, rows: list[tuple[str, str]]
) -> None:
    survey = published_survey(world)
    Response.objects.filter(survey=survey).delete()
    status, page = upload(signed_in(world.manager), survey, world, as_file(rows))
    assert status in (200, 302, 400), status
    stored = {r.idempotency_key: r for r in Response.objects.filter(survey=survey)}
    refusable = [
        (comment, location)
        for comment, location in rows
        if text_problem(comment) or text_problem(location[:100]) or len(comment.strip()) > 1000
    ]
    if status != 302:
        assert not stored
        assert refusable or "not UTF-8" in page or "Row " in page, page[:400]
        return
    assert not refusable
    assert len(stored) == len(rows)
    export = b"".join(
        api_get(
            "/api/v1/responses/export", token_for(world.owner), survey=survey.pk
        ).streaming_content
    )
    table = {r["response_id"]: r for r in csv.DictReader(io.StringIO(export.decode("utf-8-sig")))}
    for number, (comment, _location) in enumerate(rows, start=1):
        response = stored[f"{KEY_PREFIX}paper-{number}"]
        # A CSV cell is read back as written; the import trims it like every channel does.
        assert response.answers.get("comment") == stored_text(comment)
        assert table[str(response.pk)]["comment"] == as_csv(response.answers.get("comment") or "")
