"""Every parameter of every read operation, given huge numbers, far dates and hostile text: the
answer is never a server error, and a refusal names the parameter in the product's own words,
never in the words of Python or of the validation library.

The operations and their parameters come from the OpenAPI document, so a parameter added
tomorrow is walked too.
"""

import base64
from typing import Any
from urllib.parse import quote

from django.test import Client, override_settings

from govcx.accounts.tests.api_helpers import token_for, two_tenants
from govcx.api import api
from govcx.collection.tests.helpers import ORIGIN, published_survey, submit
from govcx.reporting.models import Collection
from govcx.testing.factories import World

HUGE = "9" * 5000
# Text that only Python or pydantic write: none of it may reach an API client.
PYTHON_WORDS = (
    "Input should",
    "Value error",
    "Unable to parse",
    "exceeded maximum size",
    "Exceeds the limit",
    "set_int_max_str_digits",
    "String should",
    "Field required",
    "Traceback",
    "pydantic",
    "int_parsing",
)
NUMBERS = (HUGE, "-" + HUGE, "99999999999999999999", "1e400", "0x10", "12.5", "")
DATES = (
    "9999-12-31",
    "0001-01-01",
    "9999-12-31T23:59:59-05:00",
    "0001-01-01T00:00:00+05:00",
    "2026-02-30",
    "+275760-09-13",
    HUGE,
)
TEXTS = ("\x00", "x" * 5000, "caf\u00e9\U0001f600")
SUBJECTS = ("organization", "service", "touchpoint", "life_event")
CURSORS = (
    base64.urlsafe_b64encode(b"v1:" + b"9" * 27).decode().rstrip("="),
    base64.urlsafe_b64encode(b"v1:-1").decode().rstrip("="),
    HUGE,
)


def hostile(schema: dict[str, Any], name: str) -> tuple[str, ...]:
    kinds = schema.get("anyOf", [schema])
    if name == "cursor":
        return CURSORS
    if any(kind.get("type") == "integer" for kind in kinds):
        return NUMBERS
    if any(kind.get("format") in ("date", "date-time") for kind in kinds):
        return DATES
    return TEXTS


def valid_path_values(world: World) -> dict[str, Any]:
    data = two_tenants(world, responses=2)
    return {
        "public_id": data.fema_survey.public_id,
        "organization_slug": "fema",
        "life_event_slug": data.journey.slug,
        "service_id": world.service.pk,
        "touchpoint_id": world.touchpoint.pk,
        "survey_id": data.fema_survey.pk,
        "number": 1,
        "report_id": Collection.objects.get(service=world.service).pk,
    }


def body_of(response: Any) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return content.decode("utf-8", errors="replace")


def test_hostile_parameters_never_cause_a_server_error_or_python_text(world: World) -> None:
    path_values = valid_path_values(world)
    client = Client(HTTP_AUTHORIZATION=f"Bearer {token_for(world.owner)}")
    walked = 0
    for path, operations in api.get_openapi_schema()["paths"].items():
        operation = operations.get("get")
        if operation is None:
            continue
        parameters = operation.get("parameters", [])
        for parameter in parameters:
            name = parameter["name"]
            for value in hostile(parameter["schema"], name):
                url = path
                query: dict[str, str] = {}
                for other in parameters:
                    if other["in"] == "path":
                        given = value if other["name"] == name else path_values[other["name"]]
                        url = url.replace(f"{{{other['name']}}}", quote(str(given), safe=""))
                if parameter["in"] == "query":
                    query[name] = value
                if path.endswith("/metrics") and name not in SUBJECTS:
                    query["organization"] = "fema"  # the one subject metrics require
                    query.update({"start": "0001-01-01", "end": "9999-12-31"}, **{name: value})
                response = client.get(url, query)
                where = f"{path} {name}={value[:30]!r}"
                walked += 1
                assert response.status_code < 500, where
                text = body_of(response)
                leaked = [words for words in PYTHON_WORDS if words in text]
                assert leaked == [], f"{where}: {response.status_code} {text[:300]}"
                if response.status_code == 400:
                    errors = response.json()["errors"]
                    assert name in errors or parameter["in"] == "path", f"{where}: {errors}"
    assert walked > 100


@override_settings(DEBUG=True)  # the framework then appends the parser's exception to its text
def test_a_body_the_api_cannot_parse_is_described_in_its_own_words(world: World) -> None:
    survey = published_survey(world)
    body = f'{{"survey": "{survey.public_id}", "touchpoint": {HUGE}, "answers": {{}}}}'
    response = Client().post(
        "/api/v1/submissions", body, content_type="application/json", HTTP_ORIGIN=ORIGIN
    )
    assert response.status_code == 400
    assert response.json()["message"] == "The request body is not valid JSON."


def test_schema_problems_name_the_field_in_the_products_words(world: World) -> None:
    survey = published_survey(world)
    response = submit(
        survey,
        {"trust": {"nested": "object"}},
        language="x" * 50,
        idempotency_key=5,
        bot_field="buy now",
    )
    assert response.status_code == 400
    assert response.json()["errors"] == {
        "answers.trust": "Not a kind of value this field takes.",
        "language": "Use at most 12 characters.",
        "idempotency_key": "Give text.",
        "bot_field": "Not a field of this operation.",
    }
