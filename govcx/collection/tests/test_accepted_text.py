"""What text is accepted (docs/collection.md): NUL, lone surrogates and C0 controls other than
tab and line ends are refused with a 400 naming the field, on every channel, before anything is
stored; PostgreSQL and SQLite behave the same."""

from typing import Any

import pytest
from django.db.models import Sum
from django.test import Client
from django.urls import reverse
from django.utils.translation import trans_real

from govcx.collection.models import RejectionCount, Response
from govcx.collection.tests.helpers import ORIGIN, published_survey, submit
from govcx.testing.factories import World

THUMBS_UP = {"trust": "1", "went_well": ["ease", "other"], "went_well__other": "Quick"}
HOSTILE = {"NUL": "a\x00b", "surrogate": "a\ud800b", "escape": "a\x1b[31mb", "form feed": "\x0c"}


def invalid_rejections() -> int:
    total = RejectionCount.objects.filter(reason="invalid").aggregate(n=Sum("count"))["n"]
    return int(total or 0)


@pytest.mark.parametrize("text", HOSTILE.values(), ids=HOSTILE.keys())
@pytest.mark.parametrize(
    ("where", "named"),
    [
        ({"answers": {**THUMBS_UP, "comment": "{}"}}, "answers.comment"),
        ({"answers": {**THUMBS_UP, "went_well__other": "{}"}}, "answers.went_well__other"),
        ({"answers": THUMBS_UP, "page_url": "https://www.fema.example.gov/{}"}, "page_url"),
        ({"answers": THUMBS_UP, "location_code": "DRC{}"}, "location_code"),
        ({"answers": THUMBS_UP, "language": "e{}"}, "language"),
    ],
    ids=["comment", "other write-in", "page_url", "location_code", "language"],
)
def test_the_submission_api_refuses_unacceptable_text_naming_the_field(
    world: World, where: dict[str, Any], named: str, text: str
) -> None:
    survey = published_survey(world)
    fields = {name: value for name, value in where.items() if name != "answers"}
    fields = {name: value.replace("{}", text) for name, value in fields.items()}
    answers = {
        key: value.replace("{}", text) if isinstance(value, str) else value
        for key, value in where["answers"].items()
    }
    response = submit(survey, answers, **fields)
    assert response.status_code == 400, response.content
    body = response.json()
    assert set(body["errors"]) == {named}
    assert "not allowed" in body["errors"][named] or "invalid character" in body["errors"][named]
    assert not Response.objects.exists()


def test_refused_answers_are_counted_and_ordinary_text_is_kept_as_sent(world: World) -> None:
    survey = published_survey(world)
    assert submit(survey, {**THUMBS_UP, "comment": "bad\x00"}).status_code == 400
    assert invalid_rejections() == 1
    kept = "Tabs\tand\r\nlines, acentos ñ, emoji 🙂, \u200fRTL\u200e"
    response = submit(survey, {**THUMBS_UP, "comment": kept, "went_well__other": "Él\tayudó"})
    assert response.status_code == 201
    stored = Response.objects.get()
    assert stored.answers["comment"] == kept
    assert stored.answers["went_well__other"] == "Él\tayudó"


def test_the_problem_is_told_in_the_respondent_s_language(world: World) -> None:
    survey = published_survey(world)
    response = submit(survey, {**THUMBS_UP, "comment": "a\x00b"}, language="es")
    assert response.json()["errors"]["answers.comment"] == (
        "Quite el carácter NUL (U+0000): no se permite en el texto."
    )


def test_text_that_looks_blank_is_still_refused(world: World) -> None:
    """U+001C-U+001F count as white space in Python: stripped, they would have vanished."""
    survey = published_survey(world)
    response = submit(survey, {**THUMBS_UP, "comment": "\x1c\x1d"})
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"answers.comment"}


def test_hostile_language_codes_leave_no_translation_behind(world: World) -> None:
    """The API answers in the submission's language; a code nobody offers must not make Django
    load and keep a catalog for it (one per code sent: memory that only grows)."""
    survey = published_survey(world)
    for n in range(5):
        response = submit(survey, THUMBS_UP, language=f"x-{n}zz")
        assert response.status_code == 400
        assert set(response.json()["errors"]) == {"language"}
    loaded = getattr(trans_real, "_translations", {})
    assert not [code for code in loaded if code.endswith("zz")]


def page(survey: Any) -> str:
    return reverse("collection:survey", args=[survey.public_id])


# A form post cannot carry a lone surrogate: it arrives as UTF-8 bytes, which Django decodes
# with replacement characters. "\x0c\x0b" alone looks blank to str.strip().
@pytest.mark.parametrize(
    "text", ["x\x00y", "x\x1by", "x\x0c\x0by", "\x0c\x0b"], ids=["NUL", "escape", "feeds", "blank"]
)
@pytest.mark.parametrize("field", ["comment", "went_well__other"])
def test_the_hosted_page_shows_a_field_error_for_unacceptable_text(
    world: World, field: str, text: str
) -> None:
    survey = published_survey(world)
    posted = {"step": "1", "trust": "1", "went_well": ["ease", "other"], "comment": "Fine"}
    posted[field] = text
    response = Client().post(page(survey), posted)
    assert response.status_code == 400
    html = response.content.decode()
    assert f'href="#id_{field}"' in html  # the error summary links to the field
    assert "not allowed" in html or "invalid character" in html
    assert not Response.objects.exists()


def test_the_hosted_page_leaves_out_context_that_is_not_text(world: World) -> None:
    """The location code comes from the link and the address from the browser, not from the
    respondent, who could not correct them: their answers are kept, without that context."""
    survey = published_survey(world)
    shown = Client().get(page(survey) + "?location=FO%0021")
    assert "FO\x0021" not in shown.content.decode()
    response = Client().post(
        page(survey),
        {"step": "1", "trust": "1", "went_well": ["ease"], "location": "FO\x1b21"},
        HTTP_REFERER="https://www.fema.example.gov/\x07apply",
    )
    assert response.status_code == 302
    stored = Response.objects.get()
    assert (stored.page_url, stored.location_code) == ("", "")


def test_a_survey_id_that_is_not_text_is_an_unknown_survey(world: World) -> None:
    response = Client().post(
        "/api/v1/submissions",
        {"survey": "ab\ud800cd", "answers": {}},
        content_type="application/json",
        HTTP_ORIGIN=ORIGIN,
    )
    assert (response.status_code, response.json()["error"]) == (404, "unknown_survey")
